import {colors, ooxmlColor} from './design-tokens.js'
import {escapeHtml} from './phrasing-html.js'
import {PngCanvas} from './png-canvas.js'
import {statusColour, statusOnColour} from './status-colours.js'
import {fitSans, sansWidth} from './text-width.js'
import type {ViewCountry} from '../view/view.js'

/** What the chart draws: the view's country summary, or the same data carried by a slide plan. */
export type ChartData = Pick<ViewCountry, 'summary' | 'byGuideline'>

export interface ChartOptions {
  /** Title read by assistive technology (the chart is also given as a table beside it). */
  readonly title: string
}

interface Rect {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  /** Hex without `#`. */
  readonly fill: string
}

interface Label {
  readonly x: number
  readonly y: number
  readonly text: string
  readonly size: number
  readonly anchor: 'start' | 'middle' | 'end'
  readonly fill: string
  readonly bold: boolean
}

/** The tokens' colours as the chart writes them (hex without `#`). */
const ink = ooxmlColor(colors.ink)
const navy = ooxmlColor(colors.navy)

/** Type sizes of the chart (units of its 620-wide box; 170 mm in print, 860 px on a slide). */
const type = {legend: 12, numeral: 12, title: 11, value: 11.5} as const

/**
 * The chart's geometry, computed once for every way it is drawn (SVG in HTML,
 * PDF, slides and Word; a bitmap fallback in Word): one horizontal bar per
 * guideline, stacked by status in the legend's order, on one scale so that
 * lengths compare across guidelines. Each row is labelled with the
 * guideline's numeral and its title (cut at a word to the label column; the
 * table beside the chart gives it whole), each segment with its count, and
 * segments are parted by a white gap so that order, count and colour each
 * tell the statuses apart.
 */
export function chartLayout(data: ChartData): {width: number; height: number; rects: Rect[]; labels: Label[]} {
  const rows = data.byGuideline
  const statuses = data.summary
  const width = 620
  const numeral = 34
  const labelColumn = 236
  const barWidth = width - labelColumn - 4
  const rowHeight = 22
  const gap = 1.5
  const rects: Rect[] = []
  const labels: Label[] = []
  // Legend: a swatch and the label of each status, wrapping onto a second line if the language needs it.
  let x = 0
  let line = 0
  for (const s of statuses) {
    const w = 17 + sansWidth(s.label, type.legend) + 16
    if (x > 0 && x + w > width) {
      x = 0
      line += 1
    }
    const y = 6 + line * 18
    rects.push({x, y, w: 12, h: 12, fill: statusColour(s.status)})
    labels.push({x: x + 17, y: y + 10.5, text: s.label, size: type.legend, anchor: 'start', fill: ink, bold: false})
    x += w
  }
  const legendHeight = 34 + line * 18
  const max = Math.max(1, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0)))
  const scale = barWidth / max
  rows.forEach((row, index) => {
    const y = legendHeight + index * rowHeight
    labels.push({x: numeral - 6, y: y + 15, text: row.id, size: type.numeral, anchor: 'end', fill: navy, bold: true})
    labels.push({x: numeral, y: y + 15, text: fitSans(row.title, type.title, labelColumn - numeral - 10), size: type.title, anchor: 'start', fill: ink, bold: false})
    let start = labelColumn
    row.counts.forEach((count, k) => {
      if (count === 0) return
      const w = count * scale
      const status = statuses[k]!.status
      rects.push({x: start, y: y + 3, w: Math.max(1, w - gap), h: rowHeight - 6, fill: statusColour(status)})
      const value = String(count)
      if (w - gap >= sansWidth(value, type.value, 600) + 6) {
        labels.push({x: start + (w - gap) / 2, y: y + 15, text: value, size: type.value, anchor: 'middle', fill: statusOnColour(status), bold: true})
      }
      start += w
    })
  })
  return {width, height: legendHeight + rows.length * rowHeight + 4, rects, labels}
}

/** The chart as inline SVG (scales to its container). */
export function statusChartSvg(data: ChartData, options: ChartOptions): string {
  const {width, height, rects, labels} = chartLayout(data)
  const parts = [
    ...rects.map((r) => `<rect x="${r.x.toFixed(2)}" y="${r.y}" width="${r.w.toFixed(2)}" height="${r.h}"${r.h === 12 ? ' rx="2"' : ''} fill="#${r.fill}"/>`),
    ...labels.map((l) => `<text x="${l.x.toFixed(2)}" y="${l.y}" font-size="${l.size}"${l.bold ? ' font-weight="600"' : ''}${l.anchor === 'start' ? '' : ` text-anchor="${l.anchor}"`} fill="#${l.fill}">${escapeHtml(l.text)}</text>`),
  ]
  return `<svg class="status-chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(options.title)}" font-family="'Source Sans 3', 'Source Sans Pro', sans-serif">${parts.join('')}</svg>`
}

/** A standalone SVG file of the chart at a fixed size (for Word). */
export function statusChartSvgFile(data: ChartData, options: ChartOptions): {svg: string; width: number; height: number} {
  const {width, height} = chartLayout(data)
  const svg = statusChartSvg(data, options).replace('width="100%"', `width="${width}" height="${height}"`)
  return {svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, width, height}
}

/**
 * Print resolution of the fallback bitmap: Word shows the chart about 160 mm wide, and 3.25 px a unit
 * of its 620-unit box gives 2015 px across, over 300 dpi.
 */
export const chartPngScale = 3.25

/**
 * The chart as a PNG at `scale` px per unit, drawn like the SVG: bars, legend swatches and
 * every label (legend words, guideline numerals and names, segment counts) in the bundled
 * font, for word processors that show no SVG (LibreOffice draws this one).
 */
export function statusChartPng(data: ChartData, scale = chartPngScale): Uint8Array {
  const layout = chartLayout(data)
  const canvas = new PngCanvas(Math.ceil(layout.width * scale), Math.ceil(layout.height * scale))
  for (const r of layout.rects) canvas.fillRect(r.x * scale, r.y * scale, r.w * scale, r.h * scale, r.fill)
  for (const l of layout.labels) canvas.fillText(l.text, l.x * scale, l.y * scale, l.size * scale, l.fill, {weight: l.bold ? 600 : 400, anchor: l.anchor})
  return canvas.png()
}
