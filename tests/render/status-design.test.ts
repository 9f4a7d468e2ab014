import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {projectRoot} from '../../source/content-paths.js'
import {colors, statusColors} from '../../source/render/design-tokens.js'
import {defaultDate} from '../../source/render/formats.js'
import {renderHtml} from '../../source/render/html/render-html.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import {sharedBrowser} from '../helpers/browser.js'

/**
 * One status design: the palette's colours checked the way a reader meets
 * them (contrast of text, and whether the chart's segments stay apart for a
 * reader with red–green colour blindness), then the chart as the browser
 * draws it: every row named, every segment counted.
 */

const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
const luminance = (hex: string) => {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
/** WCAG 2 contrast ratio. */
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
/** Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB. */
const vision = {
  typical: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
} as const
const lab = (rgb: number[]) => {
  const [r, g, b] = rgb.map((v) => Math.min(1, Math.max(0, v))) as [number, number, number]
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116)
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883]
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
}
const seen = (hex: string, matrix: readonly (readonly number[])[]) => {
  const c = channels(hex).map(linear)
  return lab(matrix.map((row) => row[0]! * c[0]! + row[1]! * c[1]! + row[2]! * c[2]!))
}
/** CIE76 colour difference between two colours as a reader with `matrix` vision sees them. */
const difference = (a: string, b: string, matrix: readonly (readonly number[])[]) => {
  const [p, q] = [seen(a, matrix), seen(b, matrix)]
  return Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!)
}

const answered = ['not-started', 'in-progress', 'implemented', 'not-applicable'] as const

describe('status palette', () => {
  it('sets every status label at WCAG AA: on its pill, on white, and each count on its chart segment', () => {
    for (const [status, c] of Object.entries(statusColors)) {
      expect(contrast(c.ink, c.fill), `${status} ink on fill`).toBeGreaterThanOrEqual(4.5)
      expect(contrast(c.ink, colors.white), `${status} ink on white`).toBeGreaterThanOrEqual(4.5)
      expect(contrast(c.onBar, c.bar), `${status} figure on its segment`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('keeps the answered statuses apart for colour-blind readers (ΔE ≥ 25 under simulated deuteranopia and protanopia)', () => {
    // The old palette put red and green at 1.16:1 lightness; under protanopia they were 12 apart.
    for (const [name, matrix] of Object.entries(vision)) {
      for (let i = 0; i < answered.length; i++) {
        for (let j = i + 1; j < answered.length; j++) {
          const [a, b] = [statusColors[answered[i]!].bar, statusColors[answered[j]!].bar]
          expect(difference(a, b, matrix), `${answered[i]} vs ${answered[j]}, ${name}`).toBeGreaterThanOrEqual(25)
        }
      }
    }
  })

  it('draws "not assessed" lighter than every answer, so absence reads as absence', () => {
    for (const status of answered) expect(contrast(statusColors.none.bar, statusColors[status].bar), status).toBeGreaterThanOrEqual(1.5)
    for (const status of answered) expect(luminance(statusColors.none.bar)).toBeGreaterThan(luminance(statusColors[status].bar))
  })
})

describe('status chart, as the browser draws it', () => {
  const browser = sharedBrowser()
  const example = loadProject({paths: {profiles: join(projectRoot, 'examples', 'profiles')}})

  for (const lang of ['es', 'en'] as const) {
    it(`names every guideline beside its numeral and counts every segment it can (${lang})`, async () => {
      const view = select(example, toBriefSpec({lang, country: 'CL'}))
      const country = view.country!
      expect(country.answered).toBeGreaterThan(0)
      const page = await browser().newPage()
      try {
        await page.setContent(new TextDecoder().decode(await renderHtml(view, {paper: 'a4', date: defaultDate, handoutLayout: 6})), {waitUntil: 'load'})
        const drawn = await page.$eval('.status-chart-svg', (svg) => {
          const box = (svg as SVGSVGElement).viewBox.baseVal
          const texts = [...svg.querySelectorAll('text')].map((t) => {
            const b = (t as SVGTextElement).getBBox()
            return {text: t.textContent ?? '', x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height, fill: t.getAttribute('fill')}
          })
          const rects = [...svg.querySelectorAll('rect')].map((r) => ({x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), w: Number(r.getAttribute('width')), h: Number(r.getAttribute('height')), fill: r.getAttribute('fill')}))
          return {width: box.width, height: box.height, texts, rects}
        })
        // Every label inside the chart's box.
        for (const t of drawn.texts) {
          expect(t.x, t.text).toBeGreaterThanOrEqual(0)
          expect(t.right, t.text).toBeLessThanOrEqual(drawn.width)
          expect(t.bottom, t.text).toBeLessThanOrEqual(drawn.height)
        }
        const bars = drawn.rects.filter((r) => r.h !== 12)
        const barsStart = Math.min(...bars.map((r) => r.x))
        for (const row of country.byGuideline) {
          const numeral = drawn.texts.find((t) => t.text === row.id)
          expect(numeral, row.id).toBeDefined()
          // The guideline's title (whole, or cut at a word with an ellipsis) on the numeral's line, clear of the bars.
          const title = drawn.texts.find((t) => Math.abs(t.y - numeral!.y) < 3 && t.x > numeral!.right && t.text.length > 3)
          expect(title, row.id).toBeDefined()
          const shown = title!.text.replace(/…$/, '')
          expect(row.title.startsWith(shown), `${row.id}: "${title!.text}" is not the start of "${row.title}"`).toBe(true)
          expect(shown.split(' ').length, row.id).toBeGreaterThanOrEqual(Math.min(3, row.title.split(' ').length))
          expect(title!.right, row.id).toBeLessThan(barsStart)
          // Each segment wide enough for its figure carries it; the figures add up to the row's total.
          const rowBars = bars.filter((r) => r.y > numeral!.y - 8 && r.y < numeral!.bottom)
          const figures = drawn.texts.filter((t) => t.x >= barsStart && Math.abs(t.y - numeral!.y) < 3).map((t) => Number(t.text))
          expect(rowBars.length, row.id).toBe(row.counts.filter((n) => n > 0).length)
          const wide = rowBars.filter((r) => r.w >= 20).length
          expect(figures.length, row.id).toBeGreaterThanOrEqual(wide)
          expect(figures.every((n) => row.counts.includes(n)), row.id).toBe(true)
        }
        // The legend names the statuses in the segments' order, each in its own colour.
        const legend = drawn.rects.filter((r) => r.h === 12).map((r) => r.fill!.slice(1).toUpperCase())
        expect(legend).toEqual(country.summary.map((s) => statusColors[s.status ?? 'none'].bar.slice(1).toUpperCase()))
        for (const s of country.summary) expect(drawn.texts.some((t) => t.text === s.label), s.label).toBe(true)
      } finally {
        await page.close()
      }
    }, 60_000)
  }
})
