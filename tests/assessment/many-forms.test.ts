import {cpSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {unzipSync} from 'fflate'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {briefs, projectRoot} from '../helpers/cli.js'

const work = mkdtempSync(join(tmpdir(), 'briefs-many-forms-'))
const shipped = join(projectRoot, 'content', 'countries')

// The collecting team's round: every country's form out, 33 filled forms back in one command.
describe('33 forms exported and imported at once', {timeout: 400_000}, () => {
  const profiles = join(work, 'profiles')
  const forms = join(work, 'forms')
  let paths: string[]
  let brokenSheet: string
  let jamaicaBefore: Buffer
  beforeAll(async () => {
    cpSync(shipped, profiles, {recursive: true})
    const run = briefs(['assessment', 'export', '--all', '--out', forms, '--profiles', profiles])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    paths = run.stdout.trim().split('\n')
    // Answers 1 and 2 in every form; Jamaica's form gets a status that is not one.
    for (const path of paths.filter((p) => p.endsWith('.xlsx'))) {
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile(path)
      const sheet = book.worksheets[1]!
      sheet.getCell('D2').value = 'implemented'
      sheet.getCell('D3').value = 'in-progress'
      sheet.getCell('E3').value = 'Invented test answer'
      if (path.endsWith('JM-assessment.xlsx')) {
        sheet.getCell('D14').value = 'hecho'
        brokenSheet = sheet.name
      }
      await book.xlsx.writeFile(path)
    }
    jamaicaBefore = readFileSync(join(profiles, 'JM.yaml'))
  })

  it('export --all writes 33 forms, each in its country\'s language, and a zip of them', async () => {
    expect(paths).toHaveLength(34)
    expect(paths.at(-1)).toMatch(/assessment-forms-lac\.zip$/)
    const zipped = Object.keys(unzipSync(readFileSync(paths.at(-1)!))).sort()
    expect(zipped).toEqual(readdirSync(shipped).map((f) => f.replace('.yaml', '-assessment.xlsx')).sort())
    const sheetOf = async (code: string) => {
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile(join(forms, `${code}-assessment.xlsx`))
      return book.worksheets[1]!.name
    }
    expect(await sheetOf('CL')).toBe('Evaluación')
    expect(await sheetOf('BR')).not.toBe('Evaluación')
    expect(await sheetOf('JM')).not.toBe(await sheetOf('CL'))
  })

  it('export --region caribbean writes the 13 Caribbean forms only', () => {
    const out = join(work, 'caribbean')
    const run = briefs(['assessment', 'export', '--region', 'caribbean', '--out', out, '--profiles', profiles])
    expect(run.status).toBe(0)
    const written = run.stdout.trim().split('\n')
    expect(written).toHaveLength(14)
    expect(written.some((p) => p.endsWith('JM-assessment.xlsx'))).toBe(true)
    expect(written.some((p) => p.endsWith('CL-assessment.xlsx'))).toBe(false)
    expect(Object.keys(unzipSync(readFileSync(join(out, 'assessment-forms-caribbean.zip'))))).toHaveLength(13)
    const bad = briefs(['assessment', 'export', '--region', 'andes', '--out', out, '--profiles', profiles])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/Unknown region `andes` in --region\. Valid values: lac, south-america, central-america-mexico, caribbean/)
  })

  it('imports the 32 good forms, refuses the broken one by its cell and leaves its profile byte-identical', () => {
    const xlsx = paths.filter((p) => p.endsWith('.xlsx'))
    const run = briefs(['assessment', 'import', ...xlsx, '--profiles', profiles, '--date', '2026-03-02'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`JM-assessment.xlsx: ${brokenSheet}!D14: "hecho" is not a status`)
    expect(run.stderr).toMatch(/1 of 33 forms refused \(their profiles are unchanged\); the other 32 imported/)
    expect(readFileSync(join(profiles, 'JM.yaml')).equals(jamaicaBefore)).toBe(true)
    // A form in English or Portuguese is checked against the texts it showed, not the Spanish
    // original's (before: 14 forms warned that all 113 texts had changed).
    expect(run.stderr).not.toMatch(/changed since the form was made/)
    // The summary table: a row per form.
    expect(run.stdout).toMatch(/33 forms: 32 imported, 1 refused/)
    expect(run.stdout).toMatch(/^JM-assessment\.xlsx\s+refused: 1 problem$/m)
    expect(run.stdout).toMatch(/^CL-assessment\.xlsx\s+Chile \(CL\)\s+2\s+0\s+0\s+0\s+0$/m)
    const rows = run.stdout.split('\n').filter((line) => /^[A-Z]{2}-assessment\.xlsx {2}/.test(line))
    expect(rows).toHaveLength(33)
    for (const file of readdirSync(profiles)) {
      if (file === 'JM.yaml') continue
      const profile = parse(readFileSync(join(profiles, file), 'utf8'))
      expect(profile.assessments['1'], file).toEqual({status: 'implemented', form: file.replace('.yaml', '-assessment.xlsx'), received: '2026-03-02'})
      expect(profile.assessments['2'].note, file).toBe('Invented test answer')
      // The profile's own comments stay above the answers.
      expect(readFileSync(join(profiles, file), 'utf8'), file).toContain('# Perfil de país:')
    }
  })
})
