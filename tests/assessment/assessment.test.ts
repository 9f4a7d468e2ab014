import {execFileSync} from 'node:child_process'
import {copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {Zip, ZipDeflate} from 'fflate'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {briefs, projectRoot} from '../helpers/cli.js'
import {expectGolden} from '../helpers/golden.js'

const work = mkdtempSync(join(tmpdir(), 'briefs-assessment-'))
const shippedCL = join(projectRoot, 'content', 'countries', 'CL.yaml')
const statusLabels = ['No iniciada', 'En curso', 'Implementada', 'No aplica'] as const

/** A fresh profiles folder holding a copy of one profile. */
function profilesWith(name: string, source = shippedCL): string {
  const dir = join(work, name)
  mkdirSync(dir, {recursive: true})
  copyFileSync(source, join(dir, 'CL.yaml'))
  return dir
}

/** `work/dir/name`, its folder made. */
function fileIn(dir: string, name: string): string {
  mkdirSync(join(work, dir), {recursive: true})
  return join(work, dir, name)
}

function exportForm(profiles: string, out: string, country = 'CL'): string {
  mkdirSync(out, {recursive: true})
  const run = briefs(['assessment', 'export', '--country', country, '--out', out, '--profiles', profiles])
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return run.stdout.trim()
}

/** Open a form with exceljs, let `edit` change its assessment sheet, save it under `to`. */
async function editForm(from: string, to: string, edit: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<string> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(from)
  edit(book.getWorksheet('Evaluación')!, book)
  await book.xlsx.writeFile(to)
  return to
}

/** Rows 2–21 hold recommendations 1–20: give each a status, a note, evidence and a date. */
function fillTwenty(sheet: ExcelJS.Worksheet): void {
  for (let n = 1; n <= 20; n++) {
    const row = sheet.getRow(n + 1)
    expect(row.getCell('A').value).toBe(n)
    row.getCell('D').value = statusLabels[n % 4]!
    row.getCell('E').value = `Nota de prueba ${n}`
    row.getCell('F').value = n % 2 === 0 ? {text: 'informe', hyperlink: `https://www.example.gob/informe-${n}`} : `https://www.example.gob/informe-${n}`
    row.getCell('G').value = new Date(Date.UTC(2026, 2, n))
  }
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], {encoding: 'utf8'})
}

// Each test runs the CLI several times (and LibreOffice once): minutes on a busy two-core machine.
describe('assessment round trip', {timeout: 300_000}, () => {
  let profiles: string
  let form: string
  let filled: string
  beforeAll(async () => {
    profiles = profilesWith('round-trip')
    form = exportForm(profiles, join(work, 'forms'))
    filled = await editForm(form, fileIn('filled', 'CL-assessment.xlsx'), fillTwenty)
  })

  it('exports a form with locked recommendation columns, a status list and its print set-up', async () => {
    expect(form.endsWith('CL-assessment.xlsx')).toBe(true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(form)
    expect(book.worksheets.map((s) => [s.name, s.state])).toEqual([['Instrucciones', 'visible'], ['Evaluación', 'visible'], ['_briefs', 'hidden']])
    const sheet = book.getWorksheet('Evaluación')!
    expect(sheet.rowCount).toBe(114)
    expect(sheet.getCell('C2').value).toMatch(/^Profundizar los esfuerzos .* \(págs?\. [\d y]+\)$/)
    expect(sheet.getCell('D2').dataValidation).toMatchObject({type: 'list', formulae: [`"${statusLabels.join(',')}"`], showErrorMessage: true})
    expect(sheet.getCell('C2').protection?.locked).not.toBe(false)
    expect(sheet.getCell('D2').protection?.locked).toBe(false)
    expect(sheet.sheetProtection?.sheet).toBe(true)
    expect(sheet.views[0]).toMatchObject({state: 'frozen', ySplit: 1})
    expect(sheet.autoFilter).toBe('A1:G114')
    expect(sheet.pageSetup).toMatchObject({orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1'})
    const instructions = book.getWorksheet('Instrucciones')!
    const text = instructions.getColumn(1).values.join('\n')
    for (const label of statusLabels) expect(text).toContain(`${label}: `)
    expect(text).toContain('devuelva el archivo')
  })

  it('imports 20 answers and the PDF brief shows them with the chart', () => {
    const run = briefs(['assessment', 'import', filled, '--profiles', profiles, '--date', '2026-03-25'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/new answers\s+20 {2}\(1, 2, 3, .*, 20\)/)
    const profile = parse(readFileSync(join(profiles, 'CL.yaml'), 'utf8'))
    expect(Object.keys(profile.assessments)).toHaveLength(20)
    // Each imported answer records its form and the import date (its round).
    expect(profile.assessments['3']).toEqual({status: 'not-applicable', note: 'Nota de prueba 3', evidence: 'https://www.example.gob/informe-3', assessed: '2026-03-03', form: 'CL-assessment.xlsx', received: '2026-03-25'})
    expect(profile.assessments['4'].evidence).toBe('https://www.example.gob/informe-4')
    expect(profile.imported).toEqual({form: 'CL-assessment.xlsx', date: '2026-03-25'})

    const again = briefs(['assessment', 'import', filled, '--profiles', profiles, '--dry-run'])
    expect(again.stdout).toMatch(/unchanged answers\s+20/)

    const out = join(work, 'brief')
    const build = briefs(['build', '--country', 'CL', '--format', 'pdf', '--out', out, '--profiles', profiles])
    expect(build.stderr).toBe('')
    const text = pdfText(build.stdout.trim())
    for (let n = 1; n <= 20; n++) expect(text).toContain(`Nota de prueba ${n}`)
    expect(text).toContain('Estado de las recomendaciones por lineamiento')
    // The counts table beside the chart: 5 of each status, 93 not assessed.
    const counts = text.replace(/\s+/g, ' ')
    for (const label of statusLabels) expect(counts).toMatch(new RegExp(`${label} 5\\b`))
    expect(counts).toMatch(/No evaluada 93\b/)
    expect(counts).toContain('Autoevaluación al 20 de marzo de 2026')
    for (const label of statusLabels) expect(text.split(label).length - 1).toBeGreaterThanOrEqual(5)
  })

  it('imports a form saved by LibreOffice Calc', () => {
    const lo = join(work, 'lo')
    const loProfiles = profilesWith('lo')
    execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'lo-user')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', lo, filled], {stdio: 'pipe', timeout: 150_000})
    const saved = join(lo, 'CL-assessment.xlsx')
    expect(readFileSync(saved).equals(readFileSync(filled))).toBe(false)
    const run = briefs(['assessment', 'import', saved, '--profiles', loProfiles])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const profile = parse(readFileSync(join(loProfiles, 'CL.yaml'), 'utf8'))
    expect(Object.keys(profile.assessments)).toHaveLength(20)
    expect(profile.assessments['17']).toEqual({status: 'in-progress', note: 'Nota de prueba 17', evidence: 'https://www.example.gob/informe-17', assessed: '2026-03-17', form: 'CL-assessment.xlsx', received: new Date().toISOString().slice(0, 10)})
  })

  it('keeps an answer an empty cell leaves out, and erases it with --clear-empty', async () => {
    const dir = profilesWith('clear')
    const first = briefs(['assessment', 'import', filled, '--profiles', dir])
    expect(first.status).toBe(0)
    const emptied = await editForm(filled, fileIn('emptied', 'emptied.xlsx'), (sheet) => {
      for (const col of ['D', 'E', 'F', 'G']) sheet.getCell(`${col}3`).value = null
    })
    const kept = briefs(['assessment', 'import', emptied, '--profiles', dir])
    expect(kept.stdout).toMatch(/answers kept \(empty in the form; --clear-empty erases\)\s+1 {2}\(2\)/)
    expect(parse(readFileSync(join(dir, 'CL.yaml'), 'utf8')).assessments['2']).toBeDefined()
    const erased = briefs(['assessment', 'import', emptied, '--profiles', dir, '--clear-empty'])
    expect(erased.stdout).toMatch(/answers erased .*\s+1 {2}\(2\)/)
    expect(parse(readFileSync(join(dir, 'CL.yaml'), 'utf8')).assessments['2']).toBeUndefined()
  })

  it('keeps the profile\'s comments through an import (golden)', async () => {
    const dir = profilesWith('comments', join(projectRoot, 'examples', 'profiles', 'CL.yaml'))
    const exampleForm = exportForm(dir, join(work, 'example-form'))
    const edited = await editForm(exampleForm, fileIn('example-edited', 'CL-assessment.xlsx'), (sheet) => {
      sheet.getCell('D3').value = 'Implementada' // recommendation 2: new
      sheet.getCell('E5').value = 'Nota cambiada' // recommendation 4: changed
    })
    const run = briefs(['assessment', 'import', edited, '--profiles', dir, '--date', '2026-03-25'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/new answers\s+1 {2}\(2\)/)
    expect(run.stdout).toMatch(/changed answers\s+1 {2}\(4\)/)
    expectGolden(join(import.meta.dirname, 'golden', 'example-profile.imported.yaml'), readFileSync(join(dir, 'CL.yaml'), 'utf8'))
  })

  it('warns, naming the numbers, when recommendation texts changed since the form was made', async () => {
    const dir = profilesWith('changed-text')
    const older = await editForm(filled, fileIn('older', 'older-form.xlsx'), (_sheet, book) => {
      const data = book.getWorksheet('_briefs')!
      data.getCell('B11').value = '0000000000000000' // recommendation 3
      data.getCell('B20').value = '0000000000000000' // recommendation 12
    })
    const run = briefs(['assessment', 'import', older, '--profiles', dir])
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/older-form\.xlsx: warning: the text of recommendations 3, 12 changed since the form was made/)
  })
})

describe('bad forms are refused and the profile stays byte-identical', {timeout: 300_000}, () => {
  let profiles: string
  let form: string
  let before: Buffer
  beforeAll(() => {
    profiles = profilesWith('refused')
    form = exportForm(profiles, join(work, 'refused-forms'))
    before = readFileSync(join(profiles, 'CL.yaml'))
  })

  const refused = (file: string, message: RegExp, extra: string[] = []) => {
    const run = briefs(['assessment', 'import', file, '--profiles', profiles, ...extra])
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.status).toBe(1)
    expect(readFileSync(join(profiles, 'CL.yaml')).equals(before)).toBe(true)
    return run
  }
  const variant = (name: string, edit: (sheet: ExcelJS.Worksheet) => void) =>
    editForm(form, join(work, 'refused-forms', name), (sheet) => {
      fillTwenty(sheet)
      edit(sheet)
    })

  it('a status that is not on the list', async () => {
    const file = await variant('CL-wrong-status.xlsx', (sheet) => (sheet.getCell('D14').value = 'hecho'))
    refused(file, /^CL-wrong-status\.xlsx: Evaluación!D14: "hecho" is not a status; expected one of: No iniciada, En curso, Implementada, No aplica$/m)
  })

  it('every problem at once, each with its cell', async () => {
    const file = await variant('CL-many.xlsx', (sheet) => {
      sheet.getCell('F5').value = 'www.example'
      sheet.getCell('G6').value = 'ayer'
      sheet.getCell('G8').value = '2026-02-30'
      sheet.getCell('A7').value = 99
    })
    const run = refused(file, /Evaluación!F5: "www\.example" is not a web address/)
    expect(run.stderr).toMatch(/Evaluación!G6: "ayer" is not a date; expected YYYY-MM-DD/)
    expect(run.stderr).toMatch(/Evaluación!G8: "2026-02-30" is not a date/)
    expect(run.stderr).toMatch(/Evaluación!A7: expected recommendation 6 here, found "99"; columns A–C must not be edited/)
    expect(run.stderr).toMatch(/4 problems; nothing imported, the profile is unchanged/)
  })

  it('another country\'s form', () => {
    const other = exportForm(profiles, join(work, 'ar'), 'AR')
    refused(other, /AR-assessment\.xlsx: this form is Argentina's \(AR\), not CL's/, ['--country', 'CL'])
    const renamed = join(work, 'ar', 'CL-assessment.xlsx')
    copyFileSync(other, renamed)
    refused(renamed, /CL-assessment\.xlsx: the file name says CL but the form is for AR/)
  })

  it('an empty file, a text file renamed .xlsx, a zip that is not a workbook', () => {
    const empty = join(work, 'empty.xlsx')
    writeFileSync(empty, '')
    refused(empty, /^empty\.xlsx: the file is empty/m)
    const text = join(work, 'notes.xlsx')
    writeFileSync(text, 'status,note\nhecho,listo\n')
    refused(text, /^notes\.xlsx: not an \.xlsx workbook \(it is not a zip archive\)/m)
  })

  it('a zip bomb renamed .xlsx: refused from its declared sizes, without unpacking it', async () => {
    const bomb = join(work, 'bomb.xlsx')
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(bomb)
      const zip = new Zip((error, chunk, final) => {
        if (error) return reject(error)
        out.write(chunk)
        if (final) out.end(resolve)
      })
      const entry = new ZipDeflate('xl/worksheets/sheet1.xml', {level: 1})
      zip.add(entry)
      const zeros = new Uint8Array(1 << 20)
      for (let i = 0; i < 256; i++) entry.push(zeros, i === 255)
      zip.end()
    })
    expect(readFileSync(bomb).length).toBeLessThan(1 << 20)
    refused(bomb, /^bomb\.xlsx: the workbook would unpack to more than 64 MB \(a compressed "zip bomb"\?\); refused without unpacking it$/m)
  })
})
