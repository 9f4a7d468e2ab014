import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import JSZip from 'jszip'
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {loadProject, type Project} from '../../source/annotate/load-project.js'
import {defaultDate, type RenderOptions} from '../../source/render/formats.js'
import {renderPptx} from '../../source/render/pptx/render-pptx.js'
import {planSlides, type Slide, type SlidePlan} from '../../source/render/slides/plan.js'
import {renderHandout} from '../../source/render/slides/render-handout.js'
import {renderSlides} from '../../source/render/slides/render-slides.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import type {View} from '../../source/view/view.js'
import {projectRoot} from '../../source/content-paths.js'
import {sharedBrowser} from '../helpers/browser.js'
import {normalize, pdfPageTexts, pptxText, recommendationsOf} from './slide-text.js'

/**
 * Issue 22, items 4 and 5: slides that present (few words, large type, notes
 * that add to the slide) and handouts worth printing (tagged, an outline,
 * type no smaller than before). Everything is read back from the files.
 */

const browser = sharedBrowser()
let project: Project
let work: string

beforeAll(() => {
  project = loadProject()
  work = mkdtempSync(join(tmpdir(), 'briefs-density-test-'))
})

afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true})
})

const options = (extra: Partial<RenderOptions> = {}): RenderOptions => ({paper: 'a4', date: defaultDate, handoutLayout: 2, browser: browser(), ...extra})
const viewOf = (spec: object): View => select(project, toBriefSpec(spec))
/** The illustrative profiles: Chile's answers some recommendations (the shipped profiles answer none). */
const example = loadProject({paths: {profiles: join(projectRoot, 'examples', 'profiles')}})
const save = (bytes: Uint8Array, name: string) => {
  const path = join(work, name)
  writeFileSync(path, bytes)
  return path
}

/** Words as `scripts/publication-figures.mjs` counts them. */
const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length

interface WordBox {
  readonly word: string
  readonly page: number
  /** The type size (pt) the word is printed at. */
  readonly size: number
}

/**
 * Source Sans 3's ascent + descent (1024 + 400 units of a 1000-unit em):
 * poppler's word box is that tall at the word's size, so a box's height over
 * it is the size printed (checked below on text of a known size).
 */
const boxPerPoint = 1.424

/** Every word of a PDF with its page and printed size, as `pdftotext -bbox` reads it. */
function wordBoxes(path: string): WordBox[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], {encoding: 'utf8', maxBuffer: 64 << 20})
  return html.split('<page ').slice(1).flatMap((page, p) => [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({word: m[3]!.replace(/&amp;/g, '&'), page: p, size: (Number(m[2]) - Number(m[1])) / boxPerPoint})))
}

/** The smallest size at which each of `wanted` words is printed on `page` (the words of a recommendation's text, say). */
const sizeOn = (boxes: readonly WordBox[], page: number, wanted: readonly string[]) =>
  Math.min(...boxes.filter((box) => box.page === page && wanted.includes(box.word)).map((box) => box.size))

/** Words of a recommendation's text that the slide's header, group headings and footer do not also show (those have sizes of their own). */
function bodyWords(text: string, slide: Slide, view: View): string[] {
  const elsewhere = new Set([slide.type === 'recommendations' ? slide.title : '', view.shortTitle, ...(slide.type === 'recommendations' ? slide.blocks.map((b) => (b.kind === 'group' ? b.title : '')) : [])]
    .flatMap((t) => t.split(/\s+/)))
  return text.split(/\s+/).filter((w) => w.length >= 6 && /^[\p{L}]+$/u.test(w) && !elsewhere.has(w))
}

describe('slides that present (full Spanish deck)', () => {
  let view: View
  let plan: SlidePlan
  let deckPath: string

  beforeAll(async () => {
    view = viewOf({lang: 'es'})
    plan = planSlides(view)
    deckPath = save(await renderSlides(view, options()), 'deck.pdf')
  }, 180_000)

  test.each([
    ['the full Spanish deck', {lang: 'es'}],
    ['the full English deck (a translation: notice and original citation)', {lang: 'en'}],
    ['an unassessed country\'s deck (the note instead of a chart)', {country: 'JM'}],
    ['a partly assessed country\'s deck (status pills)', {lang: 'es', country: 'CL'}],
  ])('no slide of %s says more than 90 words or 3 recommendations, unless one recommendation alone is longer', async (_name, spec) => {
    const deckView = spec.country === 'CL' ? select(example, toBriefSpec(spec)) : viewOf(spec)
    const deckPlan = planSlides(deckView)
    const pages = spec.lang === 'es' && !spec.country ? pdfPageTexts(deckPath) : pdfPageTexts(save(await renderSlides(deckView, options()), 'words.pdf'))
    expect(pages).toHaveLength(deckPlan.slides.length)
    const over: string[] = []
    deckPlan.slides.forEach((slide, i) => {
      // The self-assessment chart names its guidelines and statuses: labels of a figure, not text to read out.
      if (slide.type === 'assessment' && !slide.awaiting) return
      const recs = slide.type === 'recommendations' ? slide.blocks.filter((b) => b.kind === 'recommendation') : []
      if (recs.length > 3) over.push(`slide ${i + 1}: ${recs.length} recommendations`)
      if (words(pages[i]!) > 90 && recs.length !== 1) over.push(`slide ${i + 1} (${slide.type}): ${words(pages[i]!)} words`)
    })
    expect(over).toEqual([])
  }, 180_000)

  test('recommendation text is printed at 20 pt or more, page references at 14 pt or more, on every slide', () => {
    const boxes = wordBoxes(deckPath)
    // The reading of sizes holds: the footer's slide number is drawn at the size the stylesheet gives it.
    const bodies: number[] = []
    const refs: number[] = []
    plan.slides.forEach((slide, i) => {
      if (slide.type !== 'recommendations') return
      for (const block of slide.blocks) {
        if (block.kind !== 'recommendation') continue
        const wanted = bodyWords(block.text, slide, view)
        if (wanted.length > 0) bodies.push(sizeOn(boxes, i, wanted))
      }
      refs.push(sizeOn(boxes, i, [view.labels['page.one'], view.labels['page.many']]))
    })
    expect(bodies.length).toBeGreaterThan(100)
    expect(Math.min(...bodies)).toBeGreaterThanOrEqual(20)
    expect(Math.min(...refs)).toBeGreaterThanOrEqual(14)
  })
})

test('PowerPoint sets recommendation text at 20 pt or more and page references at 14 pt or more', async () => {
  const view = viewOf({lang: 'es'})
  const plan = planSlides(view)
  const zip = await JSZip.loadAsync(await renderPptx(view, options()))
  const body: number[] = []
  const refs: number[] = []
  for (const slide of plan.slides) {
    if (slide.type !== 'recommendations') continue
    const xml = await zip.file(`ppt/slides/slide${slide.index}.xml`)!.async('string')
    // Each run's size (`sz`, hundredths of a point) and text.
    const runs = [...xml.matchAll(/<a:r>\s*<a:rPr([^>]*)>[\s\S]*?<a:t>([^<]*)<\/a:t>/g)].map((m) => ({sz: Number(/\bsz="(\d+)"/.exec(m[1]!)?.[1] ?? 0) / 100, text: m[2]!.trim()}))
    for (const block of slide.blocks) {
      if (block.kind !== 'recommendation') continue
      const text = runs.filter((run) => run.text.length > 20 && block.text.includes(run.text))
      expect(text.length, `recommendation ${block.number}`).toBeGreaterThan(0)
      body.push(...text.map((run) => run.sz))
      refs.push(...runs.filter((run) => run.text === block.pageLabel).map((run) => run.sz))
    }
  }
  expect(refs.length).toBeGreaterThanOrEqual(113)
  expect(Math.min(...body)).toBeGreaterThanOrEqual(20)
  expect(Math.min(...refs)).toBeGreaterThanOrEqual(14)
}, 180_000)

describe('summary decks and speaker notes', () => {
  test('a one-guideline summary names the guideline it summarises, once, on its title slide', async () => {
    const view = viewOf({lang: 'es', guidelines: ['VII']})
    const guideline = view.guidelines[0]!
    const [first] = pdfPageTexts(save(await renderSlides(view, options()), 'vii.pdf'))
    expect(first).toContain(normalize(`${view.subtitle}: ${guideline.title}`))
    // "Resumen del lineamiento VII" then "Lineamiento: VII" said it twice.
    expect(first!.match(/\bVII\b/g)).toHaveLength(1)
    const {slides} = await pptxText(await renderPptx(view, options()))
    expect(slides[0]).toContain(normalize(guideline.title))
    expect(slides[0]!.match(/\bVII\b/g)).toHaveLength(1)
  }, 180_000)

  test('speaker notes give each recommendation\'s page in the Panorama and the guideline\'s aim, not the slide\'s text again', async () => {
    for (const lang of ['es', 'en'] as const) {
      const view = viewOf({lang})
      const plan = planSlides(view)
      const {slides, notes} = await pptxText(await renderPptx(view, options()))
      expect(notes).toHaveLength(plan.slides.length)
      const texts = recommendationsOf(view).map((rec) => normalize(rec.text))
      plan.slides.forEach((slide, i) => {
        if (slide.type !== 'recommendations') return
        const guideline = view.guidelines.find((g) => g.id === slide.guideline)!
        expect(notes[i], `slide ${i + 1}`).toContain(normalize(guideline.title))
        for (const block of slide.blocks) {
          if (block.kind !== 'recommendation') continue
          // The slide shows the text; the notes point into the Panorama and say whom and what it concerns.
          expect(slides[i]).toContain(normalize(block.text))
          expect(notes[i]).toMatch(new RegExp(`\\b${block.number}\\b[^.]*${block.pageLabel.replace('.', '\\.')}`))
          const rec = recommendationsOf(view).find((r) => r.number === block.number)!
          for (const audience of rec.audiences) expect(notes[i]).toContain(audience.label)
        }
        for (const text of texts) expect(notes[i]).not.toContain(text)
      })
    }
  }, 180_000)
})

/** The outline's entries, in order, as the catalog lists them. */
function outlineTitles(doc: PDFDocument): string[] {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const titles: string[] = []
  let ref = outlines?.get(PDFName.of('First'))
  while (ref instanceof PDFRef) {
    const item = doc.context.lookup(ref, PDFDict)
    const title = item.get(PDFName.of('Title'))
    titles.push(title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '')
    ref = item.get(PDFName.of('Next'))
  }
  return titles
}

describe('handouts worth printing', () => {
  test.each(['a4', 'letter'] as const)('the %s handout is a tagged PDF with an outline, the slides\' text in its structure, type no smaller than before', async (paper) => {
    const view = viewOf({lang: 'es'})
    const plan = planSlides(view)
    const path = save(await renderHandout(view, options({paper})), `handout-${paper}.pdf`)
    expect(execFileSync('pdfinfo', [path], {encoding: 'utf8'})).toMatch(/Tagged:\s+yes/)
    // The structure holds the slides' recommendations, read in order, through the placed slides.
    const structure = normalize(execFileSync('pdfinfo', ['-struct-text', path], {encoding: 'utf8', maxBuffer: 64 << 20}))
    let from = 0
    for (const rec of recommendationsOf(view)) {
      const at = structure.indexOf(normalize(rec.text.slice(0, 40)), from)
      expect(at, `recommendation ${rec.number} in the structure`).toBeGreaterThan(from - 1)
      from = at
    }
    expect(structure).toMatch(/^Document /)
    const doc = await PDFDocument.load(new Uint8Array(execFileSync('cat', [path])))
    const titles = outlineTitles(doc)
    for (const guideline of view.guidelines) expect(titles).toContain(`${guideline.id}. ${guideline.title}`)
    // Type at least as large as the handout printed before: body 8.8 pt (Letter 8.1), page references 6.8 (6.3), slide footers 6.4 (5.9).
    const before = paper === 'a4' ? {body: 8.8, ref: 6.8, footer: 6.4} : {body: 8.1, ref: 6.3, footer: 5.9}
    const boxes = wordBoxes(path)
    const pages = pdfPageTexts(path)
    const body: number[] = []
    const refs: number[] = []
    const footers: number[] = []
    const footerWords = view.shortTitle.split(' ').filter((w) => w.length >= 9)
    for (const slide of plan.slides) {
      if (slide.type !== 'recommendations') continue
      const rec = slide.blocks.find((b) => b.kind === 'recommendation')!
      const page = pages.findIndex((text) => text.includes(normalize(rec.text.slice(0, 60))))
      expect(page, `slide ${slide.index}`).toBeGreaterThanOrEqual(0)
      body.push(sizeOn(boxes, page, bodyWords(rec.text, slide, view)))
      refs.push(sizeOn(boxes, page, [view.labels['page.one'], view.labels['page.many']]))
      footers.push(sizeOn(boxes, page, footerWords))
    }
    expect(Math.min(...body)).toBeGreaterThanOrEqual(before.body)
    expect(Math.min(...refs)).toBeGreaterThanOrEqual(before.ref)
    expect(Math.min(...footers)).toBeGreaterThanOrEqual(before.footer)
    // The handout's own footer ("Página 2 de 40") is drawn at 8.25 pt: the size reading is calibrated.
    expect(sizeOn(boxes, 1, ['Página'])).toBeCloseTo(8.25, 1)
  }, 180_000)

  test('the title and guideline slides cost no page: each page holds two content slides with room for notes', async () => {
    const view = viewOf({lang: 'es'})
    const plan = planSlides(view)
    const path = save(await renderHandout(view, options()), 'handout-pages.pdf')
    const pages = pdfPageTexts(path)
    const content = plan.slides.filter((s) => s.type !== 'title' && s.type !== 'section').length
    // Before: ceil(slides / 2) pages, a title or section slide taking half a page each.
    expect(pages.length).toBeLessThan(Math.ceil(plan.slides.length / 2))
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(content / 2) + 8)
    // Each guideline's name heads the page its recommendations start on.
    for (const guideline of view.guidelines) expect(pages.some((page) => page.includes(`LINEAMIENTO ${guideline.id} ·`) && page.includes(normalize(guideline.title)))).toBe(true)
  }, 180_000)
})
