import {colors, ooxmlColor} from './design-tokens.js'
import {deflateSync} from 'node:zlib'
import * as zlib from 'node:zlib'
import {escapeHtml} from './phrasing-html.js'
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
 * The bars and legend swatches as a PNG at `scale`× (no text: a fallback for
 * word processors that cannot show SVG; the counts table beside it carries the figures).
 */
export function statusChartPng(data: ChartData, scale = 2): Uint8Array {
  const layout = chartLayout(data)
  const width = Math.ceil(layout.width * scale)
  const height = Math.ceil(layout.height * scale)
  const stride = width * 3 + 1
  const raw = Buffer.alloc(stride * height, 0xff)
  for (let y = 0; y < height; y++) raw[y * stride] = 0
  for (const r of layout.rects) {
    const [red, green, blue] = [0, 2, 4].map((i) => parseInt(r.fill.slice(i, i + 2), 16))
    const x0 = Math.round(r.x * scale)
    const x1 = Math.round((r.x + r.w) * scale)
    for (let y = Math.round(r.y * scale); y < Math.round((r.y + r.h) * scale); y++) {
      for (let x = x0; x < x1; x++) {
        const at = y * stride + 1 + x * 3
        raw[at] = red!
        raw[at + 1] = green!
        raw[at + 2] = blue!
      }
    }
  }
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(body.length, 0)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0)
    return Buffer.concat([head, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]))
}
