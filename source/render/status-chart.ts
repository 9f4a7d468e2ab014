import {escapeHtml} from './phrasing-html.js'
import {statusColour} from './status-colours.js'
import type {ViewCountry} from '../select/view.js'

export interface ChartOptions {
  /** Title read by assistive technology (the chart is also given as a table beside it). */
  readonly title: string
}

/**
 * The self-assessment chart as inline SVG: one horizontal bar per guideline,
 * stacked by status, the count written in each segment wide enough for it.
 * Bars share one scale (the longest guideline fills the width), so lengths
 * compare across guidelines.
 */
export function statusChartSvg(country: ViewCountry, options: ChartOptions): string {
  const rows = country.byGuideline
  const statuses = country.summary
  const label = 44
  const barWidth = 600
  const rowHeight = 22
  const legendHeight = 34
  const width = label + barWidth + 16
  const height = legendHeight + rows.length * rowHeight + 4
  const max = Math.max(1, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0)))
  const scale = barWidth / max
  const parts: string[] = []
  // Legend: a swatch and the label of each status, in one line.
  let x = label
  for (const s of statuses) {
    parts.push(`<rect x="${x}" y="8" width="12" height="12" rx="2" fill="#${statusColour(s.status)}"/>`)
    parts.push(`<text x="${x + 17}" y="18.5" font-size="12" fill="#1d1d1b">${escapeHtml(s.label)}</text>`)
    x += 17 + estimateWidth(s.label, 12) + 18
  }
  rows.forEach((row, index) => {
    const y = legendHeight + index * rowHeight
    parts.push(`<text x="${label - 8}" y="${y + 15}" font-size="12" font-weight="600" text-anchor="end" fill="#0b3c6e">${escapeHtml(row.id)}</text>`)
    let start = label
    row.counts.forEach((count, k) => {
      if (count === 0) return
      const w = count * scale
      const status = statuses[k]!.status
      parts.push(`<rect x="${start.toFixed(2)}" y="${y + 3}" width="${w.toFixed(2)}" height="${rowHeight - 6}" fill="#${statusColour(status)}"/>`)
      if (w >= 16) {
        const ink = status === null ? '#1d1d1b' : '#ffffff'
        parts.push(`<text x="${(start + w / 2).toFixed(2)}" y="${y + 15}" font-size="11" font-weight="600" text-anchor="middle" fill="${ink}">${count}</text>`)
      }
      start += w
    })
  })
  return `<svg class="status-chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(options.title)}" font-family="'Source Sans 3', sans-serif">${parts.join('')}</svg>`
}

/** A rough width of a label in the chart font: enough to space the legend entries. */
function estimateWidth(text: string, size: number): number {
  return Math.ceil(text.length * size * 0.5)
}
