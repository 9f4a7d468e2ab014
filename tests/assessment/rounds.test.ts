import {execFileSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {briefs} from '../helpers/cli.js'
import {expectGolden} from '../helpers/golden.js'

const work = mkdtempSync(join(tmpdir(), 'briefs-rounds-'))
const fixture = join(import.meta.dirname, 'fixtures', 'rounds-CL.yaml')

function exportForm(profiles: string, out: string): string {
  const run = briefs(['assessment', 'export', '--country', 'CL', '--out', out, '--profiles', profiles])
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return run.stdout.trim()
}

/** Open a form, set status cells (`{row: label}`, row = recommendation + 1), save it under `to`. */
async function answer(from: string, to: string, statuses: Record<number, string>): Promise<string> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(from)
  const sheet = book.getWorksheet('Evaluación')!
  for (const [number, status] of Object.entries(statuses)) {
    expect(sheet.getCell(`A${Number(number) + 1}`).value).toBe(Number(number))
    sheet.getCell(`D${Number(number) + 1}`).value = status
  }
  mkdirSync(join(to, '..'), {recursive: true})
  await book.xlsx.writeFile(to)
  return to
}

function summaryOf(json: string): unknown {
  const view = JSON.parse(json)
  return {summary: view.country.summary, byGuideline: view.country.byGuideline}
}

function buildJson(profiles: string, extra: string[] = []): {json: string; path: string} {
  const out = join(work, `json-${extra.join('') || 'latest'}`)
  const run = briefs(['build', '--country', 'CL', '--format', 'json', '--out', out, '--profiles', profiles, ...extra])
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  const path = run.stdout.trim()
  return {json: readFileSync(path, 'utf8'), path}
}

// Two rounds of Chile's answers, the second saved through LibreOffice Calc.
describe('two rounds of self-assessment', {timeout: 400_000}, () => {
  const profiles = join(work, 'profiles')
  let round1: string
  beforeAll(async () => {
    mkdirSync(profiles, {recursive: true})
    copyFileSync(fixture, join(profiles, 'CL.yaml'))
    // Round 1 (2 March 2026): 1 changes, 2 and 6 are new; 3 and 5 stay as written.
    const form1 = exportForm(profiles, join(work, 'form1'))
    const filled1 = await answer(form1, join(work, 'filled1', 'CL-assessment.xlsx'), {1: 'Implementada', 2: 'En curso', 6: 'Implementada'})
    const run1 = briefs(['assessment', 'import', filled1, '--profiles', profiles, '--date', '2026-03-02'])
    expect(run1.stderr).toBe('')
    expect(run1.status).toBe(0)
    round1 = buildJson(profiles).json
    // Round 2 (10 June 2026), from a form exported after round 1 and saved by LibreOffice:
    // 2 and 5 move to implemented, 6 to in progress, 8 and 9 are new.
    const form2 = exportForm(profiles, join(work, 'form2'))
    const filled2 = await answer(form2, join(work, 'filled2', 'CL-assessment.xlsx'), {2: 'Implementada', 5: 'Implementada', 6: 'En curso', 8: 'No iniciada', 9: 'Implementada'})
    const lo = join(work, 'lo')
    execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'lo-user')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', lo, filled2], {stdio: 'pipe', timeout: 150_000})
    const saved = join(lo, 'CL-assessment.xlsx')
    expect(readFileSync(saved).equals(readFileSync(filled2))).toBe(false)
    const run2 = briefs(['assessment', 'import', saved, '--profiles', profiles, '--date', '2026-06-10'])
    expect(run2.stderr).toBe('')
    expect(run2.status).toBe(0)
    expect(run2.stdout).toMatch(/new answers\s+2 {2}\(8, 9\)/)
    expect(run2.stdout).toMatch(/changed answers\s+3 {2}\(2, 5, 6\)/)
  })

  it('keeps every earlier answer in its history, and the comments (golden)', () => {
    const text = readFileSync(join(profiles, 'CL.yaml'), 'utf8')
    const profile = parse(text)
    expect(profile.assessments['2']).toEqual({
      status: 'implemented', form: 'CL-assessment.xlsx', received: '2026-06-10',
      history: [{status: 'in-progress', form: 'CL-assessment.xlsx', received: '2026-03-02', replaced: '2026-06-10'}],
    })
    expect(profile.assessments['1'].history).toEqual([{status: 'in-progress', note: 'Proyecto en preparación (dato inventado).', assessed: '2026-01-15', replaced: '2026-03-02'}])
    for (const comment of ['# The ministry\'s first answer, written by hand before any form.', '# to be confirmed by the ministry', '# Left alone by both rounds.', '# Why it does not apply, as the ministry put it.', '# Answers (invented).']) {
      expect(text).toContain(comment)
    }
    expectGolden(join(import.meta.dirname, 'golden', 'rounds-profile.two-imports.yaml'), text)
  })

  it('the PDF brief says what moved since the previous round', () => {
    const out = join(work, 'pdf')
    const run = briefs(['build', '--country', 'CL', '--format', 'pdf', '--out', out, '--profiles', profiles])
    expect(run.stderr).toBe('')
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', run.stdout.trim(), '-'], {encoding: 'utf8'}).replace(/\s+/g, ' ')
    expect(text).toContain('Desde la ronda anterior (2 de marzo de 2026): 2 recomendaciones pasaron a «Implementada», 1 a «En curso»; 2 respuestas nuevas.')
    const md = briefs(['build', '--country', 'CL', '--format', 'md', '--lang', 'en', '--out', out, '--profiles', profiles])
    expect(readFileSync(md.stdout.trim(), 'utf8')).toContain('Since the previous round (2 March 2026): 2 recommendations moved to implemented, 1 to in progress; 2 new answers.')
  })

  it('--as-of before the second round gives the first round\'s figures', () => {
    const latest = buildJson(profiles)
    expect(summaryOf(latest.json)).not.toEqual(summaryOf(round1))
    expect(JSON.parse(latest.json).country.change).toMatchObject({previous: '2026-03-02', latest: '2026-06-10', newAnswers: [8, 9]})
    const before = buildJson(profiles, ['--as-of', '2026-04-01'])
    expect(before.path).toMatch(/country-cl-as-of-2026-04-01-es\.json$/)
    expect(summaryOf(before.json)).toEqual(summaryOf(round1))
    const counts = (json: string) => Object.fromEntries(JSON.parse(json).country.summary.map((s: {status: string | null; count: number}) => [s.status ?? 'none', s.count]))
    expect(counts(before.json)).toEqual({'not-started': 1, 'in-progress': 1, implemented: 2, 'not-applicable': 1, none: 108})
    expect(counts(latest.json)).toEqual({'not-started': 1, 'in-progress': 1, implemented: 4, 'not-applicable': 1, none: 106})
    expect(JSON.parse(before.json).country.change).toBeNull()
    const select = briefs(['select', '--country', 'CL', '--profiles', profiles, '--as-of', '2026-04-01', '--json'])
    expect(select.status).toBe(0)
    expect(JSON.parse(select.stdout).country).toMatchObject({summary: JSON.parse(round1).country.summary, asOf: '2026-03-02', change: null})
    const now = briefs(['select', '--country', 'CL', '--profiles', profiles])
    expect(now.stdout).toContain('Desde la ronda anterior (2 de marzo de 2026): 2 recomendaciones pasaron a «Implementada», 1 a «En curso»; 2 respuestas nuevas.')
  })

  it('refuses a date that is not one, naming --as-of', () => {
    for (const bad of ['2026-02-30', 'yesterday']) {
      const run = briefs(['select', '--country', 'CL', '--profiles', profiles, '--as-of', bad])
      expect(run.status).toBe(2)
      expect(run.stderr).toMatch(new RegExp(`Unexpected date \`${bad}\` in --as-of`))
    }
    // In a brief spec it is a problem in that file, with its line.
    const spec = join(work, 'as-of.yaml')
    writeFileSync(spec, 'country: CL\nasOf: 2026-13-01\n')
    const inFile = briefs(['select', '--spec', spec, '--profiles', profiles])
    expect(inFile.status).toBe(1)
    expect(inFile.stderr).toMatch(/as-of\.yaml:2:7: Expected a date that exists \(at `asOf`\) \[spec\]/)
    writeFileSync(spec, 'country: CL\nasOf: 2026-04-01\n')
    const fromFile = briefs(['select', '--spec', spec, '--profiles', profiles, '--json'])
    expect(JSON.parse(fromFile.stdout).country.summary).toEqual(JSON.parse(round1).country.summary)
    expect(readdirSync(profiles)).toEqual(['CL.yaml'])
  })
})
