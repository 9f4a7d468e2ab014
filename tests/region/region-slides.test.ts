import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {openMeasuringPage} from '../../source/render/browser.js'
import {indicatorRamp} from '../../source/render/design-tokens.js'
import {geometry, planSlides, type RegionMatrixSlide, type Slide, type SlidePlan} from '../../source/render/slides/plan.js'
import {deckHtml} from '../../source/render/slides/slides-html.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import type {View, ViewMatrixCell} from '../../source/view/view.js'
import {sharedBrowser} from '../helpers/browser.js'
import {briefs} from '../helpers/cli.js'
import {answering, writeIllustrativeProfiles} from '../helpers/illustrative.js'

/**
 * The region brief as slides, handout and PowerPoint (issue 23, item 1): after
 * the title slide, who has answered, the country × guideline matrix and what
 * is most often not started, read back from the files (pdftotext, the
 * PowerPoint's XML and LibreOffice) against the numbers of the region's view.
 */

const browser = sharedBrowser()
const work = mkdtempSync(join(tmpdir(), 'briefs-region-slides-'))
const profiles = join(work, 'profiles')
const out = join(work, 'out')
const mark = 'Illustrative example — not an official assessment'
const southAmerica = ['Argentina', 'Brazil', 'Chile', 'Colombia', 'Peru', 'Uruguay']
const regionTypes = ['region-answered', 'region-matrix', 'region-not-started']
const normalize = (text: string) => text.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim()
const squash = (text: string) => text.replace(/\s+/g, '')
const pdfPages = (path: string, layout = false) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), path, '-'], {encoding: 'utf8', maxBuffer: 64 << 20}).split('\f').slice(0, -1)
/** Words as `scripts/publication-figures.mjs` counts them. */
const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length

let view: View
let plan: SlidePlan

beforeAll(() => {
  mkdirSync(profiles)
  writeIllustrativeProfiles(profiles)
  const run = briefs(['build', '--region', 'caribbean', '--lang', 'en', '--profiles', profiles, '--format', 'slides,handout,pptx', '--out', out])
  expect(run.status, run.stderr).toBe(0)
  view = select(loadProject({paths: {profiles}}), toBriefSpec({region: 'caribbean', lang: 'en'}))
  plan = planSlides(view)
}, 300_000)

afterAll(() => rmSync(work, {recursive: true, force: true}))

/** The view's cell a matrix slide shows at a row (a country or the region's total) and a column (a guideline or the countries' total). */
/**
 * Each row of a matrix slide as laid out (pdftotext -layout, or LibreOffice's PDF of the pptx): the row's
 * figures on one line, the counts behind them on the next, as the region's view computes them. Returns the
 * cells checked.
 */
function expectMatrixRows(slide: RegionMatrixSlide, layoutText: string): number {
  const page = squash(layoutText)
  let checked = 0
  for (const row of slide.rows) {
    const cells = slide.columns.map((_, k) => expectedCell(slide, row, k)).filter((c): c is ViewMatrixCell => c !== null)
    expect(page, `${row.name}, slide ${slide.index}`).toContain(squash(cells.map((c) => c.label).join('')))
    expect(page, `${row.name}, slide ${slide.index}`).toContain(squash(cells.map((c) => c.detail).join('')))
    checked += cells.length
  }
  return checked
}

function expectedCell(slide: RegionMatrixSlide, row: RegionMatrixSlide['rows'][number], column: number): ViewMatrixCell | null {
  const region = view.region!
  const id = slide.columns[column]!.id
  const guideline = region.matrix.columns.findIndex((c) => c.id === id)
  if (row.total) return guideline >= 0 ? region.byGuideline[guideline]!.cell : null
  const country = region.matrix.rows.find((r) => r.name === row.name)!
  return guideline >= 0 ? country.cells[guideline]! : country.total
}

const matrixSlides = () => plan.slides.filter((s): s is RegionMatrixSlide => s.type === 'region-matrix')

describe('the plan', () => {
  it('puts who has answered, the matrix and the most often not started right after the title slide, each cell of the matrix once', () => {
    const types = plan.slides.map((s) => s.type)
    expect(types[0]).toBe('title')
    const first = types.findIndex((t) => !regionTypes.includes(t) && t !== 'title')
    expect(types.slice(1, first).every((t) => regionTypes.includes(t))).toBe(true)
    for (const type of regionTypes) expect(types).toContain(type)
    expect(types.slice(first).some((t) => regionTypes.includes(t))).toBe(false)
    // Every country (and the region's total) meets every guideline (and the countries' total) on exactly one slide.
    const region = view.region!
    const seen = new Map<string, number>()
    for (const slide of matrixSlides()) for (const row of slide.rows) for (const column of slide.columns) seen.set(`${row.name}|${column.id}`, (seen.get(`${row.name}|${column.id}`) ?? 0) + 1)
    const names = [...region.matrix.rows.map((r) => r.name), view.labels['region.total']]
    const ids = [...region.matrix.columns.map((c) => c.id), view.labels['region.total']]
    expect(seen.size).toBe(names.length * ids.length)
    expect([...seen.values()].every((n) => n === 1)).toBe(true)
  })

  it('a country brief\'s deck (and the plain deck) has no region slide', () => {
    const project = loadProject({paths: {profiles}})
    const country = planSlides(select(project, toBriefSpec({country: 'JM', lang: 'en'})))
    expect(country.slides.some((s) => regionTypes.includes(s.type))).toBe(false)
    const plain = planSlides(select(project, toBriefSpec({lang: 'en'})))
    expect(plain.slides.some((s) => regionTypes.includes(s.type))).toBe(false)
    // Built by the CLI from the same profiles: Jamaica's own deck, no region's sentence or matrix.
    const run = briefs(['build', '--country', 'JM', '--lang', 'en', '--profiles', profiles, '--format', 'slides', '--out', join(work, 'country')])
    expect(run.status, run.stderr).toBe(0)
    const pages = pdfPages(run.stdout.trim()).map(normalize)
    expect(pages).toHaveLength(country.slides.length)
    expect(pages.join(' ')).toContain('Jamaica')
    for (const heading of [view.labels['region.heading'], view.labels['region.matrixTitle'], view.labels['region.mostNotStarted'], 'countries have sent a self-assessment']) expect(pages.join(' ')).not.toContain(heading)
  }, 120_000)
})

describe('the slide PDF', () => {
  let pages: string[]
  let layout: string[]
  beforeAll(() => {
    pages = pdfPages(join(out, 'region-caribbean-en.slides.pdf')).map(normalize)
    layout = pdfPages(join(out, 'region-caribbean-en.slides.pdf'), true)
  })

  it('says who has answered, with the date of the latest answer, and names the ten others; no South American country', () => {
    expect(pages).toHaveLength(plan.slides.length)
    const region = view.region!
    expect(region.answered.map((c) => c.code).sort()).toEqual(Object.keys(answering).sort())
    const answered = plan.slides.flatMap((s, i) => (s.type === 'region-answered' ? [pages[i]!] : [])).join(' ')
    expect(answered).toContain('3 of 13 countries have sent a self-assessment')
    for (const c of region.answered) expect(answered).toMatch(new RegExp(`${c.name} .*${c.asOfLabel}`))
    expect(region.notAnswered).toHaveLength(10)
    for (const c of region.notAnswered) expect(answered).toContain(c.name)
    for (const name of southAmerica) expect(pages.join(' ')).not.toContain(name)
  })

  it('prints each cell\'s indicator and counts as the region\'s view computes them, and the formula on every matrix slide', () => {
    let checked = 0
    plan.slides.forEach((slide, i) => {
      if (slide.type !== 'region-matrix') return
      checked += expectMatrixRows(slide, layout[i]!)
      expect(pages[i]).toContain('Follow-up indicator = (implemented + ½ × in progress) ÷ (answered − not applicable)')
    })
    expect(checked).toBe((view.region!.matrix.rows.length + 1) * (view.region!.matrix.columns.length + 1) - 1)
  })

  it('lists the recommendations most often not started with how many countries and which', () => {
    const text = plan.slides.flatMap((s, i) => (s.type === 'region-not-started' ? [pages[i]!] : [])).join(' ')
    const region = view.region!
    expect(region.mostNotStarted.length).toBeGreaterThan(0)
    for (const rec of region.mostNotStarted) expect(text).toContain(`${rec.number} Not started in ${rec.count} of 3: ${rec.countries.join(', ')}`)
  })

  it('every slide says the answers are illustrative; who-has-answered and not-started slides say at most 90 words', () => {
    expect(pages.map((p, i) => [i + 1, p.includes(mark)]).filter(([, marked]) => !marked)).toEqual([])
    const over = plan.slides.flatMap((s, i) => (['region-answered', 'region-not-started'].includes(s.type) && words(pages[i]!) > 90 ? [`slide ${i + 1}: ${words(pages[i]!)} words`] : []))
    expect(over).toEqual([])
  })

  it('speaker notes give the answers per guideline of the matrix\'s columns and the text of each not-started recommendation', () => {
    const region = view.region!
    for (const slide of matrixSlides()) {
      for (const column of slide.columns) {
        const g = region.byGuideline.find((b) => b.id === column.id)
        if (!g) continue
        expect(slide.notes.join(' ')).toContain(`${g.id}. ${g.title}: ${g.counts.map((n, k) => `${region.summary[k]!.label} ${n}`).join(', ')}.`)
      }
    }
    const notes = plan.slides.filter((s) => s.type === 'region-not-started').flatMap((s) => s.notes).join(' ')
    for (const rec of region.mostNotStarted) expect(notes).toContain(rec.text)
  })
})

describe('the handout', () => {
  it('shows the region\'s slides: the count sentence, the names, the figures and the mark on every page', () => {
    const path = join(out, 'region-caribbean-en.handout.pdf')
    const pages = pdfPages(path).map(normalize)
    const text = pages.join(' ')
    expect(text).toContain('3 of 13 countries have sent a self-assessment')
    for (const c of [...view.region!.answered, ...view.region!.notAnswered]) expect(text).toContain(c.name)
    const all = squash(pdfPages(path, true).join(''))
    for (const row of view.region!.matrix.rows) for (const cell of row.cells) expect(all).toContain(squash(cell.detail))
    expect(pages.map((p, i) => [i + 1, p.includes(mark)]).filter(([, marked]) => !marked)).toEqual([])
    expect(execFileSync('pdfinfo', [path], {encoding: 'utf8'})).toMatch(/Tagged:\s+yes/)
  })
})

describe('the PowerPoint file', () => {
  it('draws the matrix as a native table: each cell its figures, filled with its step of the ramp', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'region-caribbean-en.pptx')))
    let cells = 0
    for (const slide of matrixSlides()) {
      const xml = await zip.file(`ppt/slides/slide${slide.index}.xml`)!.async('string')
      expect(xml).toContain('<a:tbl>')
      const rows = [...xml.matchAll(/<a:tr\b[\s\S]*?<\/a:tr>/g)].map((tr) => [...tr[0].matchAll(/<a:tc\b[\s\S]*?<\/a:tc>/g)].map((tc) => tc[0]))
      expect(rows).toHaveLength(slide.rows.length + 1)
      slide.rows.forEach((row, r) => {
        row.cells.forEach((_, k) => {
          const tc = rows[r + 1]![k + 1]!
          const expected = expectedCell(slide, row, k)
          if (!expected) return
          const text = [...tc.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join('')
          expect(text).toBe(`${expected.label}${expected.detail}`)
          // The cell's own fill (tcPr), from the tokens' ramp.
          const tcPr = /<a:tcPr[\s\S]*<\/a:tcPr>/.exec(tc)![0].replace(/<a:ln[LRTB]\b[\s\S]*?<\/a:ln[LRTB]>/g, '')
          const fill = /<a:solidFill><a:srgbClr val="([0-9A-F]{6})"/.exec(tcPr)?.[1]
          if (expected.step !== null) expect(fill).toBe(indicatorRamp[expected.step]!.fill.slice(1).toUpperCase())
          cells++
        })
      })
    }
    expect(cells).toBe((view.region!.matrix.rows.length + 1) * (view.region!.matrix.columns.length + 1) - 1)
  })

  it('LibreOffice reads every slide, the count sentence, the names, the figures and the mark on each', () => {
    const lo = mkdtempSync(join(tmpdir(), 'briefs-region-slides-lo-'))
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${join(lo, 'user')}`, '--headless', '--convert-to', 'pdf', '--outdir', lo, join(out, 'region-caribbean-en.pptx')], {stdio: 'pipe', timeout: 150_000})
      const pages = pdfPages(join(lo, 'region-caribbean-en.pdf')).map(normalize)
      const layout = pdfPages(join(lo, 'region-caribbean-en.pdf'), true)
      expect(pages).toHaveLength(plan.slides.length)
      const text = pages.join(' ')
      expect(text).toContain('3 of 13 countries have sent a self-assessment')
      // LibreOffice reads the table a column at a time: the names, then the dates.
      for (const c of view.region!.answered) expect(text).toContain(c.name)
      for (const c of view.region!.answered) expect(text).toContain(c.asOfLabel!)
      for (const c of view.region!.notAnswered) expect(text).toContain(c.name)
      plan.slides.forEach((slide, i) => {
        if (slide.type !== 'region-matrix') return
        expectMatrixRows(slide, layout[i]!)
      })
      expect(pages.map((p, i) => [i + 1, p.includes(mark)]).filter(([, marked]) => !marked)).toEqual([])
    } finally {
      rmSync(lo, {recursive: true, force: true})
    }
  }, 200_000)
})

describe('a region where nobody has answered yet (the shipped profiles)', () => {
  it('makes one who-has-answered slide naming every country, no matrix of zeros; its notes say how answers come in', () => {
    const empty = select(loadProject(), toBriefSpec({region: 'caribbean', lang: 'es'}))
    const emptyPlan = planSlides(empty)
    const region = emptyPlan.slides.filter((s) => regionTypes.includes(s.type))
    expect(region.map((s) => s.type)).toEqual(['region-answered'])
    const slide = region[0]!
    if (slide.type !== 'region-answered') throw new Error('not a who-has-answered slide')
    expect(slide.answeredLabel).toBe(empty.region!.answeredLabel)
    expect(slide.answered).toEqual([])
    for (const c of empty.region!.notAnswered) expect(slide.notAnswered).toContain(c.name)
    expect(empty.region!.notAnswered).toHaveLength(13)
    expect(slide.notes).toEqual([empty.labels['region.none']])
  })
})

describe('the region slides fit their boxes', () => {
  /** Every box of the region's slides that clips its content, leaves its slide or sets text below the least size, laid out in Chromium. */
  async function problems(deckView: View): Promise<string[]> {
    const deckPlan = planSlides(deckView)
    const ids = new Set(deckPlan.slides.filter((s: Slide) => regionTypes.includes(s.type)).map((s) => String(s.index)))
    const page = await openMeasuringPage(browser())
    try {
      await page.setViewport({width: geometry.width, height: geometry.height})
      await page.setContent(deckHtml(deckView, deckPlan), {waitUntil: 'load'})
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('Source Sans 3') && f.status === 'loaded'))).toBe(true)
      return await page.evaluate((wanted: string[], minFont: number, bottom: number) => {
        const found: string[] = []
        for (const slide of document.querySelectorAll<HTMLElement>('.slide')) {
          const id = slide.dataset['slide'] ?? '?'
          if (!wanted.includes(id)) continue
          const frame = slide.getBoundingClientRect()
          const footer = slide.querySelector('.slide__footer')!
          for (const element of slide.querySelectorAll<HTMLElement>('*')) {
            const style = getComputedStyle(element)
            const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`
            if (style.display !== 'inline' && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
              if (element.scrollHeight > element.clientHeight + 1) found.push(`${id} ${name}: content ${element.scrollHeight}px high in ${element.clientHeight}px`)
              if (element.scrollWidth > element.clientWidth + 1) found.push(`${id} ${name}: content ${element.scrollWidth}px wide in ${element.clientWidth}px`)
            }
            const rect = element.getBoundingClientRect()
            if (rect.width > 0 && (rect.left < frame.left - 1 || rect.right > frame.right + 1 || rect.top < frame.top - 1 || rect.bottom > frame.bottom + 1)) found.push(`${id} ${name}: outside its slide`)
            // The body never runs into the footer.
            if (rect.width > 0 && !footer.contains(element) && rect.bottom > frame.top + bottom + 1) found.push(`${id} ${name}: reaches ${Math.round(rect.bottom - frame.top)}px, below ${bottom}px`)
            const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '')
            if (hasText && Number.parseFloat(style.fontSize) < minFont) found.push(`${id} ${name}: font-size ${style.fontSize}`)
          }
        }
        return found
      }, [...ids], geometry.minFont, geometry.height - 44 - 8)
    } finally {
      await page.close()
    }
  }

  it('the Caribbean brief (3 answering countries)', async () => {
    expect(await problems(view)).toEqual([])
  }, 120_000)

  it('the LAC brief where nobody has answered yet, in Portuguese (33 names on the who-has-answered slides)', async () => {
    const empty = select(loadProject(), toBriefSpec({region: 'lac', lang: 'pt'}))
    const names = planSlides(empty).slides.flatMap((s) => (s.type === 'region-answered' ? [s.notAnswered ?? ''] : [])).join(' ')
    for (const c of empty.region!.notAnswered) expect(names).toContain(c.name)
    expect(await problems(empty)).toEqual([])
  }, 120_000)

  it('the LAC brief with all 33 countries answering (who has answered and the matrix split over several slides), in Spanish', async () => {
    const all = join(work, 'all')
    mkdirSync(all)
    const project = loadProject()
    writeIllustrativeProfiles(all, Object.fromEntries(project.countries.map((c) => [c.code, '2026-05-01'])))
    const lac = select(loadProject({paths: {profiles: all}}), toBriefSpec({region: 'lac', lang: 'es'}))
    const lacPlan = planSlides(lac)
    expect(lac.region!.answered).toHaveLength(33)
    expect(lacPlan.slides.filter((s) => s.type === 'region-answered').length).toBeGreaterThan(1)
    expect(lacPlan.slides.filter((s) => s.type === 'region-matrix').length).toBeGreaterThan(3)
    // Every answering country is on a who-has-answered slide, once.
    const listed = lacPlan.slides.flatMap((s) => (s.type === 'region-answered' ? s.answered.map((a) => a.name) : []))
    expect(listed.sort()).toEqual(lac.region!.answered.map((c) => c.name).sort())
    expect(await problems(lac)).toEqual([])
  }, 120_000)
})
