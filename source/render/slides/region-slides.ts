import {format, type Labels} from '../../labels/index.js'
import type {View, ViewMatrixCell, ViewRegion} from '../../view/view.js'
import {slideBoxes} from '../design-tokens.js'
import {
  density, geometry, wordCount,
  type PlannedMatrixCell, type RegionAnsweredSlide, type RegionMatrixSlide, type RegionNotStartedSlide,
} from './plan.js'

/**
 * The boxes of a region brief's slides (px of the 1280 × 720 slide), which
 * the slide CSS draws (`templates/slides/slides.css`, `.region-*`), the
 * PowerPoint file places and the plan splits by.
 */
export const regionGeometry = {
  /** Lowest point any body may reach: the footer's top less 16 px. */
  bottom: slideBoxes.height - slideBoxes.footer.height - 16,
  answered: {top: 162, sentence: {font: 30, height: 46}, row: {font: 27, height: 40}, nameWidth: 640, gap: 18, paragraph: {font: 27, line: 35}},
  matrix: {top: 158, header: {font: 22, height: 46}, row: {height: 70}, nameWidth: 264, nameFont: 22, columnWidth: 140, value: 27, detail: 20, formula: {font: 20, height: 28}},
  notStarted: {top: 166, font: 27, line: 35, gap: 16, badgeWidth: 72, badgeGap: 20, minRow: 46},
} as const

/** Lines `text` takes at `font` px in a box `width` px wide (the plan's glyph estimate). */
const linesOf = (text: string, font: number, width: number) => Math.max(1, Math.ceil(text.length / Math.floor(width / (font * geometry.glyph))))

/** Most value columns and rows a matrix slide holds legibly (a function: `geometry` comes from plan.ts, which imports this module). */
export function matrixFit(): {columns: number; rows: number} {
  const m = regionGeometry.matrix
  const columns = Math.floor((geometry.contentWidth - m.nameWidth) / m.columnWidth)
  const tableBottom = regionGeometry.bottom - m.formula.height - 12
  const rows = Math.floor((tableBottom - m.top - m.header.height) / m.row.height)
  return {columns, rows}
}

type Planned<S> = S extends unknown ? Omit<S, 'index'> : never

/**
 * The slides a region brief adds after its title slide: who has answered,
 * the country × guideline matrix, the recommendations most often not
 * started. Each is split over as many slides as its boxes and the word
 * budget ask.
 */
export function regionSlides(view: View, region: ViewRegion, footerWords: number): Planned<RegionAnsweredSlide | RegionMatrixSlide | RegionNotStartedSlide>[] {
  const labels = view.labels
  return [...answeredSlides(region, labels, footerWords), ...(region.answered.length > 0 ? [...matrixSlides(region, labels), ...notStartedSlides(region, labels, footerWords)] : [])]
}

function answeredSlides(region: ViewRegion, labels: Labels, footerWords: number): Planned<RegionAnsweredSlide>[] {
  const g = regionGeometry.answered
  const heading = labels['region.heading']
  const chrome = wordCount(heading, `(${labels['continued']})`, region.answeredLabel, labels['region.latest']) + footerWords
  const answered = region.answered.map((c) => ({name: c.name, asOfLabel: c.asOfLabel ?? '—'}))
  const notAnsweredOf = (names: readonly string[]) => (names.length > 0 ? format(labels['region.notAnswered'], {countries: names.join(', ')}) : null)
  const height = (rows: number, names: readonly string[]) => {
    const paragraph = notAnsweredOf(names)
    return g.top + g.sentence.height + (rows > 0 ? g.row.height * (rows + 1) : 0) + (paragraph ? g.gap + linesOf(paragraph, g.paragraph.font, geometry.contentWidth) * g.paragraph.line : 0)
  }
  const fits = (rows: readonly {name: string; asOfLabel: string}[], names: readonly string[]) =>
    height(rows.length, names) <= regionGeometry.bottom && chrome + rows.reduce((n, r) => n + wordCount(r.name, r.asOfLabel), 0) + wordCount(notAnsweredOf(names)) <= density.maxWords
  const parts: {rows: {name: string; asOfLabel: string}[]; names: string[]}[] = [{rows: [], names: []}]
  for (const row of answered) {
    const part = parts.at(-1)!
    if (part.rows.length > 0 && !fits([...part.rows, row], part.names)) parts.push({rows: [row], names: []})
    else part.rows.push(row)
  }
  for (const country of region.notAnswered) {
    const part = parts.at(-1)!
    if ((part.rows.length > 0 || part.names.length > 0) && !fits(part.rows, [...part.names, country.name])) parts.push({rows: [], names: [country.name]})
    else part.names.push(country.name)
  }
  const statusNotes = region.summary.filter((s) => s.count > 0).map((s) => `${s.label}: ${s.count}.`)
  const changes = region.answered.flatMap((c) => (c.change ? [`${c.name}: ${c.change.text}`] : []))
  return parts.map((part, i) => ({
    type: 'region-answered',
    heading,
    continued: i > 0,
    answeredLabel: region.answeredLabel,
    latestLabel: labels['region.latest'],
    answered: part.rows,
    notAnswered: notAnsweredOf(part.names),
    // Nobody has answered yet: the notes say how the answers come in (the brief's note).
    notes: i > 0 ? [] : region.answered.length === 0 ? [labels['region.none']] : [...changes, ...statusNotes],
  }))
}

/** `items` in `count` runs whose lengths differ by one at most. */
function balanced<T>(items: readonly T[], most: number): T[][] {
  const count = Math.max(1, Math.ceil(items.length / most))
  const small = Math.floor(items.length / count)
  const large = items.length % count
  return Array.from({length: count}, (_, i) => items.slice(i * small + Math.min(i, large), (i + 1) * small + Math.min(i + 1, large)))
}

function matrixSlides(region: ViewRegion, labels: Labels): Planned<RegionMatrixSlide>[] {
  const total = labels['region.total']
  const cellOf = (cell: ViewMatrixCell): PlannedMatrixCell => ({label: cell.label, detail: cell.detail, step: cell.step})
  // The guidelines, then each country's total; the countries, then the region's total per guideline.
  const columns = [...region.matrix.columns.map((c) => ({id: c.id, title: c.title})), {id: total, title: total}]
  const rows = [
    ...region.matrix.rows.map((r) => ({name: r.name, total: false, cells: [...r.cells, r.total].map(cellOf)})),
    {name: total, total: true, cells: [...region.byGuideline.map((g) => cellOf(g.cell)), null]},
  ]
  const fit = matrixFit()
  const columnParts = balanced(columns.map((_, i) => i), fit.columns)
  const rowParts = balanced(rows, fit.rows)
  const formula = `${labels['region.indicator']} = ${labels['region.formula']}`
  const statusOf = region.summary.map((s) => s.label)
  const slides: Planned<RegionMatrixSlide>[] = []
  for (const columnPart of columnParts) {
    for (const rowPart of rowParts) {
      const guidelineNotes = columnPart.flatMap((i) => {
        const g = region.byGuideline[i]
        return g ? [`${g.id}. ${g.title}: ${g.counts.map((n, k) => `${statusOf[k]} ${n}`).join(', ')}.`] : []
      })
      slides.push({
        type: 'region-matrix',
        heading: labels['region.matrixTitle'],
        continued: slides.length > 0,
        columns: columnPart.map((i) => columns[i]!),
        // The region's total row has no cell under the countries' total column.
        rows: rowPart.map((row) => ({name: row.name, total: row.total, cells: columnPart.map((i) => row.cells[i] ?? {label: '', detail: '', step: null})})),
        formula,
        notes: [...(slides.length === 0 ? [labels['region.matrixCaption']] : []), ...guidelineNotes],
      })
    }
  }
  return slides
}

function notStartedSlides(region: ViewRegion, labels: Labels, footerWords: number): Planned<RegionNotStartedSlide>[] {
  if (region.mostNotStarted.length === 0) return []
  const g = regionGeometry.notStarted
  const heading = labels['region.mostNotStarted']
  const chrome = wordCount(heading, `(${labels['continued']})`) + footerWords
  const items = region.mostNotStarted.map((rec) => ({
    number: rec.number,
    pageLabel: rec.pageLabel,
    count: rec.count,
    countries: format(labels['slides.region.notStartedBy'], {count: rec.count, total: region.answered.length, countries: rec.countries.join(', ')}),
    text: rec.text,
  }))
  type Item = (typeof items)[number]
  const textWidth = geometry.contentWidth - g.badgeWidth - g.badgeGap
  const rowHeight = (item: Item) => Math.max(g.minRow, linesOf(`${item.countries}   ${item.pageLabel}`, g.font, textWidth) * g.line)
  const fits = (part: readonly Item[]) =>
    g.top + part.reduce((h, item) => h + rowHeight(item), 0) + g.gap * (part.length - 1) <= regionGeometry.bottom &&
    chrome + part.reduce((n, item) => n + 1 + wordCount(item.countries, item.pageLabel), 0) <= density.maxWords
  const parts: Item[][] = [[]]
  for (const item of items) {
    const part = parts.at(-1)!
    if (part.length > 0 && !fits([...part, item])) parts.push([item])
    else part.push(item)
  }
  return parts.map((part, i) => ({
    type: 'region-not-started',
    heading,
    continued: i > 0,
    items: part.map(({text: _text, ...item}) => item),
    // The slide names the recommendations by number: the notes give their text.
    notes: part.map((item) => `${item.number}. ${item.text} (${item.pageLabel})`),
  }))
}
