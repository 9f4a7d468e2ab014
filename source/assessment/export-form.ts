import ExcelJS from 'exceljs'
import type {Project} from '../annotate/load-project.js'
import {format, loadLabels} from '../labels/index.js'
import {select} from '../select/select.js'
import {columns, dataSheetName, documentOf, formMarker, formVersion, headerRow, textHash} from './form-data.js'
import {assessmentStatuses, type Language} from '../model/vocabulary.js'

export interface ExportOptions {
  readonly country: string
  readonly lang: Language
  /** The day the form is made (recorded in it). */
  readonly date: Date
}

/** Colours of the form (the brief's own palette: ECLAC blue header, grey locked cells). */
const colours = {header: 'FF1F4E79', headerText: 'FFFFFFFF', locked: 'FFF2F2F2'} as const

/**
 * The self-assessment form of one country as `.xlsx` bytes: an instructions
 * sheet, the assessment sheet (one row per recommendation of the country's
 * focus, prefilled from its profile) and a hidden sheet recording what the
 * form was made from.
 */
export async function exportForm(project: Project, options: ExportOptions): Promise<Uint8Array> {
  const {country: code, lang} = options
  const labels = loadLabels(lang)
  const view = select(project, {kind: 'country', country: code, lang, guidelines: [], audiences: [], themes: [], recs: []})
  const profile = project.profile(code)
  const countryName = view.country?.name ?? code
  const recs = view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations))
  const statusLabels = assessmentStatuses.map((s) => labels[`status.${s}`]!)
  const made = options.date.toISOString().slice(0, 10)
  const {document, edition} = documentOf(project)
  const formSheet = labels['assessment.sheet.form']!

  const workbook = new ExcelJS.Workbook()
  workbook.creator = labels['publishedBy']!
  workbook.title = format(labels['assessment.form.title']!, {country: countryName, count: recs.length})
  // Fixed dates: the same inputs give the same workbook.
  workbook.created = workbook.modified = options.date

  // Every printed page names the form (and, for a made-up profile, says it is illustrative).
  const escapeCodes = (text: string) => text.replace(/&/g, '&&')
  const headerFooter = {
    oddHeader: `&L${escapeCodes(workbook.title)}${profile.illustrative ? `&R&"-,Bold"${escapeCodes(labels['assessment.illustrative']!)}` : ''}`,
    oddFooter: '&R&P / &N',
  }

  // Instructions, in the country's language.
  const instructions = workbook.addWorksheet(labels['assessment.sheet.instructions']!, {views: [{showGridLines: false}]})
  instructions.getColumn(1).width = 110
  instructions.headerFooter = headerFooter
  const lines: [string, boolean][] = [
    [workbook.title, true],
    ['', false],
    [format(labels['assessment.form.what']!, {sheet: formSheet}), false],
    ['', false],
    [labels['assessment.form.statuses']!, true],
    ...assessmentStatuses.map((s): [string, boolean] => [`${labels[`status.${s}`]}: ${labels[`assessment.status.${s}`]}`, false]),
    ['', false],
    [labels['assessment.form.empty']!, false],
    [profile.contact ? format(labels['assessment.form.sendTo']!, {contact: profile.contact}) : labels['assessment.form.sendBack']!, true],
    ['', false],
    [format(labels['assessment.form.made']!, {source: view.source.title, edition, date: made}), false],
    ...(profile.illustrative ? [['', false], [labels['assessment.illustrative']!, true]] satisfies [string, boolean][] : []),
  ]
  lines.forEach(([text, bold], index) => {
    const cell = instructions.getCell(index + 1, 1)
    cell.value = text
    cell.alignment = {wrapText: true, vertical: 'top'}
    if (bold) cell.font = {bold: true, size: index === 0 ? 14 : 11}
  })
  await instructions.protect('', {selectLockedCells: true, selectUnlockedCells: true})

  // The assessment sheet.
  const sheet = workbook.addWorksheet(formSheet, {
    views: [{state: 'frozen', ySplit: headerRow, xSplit: 0, activeCell: `${columns.status}${headerRow + 1}`}],
    pageSetup: {orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}`},
  })
  sheet.columns = [
    {header: labels['number']!, key: 'number', width: 6},
    {header: labels['guideline']!, key: 'guideline', width: 12},
    {header: labels['assessment.column.recommendation']!, key: 'recommendation', width: 70},
    {header: labels['status']!, key: 'status', width: 16},
    {header: labels['note']!, key: 'note', width: 40},
    {header: labels['assessment.column.evidence']!, key: 'evidence', width: 30},
    {header: labels['assessment.column.assessed']!, key: 'assessed', width: 14},
  ]
  sheet.headerFooter = headerFooter
  const header = sheet.getRow(headerRow)
  header.height = 32
  header.font = {bold: true, color: {argb: colours.headerText}}
  header.alignment = {wrapText: true, vertical: 'middle'}
  header.eachCell((cell) => {
    cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: colours.header}}
  })
  const last = headerRow + recs.length
  sheet.autoFilter = `${columns.number}${headerRow}:${columns.assessed}${last}`

  recs.forEach((rec, index) => {
    const answer = profile.assessments[String(rec.number)]
    const row = sheet.getRow(headerRow + 1 + index)
    row.values = [
      rec.number,
      rec.guideline,
      rec.pageLabel ? `${rec.text} (${rec.pageLabel})` : rec.text,
      answer ? labels[`status.${answer.status}`]! : null,
      answer?.note ?? null,
      answer?.evidence ?? null,
      answer?.assessed ? new Date(`${answer.assessed}T00:00:00Z`) : null,
    ]
    row.alignment = {wrapText: true, vertical: 'top'}
    // Spreadsheet programs do not grow a row for wrapped text they did not lay out themselves: give each its height.
    const text = String(row.getCell(columns.recommendation).value)
    const lines = Math.max(linesOf(text, 70), linesOf(String(answer?.note ?? ''), 40))
    row.height = 15 * lines + 3
    for (const col of [columns.number, columns.guideline, columns.recommendation]) {
      row.getCell(col).fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: colours.locked}}
    }
    for (const col of [columns.status, columns.note, columns.evidence, columns.assessed]) row.getCell(col).protection = {locked: false}
    row.getCell(columns.assessed).numFmt = 'yyyy-mm-dd'
    const status = row.getCell(columns.status)
    status.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${statusLabels.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: labels['status']!,
      error: `${labels['assessment.form.statuses']} ${statusLabels.join(', ')}`,
    }
    row.getCell(columns.assessed).dataValidation = {
      type: 'date',
      operator: 'greaterThan',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1))],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: labels['assessment.column.assessed']!,
      error: 'YYYY-MM-DD',
    }
  })
  // Locked A–C; answers, filtering and column widths stay free.
  await sheet.protect('', {selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true})

  // What the form was made from. Hidden, protected, and read back by import.
  const data = workbook.addWorksheet(dataSheetName, {state: 'hidden'})
  data.addRows([
    [formMarker, formVersion],
    ['country', code],
    ['document', document],
    ['edition', edition],
    ['lang', lang],
    ['sheet', formSheet],
    ['made', made],
    ['rows', recs.length],
    ...recs.map((rec) => [rec.number, textHash(rec.text)]),
  ])
  await data.protect('', {})
  workbook.views = [{x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible'}]

  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** Lines a text takes in a column `width` characters wide (roughly: Calibri 11 averages under one character unit). */
function linesOf(text: string, width: number): number {
  return Math.max(1, Math.ceil(text.length / (width * 1.1)))
}
