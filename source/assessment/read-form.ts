import {readFileSync, statSync} from 'node:fs'
import {basename} from 'node:path'
import ExcelJS from 'exceljs'
import {unzipSync, zipSync, type Unzipped} from 'fflate'
import type {AssessmentAnswer} from '../annotate/write-profile.js'
import {errorCode, inputError} from '../errors.js'
import {loadLabels} from '../labels/index.js'
import {columns, dataSheetName, formMarker, formVersion, headerRow, type FormData} from './form-data.js'
import {assessmentStatuses, isOneOf, languages, type AssessmentStatus} from '../model/vocabulary.js'

/** Limits for a workbook we open: a real form is some 50 KB, unpacking to under 1 MB. */
export const formLimits = {fileBytes: 10 * 1024 * 1024, unpackedBytes: 64 * 1024 * 1024, entries: 500} as const

/** One row of the form as the user left it. */
export interface FormRow {
  readonly row: number
  readonly number: number
  /** `null`: the status cell is empty. */
  readonly answer: AssessmentAnswer | null
}

export interface FormReading {
  readonly data: FormData
  readonly rows: FormRow[]
  /** `FILE: Sheet!D14: reason`, one per problem; the form is refused when there is any. */
  readonly problems: string[]
}

/**
 * Open a filled form and check every cell. Problems in the cells are
 * collected (all of them, each naming its cell); a file that is not a form at
 * all is refused at once with an input error.
 */
export async function readForm(path: string): Promise<FormReading> {
  const name = basename(path)
  const fail = (reason: string) => inputError(`${name}: ${reason}`)
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    throw fail(`Cannot read the file (${errorCode(error) ?? String(error)})`)
  }
  if (size === 0) throw fail('the file is empty; expected an .xlsx form made by `briefs assessment export`')
  if (size > formLimits.fileBytes) throw fail(`the file is ${mb(size)}, larger than any form (limit ${mb(formLimits.fileBytes)})`)
  const bytes = readFileSync(path)
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs types `load` with its own global `Buffer extends ArrayBuffer`, which no Node buffer or byte array
    // satisfies; at run time it takes any bytes (JSZip reads them).
    await workbook.xlsx.load(boundedCopy(bytes, fail) as unknown as ArrayBuffer)
  } catch (error) {
    if (error instanceof Error && error.name === 'BriefsError') throw error
    throw fail(`Cannot read the workbook (${error instanceof Error ? error.message : String(error)})`)
  }

  const dataSheet = workbook.getWorksheet(dataSheetName)
  if (!dataSheet || text(dataSheet.getCell('A1').value) !== formMarker) throw fail('not a form made by `briefs assessment export` (its hidden form-data sheet is missing)')
  const field = (row: number, key: string) => {
    if (text(dataSheet.getCell(row, 1).value) !== key) throw fail(`the hidden form-data sheet was changed (${dataSheetName}!A${row}); export a new form`)
    return text(dataSheet.getCell(row, 2).value)
  }
  const version = Number(text(dataSheet.getCell('B1').value))
  if (version !== formVersion) throw fail(`form version ${version} is not supported (expected ${formVersion}); export a new form`)
  const lang = field(5, 'lang')
  if (!isOneOf(languages, lang)) throw fail(`the hidden form-data sheet was changed (${dataSheetName}!B5); export a new form`)
  const count = Number(field(8, 'rows'))
  const data: FormData = {
    version,
    country: field(2, 'country'),
    document: field(3, 'document'),
    edition: field(4, 'edition'),
    lang,
    sheet: field(6, 'sheet'),
    made: field(7, 'made'),
    rows: Array.from({length: Number.isInteger(count) && count > 0 && count < 10_000 ? count : 0}, (_, i) => ({
      number: Number(text(dataSheet.getCell(9 + i, 1).value)),
      hash: text(dataSheet.getCell(9 + i, 2).value),
    })),
  }
  const sheet = workbook.getWorksheet(data.sheet)
  if (!sheet) throw fail(`the sheet «${data.sheet}» is missing`)

  const labels = loadLabels(lang)
  const statusByLabel = new Map<string, AssessmentStatus>()
  for (const status of assessmentStatuses) {
    statusByLabel.set(fold(labels[`status.${status}`]!), status)
    statusByLabel.set(status, status)
  }
  const expected = assessmentStatuses.map((s) => labels[`status.${s}`]).join(', ')
  const problems: string[] = []
  const at = (col: string, row: number, reason: string) => problems.push(`${name}: ${data.sheet}!${col}${row}: ${reason}`)

  const rows: FormRow[] = []
  data.rows.forEach((meta, index) => {
    const row = headerRow + 1 + index
    const cell = (col: string) => sheet.getCell(`${col}${row}`).value
    const number = cell(columns.number)
    if (Number(text(number)) !== meta.number) {
      at(columns.number, row, `expected recommendation ${meta.number} here, found ${text(number) ? `"${text(number)}"` : 'an empty cell'}; columns ${columns.number}–${columns.recommendation} must not be edited`)
      return
    }
    const statusText = text(cell(columns.status))
    const status = statusText ? statusByLabel.get(fold(statusText)) : undefined
    if (statusText && !status) at(columns.status, row, `"${statusText}" is not a status; expected one of: ${expected}`)
    const note = text(cell(columns.note))
    const evidence = hyperlinkOf(cell(columns.evidence))
    if (evidence && !isWebAddress(evidence)) at(columns.evidence, row, `"${evidence}" is not a web address; expected one starting with https:// or http://`)
    const assessed = dateOf(cell(columns.assessed))
    if (assessed === false) at(columns.assessed, row, `"${text(cell(columns.assessed))}" is not a date; expected YYYY-MM-DD`)
    if (!statusText && (note || evidence || assessed)) at(columns.status, row, `a note, evidence or date is given without a status; choose one of: ${expected}`)
    if (statusText && !status) return
    rows.push({
      row,
      number: meta.number,
      answer: status
        ? {status, ...(note ? {note} : {}), ...(evidence ? {evidence} : {}), ...(assessed ? {assessed} : {})}
        : null,
    })
  })
  // Anything written below the form's rows would be silently lost: say so.
  const lastRow = headerRow + data.rows.length
  sheet.eachRow((r, number) => {
    if (number <= lastRow) return
    r.eachCell((c) => {
      if (text(c.value)) at(c.address.replace(/\d+$/, ''), number, 'this cell is outside the form\'s rows; answers belong on the row of their recommendation')
    })
  })
  return {data, rows, problems}
}

/**
 * Check the zip's declared sizes before anything is unpacked, then hand the
 * workbook reader a stored (uncompressed) copy: its size is what we counted,
 * so a zip bomb never reaches it and memory stays bounded.
 */
function boundedCopy(bytes: Uint8Array, fail: (reason: string) => Error): Uint8Array {
  let total = 0
  let entries = 0
  let files: Unzipped
  try {
    files = unzipSync(bytes, {
      filter(file) {
        entries++
        total += file.originalSize
        if (entries > formLimits.entries) throw fail(`the workbook holds more than ${formLimits.entries} parts; it is not a form`)
        if (total > formLimits.unpackedBytes) throw fail(`the workbook would unpack to more than ${mb(formLimits.unpackedBytes)} (a compressed "zip bomb"?); refused without unpacking it`)
        return true
      },
    })
  } catch (error) {
    if (error instanceof Error && error.name === 'BriefsError') throw error
    throw fail('not an .xlsx workbook (it is not a zip archive); expected a form made by `briefs assessment export`')
  }
  if (!files['xl/workbook.xml']) throw fail('not an .xlsx workbook (no xl/workbook.xml inside)')
  return zipSync(files, {level: 0})
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`
}

function fold(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase()
}

/** The text of a cell as the user sees it (rich text joined, formulas by their result). */
function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim()
    if ('hyperlink' in value) return text(value.text)
    if ('formula' in value || 'sharedFormula' in value) return text(value.result)
    if ('error' in value) return String(value.error)
    return ''
  }
  return String(value).trim()
}

/** A link cell gives its target; a typed address is its text. */
function hyperlinkOf(value: ExcelJS.CellValue): string {
  if (value && typeof value === 'object' && 'hyperlink' in value && value.hyperlink) return value.hyperlink.trim()
  return text(value)
}

function isWebAddress(s: string): boolean {
  try {
    const url = new URL(s)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && !/\s/.test(s)
  } catch {
    return false
  }
}

/** `YYYY-MM-DD`, `''` for an empty cell, or `false` for something that is not a date. */
function dateOf(value: ExcelJS.CellValue): string | false {
  if (value === null || value === undefined || value === '') return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? false : value.toISOString().slice(0, 10)
  const s = text(value)
  if (!s) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!match) return false
  const date = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s) ? s : false
}
