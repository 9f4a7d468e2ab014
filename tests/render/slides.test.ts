import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {loadProject, type Project} from '../../source/annotate/load-project.js'
import {launchBrowser} from '../../source/render/browser.js'
import {defaultDate, type RenderOptions} from '../../source/render/formats.js'
import {clearDeckCache, deckPrints} from '../../source/render/slides/deck-pdf.js'
import {geometry, planSlides, wordCount, type Slide, type SlidePlan} from '../../source/render/slides/plan.js'
import {renderHandout} from '../../source/render/slides/render-handout.js'
import {renderSlides} from '../../source/render/slides/render-slides.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import {projectRoot} from '../../source/content-paths.js'
import type {View} from '../../source/view/view.js'
import {sharedBrowser} from '../helpers/browser.js'
import {PdfFile} from './pdf-file.js'
import {keyOf, normalize, pdfPageTexts, recommendationsOf, statusLabelsIn} from './slide-text.js'

const browser = sharedBrowser()
let project: Project
let work: string

beforeAll(() => {
  project = loadProject()
  work = mkdtempSync(join(tmpdir(), 'briefs-slides-test-'))
})

afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true})
})

const options = (extra: Partial<RenderOptions> = {}): RenderOptions => ({paper: 'a4', date: defaultDate, handoutLayout: 2, browser: browser(), ...extra})
const viewOf = (spec: object): View => select(project, toBriefSpec(spec))

function pdfPages(bytes: Uint8Array, name: string): number {
  const path = join(work, name)
  writeFileSync(path, bytes)
  const info = execFileSync('pdfinfo', [path], {encoding: 'utf8'})
  return Number(/^Pages:\s+(\d+)/m.exec(info)![1])
}

/** Text of each page, whitespace normalised. */
function pdfText(bytes: Uint8Array, name: string): string[] {
  const path = join(work, name)
  writeFileSync(path, bytes)
  return pdfPageTexts(path)
}

/** How many times each word occurs in `text`. */
function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of text.split(' ').filter(Boolean)) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
}

/** Words of `part` that `whole` lacks (counting repeats), so a failure shows what went missing. */
function missingWords(part: string, whole: string): string[] {
  const have = wordCounts(whole)
  return [...wordCounts(part)].filter(([word, n]) => (have.get(word) ?? 0) < n).map(([word]) => word)
}

/** Straight lines stroked by each page's own content (`x y m x y l S`), not counting those inside placed slides. */
async function strokedLines(bytes: Uint8Array): Promise<number[]> {
  const doc = await PDFDocument.load(bytes)
  return doc.getPages().map((page) => {
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')))
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents]
    const text = streams.map((stream) => Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1')).join('\n')
    return text.match(/ l\s+S\b/g)?.length ?? 0
  })
}

interface WordBox {
  readonly word: string
  readonly yMin: number
  readonly yMax: number
}

/** Each page's words with their boxes, as `pdftotext -bbox` reads them (points from the top). */
function pageWordBoxes(bytes: Uint8Array, name: string): WordBox[][] {
  const path = join(work, name)
  writeFileSync(path, bytes)
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], {encoding: 'utf8', maxBuffer: 64 << 20})
  return html.split('<page ').slice(1).map((page) => [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({word: m[3]!, yMin: Number(m[1]), yMax: Number(m[2])})))
}

describe('full deck (Spanish)', () => {
  let view: View
  let plan: SlidePlan
  let deck: Uint8Array

  beforeAll(async () => {
    view = viewOf({lang: 'es'})
    plan = planSlides(view)
    deck = await renderSlides(view, options())
  }, 180_000)

  test('the plan covers every recommendation once, in order, and splits long guidelines', () => {
    const planned = plan.slides.flatMap((s) => (s.type === 'recommendations' ? s.blocks.flatMap((b) => (b.kind === 'recommendation' ? [b.number] : [])) : []))
    expect(planned).toEqual(Array.from({length: 113}, (_, i) => i + 1))
    const guidelineI = plan.slides.filter((s) => s.type === 'recommendations' && s.guideline === 'I')
    expect(guidelineI.length).toBeGreaterThan(1)
    expect(guidelineI.slice(1).every((s) => s.type === 'recommendations' && s.continued)).toBe(true)
    expect(plan.slides.map((s) => s.index)).toEqual(plan.slides.map((_, i) => i + 1))
    expect(plan.slides[0]!.type).toBe('title')
    expect(plan.slides.at(-1)!.type).toBe('closing')
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
  })

  test('the deck PDF has a 16:9 page per slide, an outline, and every recommendation', async () => {
    expect(Buffer.from(deck.subarray(0, 5)).toString()).toBe('%PDF-')
    const pages = pdfText(deck, 'deck.pdf')
    expect(pages.length).toBe(plan.slides.length)
    const info = execFileSync('pdfinfo', [join(work, 'deck.pdf')], {encoding: 'utf8'})
    expect(info).toMatch(/Page size:\s+960 x 540 pts/)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/CreationDate:\s+Wed Jan\s+1 00:00:00 2025 UTC/)
    const doc = await PDFDocument.load(deck)
    expect(doc.catalog.get(PDFName.of('Outlines'))).toBeDefined()
    const text = pages.join(' ')
    for (const rec of recommendationsOf(view)) expect(text).toContain(normalize(rec.text.slice(0, 50)))
    plan.slides.forEach((slide, i) => expect(pages[i]).toContain(keyOf(slide)))
    plan.slides.forEach((slide, i) => {
      if (slide.type !== 'recommendations') return
      for (const block of slide.blocks) if (block.kind === 'recommendation') expect(pages[i]).toMatch(new RegExp(`(^| )${block.number} `))
    })
    expect(text).toContain(`(${view.labels['continued']})`)
  }, 180_000)

  test('the same inputs give the same bytes', async () => {
    // A second print in Chromium, not the cached first one.
    clearDeckCache()
    const prints = deckPrints()
    expect(Buffer.from(await renderSlides(view, options())).equals(Buffer.from(deck))).toBe(true)
    expect(deckPrints()).toBe(prints + 1)
  }, 180_000)

  /** How many slides (form XObjects) each page of a handout draws. */
  async function placedSlides(bytes: Uint8Array): Promise<number[]> {
    const doc = await PDFDocument.load(bytes)
    return doc.getPages().map((page) => {
      const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')))
      const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents]
      const text = streams.map((stream) => Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1')).join('\n')
      return text.match(/ Do\b/g)?.length ?? 0
    })
  }

  /** The content slides (all but the title and guideline slides, which the 2-up handout draws as bands). */
  const contentSlides = () => plan.slides.filter((s) => s.type !== 'title' && s.type !== 'section')

  test('handouts: 2 content slides a page with note lines (title and guideline slides as bands), or 6 slides, in deck order', async () => {
    const two = await renderHandout(view, options())
    const six = await renderHandout(view, options({handoutLayout: 6}))
    expect(pdfPages(six, 'handout-6.pdf')).toBe(Math.ceil(plan.slides.length / 6))
    const slideTexts = pdfText(deck, 'deck.pdf')
    const notes = (text: string) => text.split(' ').filter((word) => word === 'NOTAS').length
    const occurrences = (text: string, part: string) => text.split(part).length - 1
    const short = normalize(view.shortTitle)
    const inHeader = occurrences(normalize(view.title), short)
    /** Each page: title first, its own slides in deck order with every word, the footer last; notes and lines in the 2-up layout. */
    const checkPages = async (bytes: Uint8Array, name: string, perPage: 2 | 6) => {
      const pages = pdfText(bytes, name)
      const lines = await strokedLines(bytes)
      const placed = await placedSlides(bytes)
      const list = perPage === 2 ? contentSlides() : plan.slides
      expect(placed.reduce((a, b) => a + b, 0)).toBe(list.length)
      let next = 0
      pages.forEach((page, p) => {
        expect(placed[p]).toBeGreaterThanOrEqual(1)
        expect(placed[p]).toBeLessThanOrEqual(perPage)
        const own = list.slice(next, next + placed[p]!)
        next += placed[p]!
        const inSlides = (count: (text: string) => number) => own.reduce((n, slide) => n + count(slideTexts[slide.index - 1]!), 0)
        // The header (title over a rule), then the slides, then the footer.
        expect(page.startsWith(normalize(view.title))).toBe(true)
        expect(page.endsWith(`Página ${p + 1} de ${pages.length}`)).toBe(true)
        // The footer's short title, besides those in the header's title and each slide's own footer.
        if (perPage === 6) expect(occurrences(page, short)).toBe(inHeader + 1 + inSlides((text) => occurrences(text, short)))
        else expect(occurrences(page, short)).toBeGreaterThanOrEqual(inHeader + 1 + inSlides((text) => occurrences(text, short)))
        for (const slide of own) expect(page).toContain(keyOf(slide))
        // Every word of each slide, as text (the slides are placed, not pictured).
        for (const slide of own) expect(missingWords(slideTexts[slide.index - 1]!, page)).toEqual([])
        // 2-up: a notes label and at least 2 ruled lines below each slide; both layouts: the header and footer rules.
        expect(notes(page) - inSlides(notes)).toBe(perPage === 2 ? own.length : 0)
        if (perPage === 2) expect(lines[p]).toBeGreaterThanOrEqual(2 + 2 * own.length)
        else expect(lines[p]).toBe(2)
      })
      expect(next).toBe(list.length)
      // More room for notes than the 2 lines a slide of before: 3 or more on most.
      if (perPage === 2) expect((lines.reduce((a, b) => a + b, 0) - 2 * pages.length) / list.length).toBeGreaterThanOrEqual(3)
    }
    await checkPages(two, 'handout-2.pdf', 2)
    await checkPages(six, 'handout-6.pdf', 6)
    // The title slide's and each guideline slide's text stands in a band over the slide it introduces.
    const pages = pdfText(two, 'handout-2.pdf')
    const title = plan.slides[0]!
    expect(pages[0]).toContain(normalize(title.type === 'title' ? title.subtitle : ''))
    for (const slide of plan.slides) if (slide.type === 'section') expect(pages.some((page) => page.includes(normalize(slide.title)) && page.includes(`LINEAMIENTO ${slide.guideline} ·`))).toBe(true)
  }, 180_000)

  test.each(['a4', 'letter'] as const)('the handout on %s prints the slides\' recommendation text at 8 pt or more, and leaves no band of the page empty', async (paper) => {
    const two = await renderHandout(view, options({paper}))
    const inDeck = pageWordBoxes(deck, 'deck.pdf')
    const inHandout = pageWordBoxes(two, `handout-${paper}.pdf`)
    const handoutPages = pdfText(two, `handout-${paper}-text.pdf`)
    // A word's box is its font's ascent to descent at the size printed: its height in the handout
    // over its height in the deck, where the text is `geometry.normal.font` px, is the printed size.
    const printed = plan.slides.filter((s) => s.type === 'recommendations' && s.size === 'normal').map((slide) => {
      const rec = (slide as Extract<Slide, {type: 'recommendations'}>).blocks.find((b) => b.kind === 'recommendation')!
      const word = rec.text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a))
      const height = (boxes: WordBox[]) => Math.min(...boxes.filter((box) => box.word === word).map((box) => box.yMax - box.yMin))
      const page = handoutPages.findIndex((text) => text.includes(normalize(rec.text.slice(0, 60))))
      return (geometry.normal.font * 0.75 * height(inHandout[page]!)) / height(inDeck[slide.index - 1]!)
    })
    expect(printed.length).toBeGreaterThan(20)
    // 3-up printed this text at 6.8 pt: three 16:9 slides can't be taller on A4. 2-up: 8.7 pt on A4, 8.1 on Letter before; now 9.4 and 8.7.
    expect(Math.min(...printed)).toBeGreaterThanOrEqual(paper === 'a4' ? 9 : 8.5)
    expect(execFileSync('pdfinfo', [join(work, `handout-${paper}.pdf`)], {encoding: 'utf8'})).toMatch(paper === 'a4' ? /595\.28 x 841\.89 pts/ : /612 x 792 pts/)
    // No band of empty paper: on every page but the last, the tallest run of blank rows between
    // the header and the footer is a gap between a slide and its notes, not a strip.
    const file = new PdfFile(two, `handout-${paper}.pdf`)
    try {
      for (let page = 1; page < handoutPages.length; page++) {
        const raster = file.pixels(page, 36)
        const blank = (y: number) => Array.from({length: raster.width}, (_, x) => raster.at(x, y)).every((c) => c === '#ffffff')
        const inked = Array.from({length: raster.height}, (_, y) => !blank(y))
        const first = inked.indexOf(true)
        const last = inked.lastIndexOf(true)
        let run = 0
        let longest = 0
        for (let y = first; y <= last; y++) longest = Math.max(longest, (run = inked[y] ? 0 : run + 1))
        expect(longest / raster.height).toBeLessThan(0.04)
        // The ink reaches from the header to the footer: no margin bigger than the page's own.
        expect(first / raster.height).toBeLessThan(0.07)
        expect(1 - last / raster.height).toBeLessThan(0.07)
      }
    } finally {
      file.remove()
    }
  }, 180_000)

  test('the handout: A4, metadata, embedded fonts, tagged, same bytes for the same inputs', async () => {
    const handout = await renderHandout(view, options())
    const path = join(work, 'handout-meta.pdf')
    writeFileSync(path, handout)
    const info = execFileSync('pdfinfo', [path], {encoding: 'utf8'})
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/CreationDate:\s+Wed Jan\s+1 00:00:00 2025 UTC/)
    expect(info).toContain(`Title:           ${view.title}`)
    expect(info).toContain(`Author:          ${view.meta.author}`)
    expect(info).toMatch(/Creator:\s+policy-briefs/)
    const doc = await PDFDocument.load(handout)
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe(`(${view.langTag})`)
    expect(doc.catalog.get(PDFName.of('MarkInfo'))).toBeDefined()
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined()
    expect(doc.catalog.get(PDFName.of('Outlines'))).toBeDefined()
    const fonts = execFileSync('pdffonts', [path], {encoding: 'utf8'}).split('\n').slice(2).filter(Boolean)
    expect(fonts.some((line) => /\+SourceSans3-Semibold /.test(line))).toBe(true)
    // Every font embedded, the handout's own two as subsets.
    for (const line of fonts) expect(line).toMatch(/ yes (yes|no) yes /)
    expect(Buffer.from(await renderHandout(view, options())).equals(Buffer.from(handout))).toBe(true)
    clearDeckCache()
    expect(Buffer.from(await renderHandout(view, options())).equals(Buffer.from(handout))).toBe(true)
  }, 180_000)

  test('the deck and the handout of one view print in Chromium once, even side by side', async () => {
    const fresh = options({date: new Date('2024-06-01T00:00:00Z')})
    const before = deckPrints()
    const [deckBytes, handout] = await Promise.all([renderSlides(view, fresh), renderHandout(view, fresh)])
    await renderHandout(view, {...fresh, handoutLayout: 6})
    expect(deckPrints()).toBe(before + 1)
    expect(pdfPages(deckBytes, 'fresh-deck.pdf')).toBe(plan.slides.length)
    expect(pdfPages(handout, 'fresh-handout.pdf')).toBe(pdfPages(await renderHandout(view, options()), 'handout-again.pdf'))
    // The date is part of the input: the deck printed for it says so.
    expect(execFileSync('pdfinfo', [join(work, 'fresh-deck.pdf')], {encoding: 'utf8'})).toMatch(/CreationDate:\s+Sat Jun\s+1 00:00:00 2024 UTC/)
  }, 180_000)

  test('a failed print is not cached: the retry prints again', async () => {
    // A real browser that has stopped, as after a crash.
    const crashed = await launchBrowser()
    await crashed.close()
    const retry = options({date: new Date('2023-03-01T00:00:00Z')})
    const before = deckPrints()
    await expect(renderHandout(view, {...retry, browser: crashed.browser})).rejects.toThrow()
    expect(pdfPages(await renderHandout(view, retry), 'retry-handout.pdf')).toBe(pdfPages(await renderHandout(view, options()), 'handout-again.pdf'))
    expect(deckPrints()).toBe(before + 2)
  }, 180_000)

})

describe('filtered decks', () => {
  test('a guideline VII deck covers recommendations 62–78 only (plan and PDF; PowerPoint in pptx.test.ts)', async () => {
    const view = viewOf({lang: 'es', guidelines: ['VII']})
    const plan = planSlides(view)
    expect(plan.slides.some((s) => s.type === 'agenda')).toBe(false)
    const numbers = plan.slides.flatMap((s) => (s.type === 'recommendations' ? s.blocks.flatMap((b) => (b.kind === 'recommendation' ? [b.number] : [])) : []))
    expect(numbers).toEqual(Array.from({length: 17}, (_, i) => 62 + i))
    const all = recommendationsOf(viewOf({lang: 'es'}))
    const text = pdfText(await renderSlides(view, options()), 'vii.pdf').join(' ')
    for (const rec of all) {
      const prefix = normalize(rec.text.slice(0, 50))
      if (rec.number >= 62 && rec.number <= 78) expect(text).toContain(prefix)
      else expect(text).not.toContain(prefix)
    }
  }, 180_000)

  test('a country deck shows the status label on every answered recommendation, and on no other', async () => {
    // The illustrative profile answers some recommendations: a badge on each of those, none on the rest.
    const view = select(loadProject({paths: {profiles: join(projectRoot, 'examples', 'profiles')}}), toBriefSpec({lang: 'es', country: 'CL'}))
    const answered = recommendationsOf(view).filter((r) => r.assessment).length
    expect(answered).toBeGreaterThan(0)
    expect(answered).toBeLessThan(113)
    const pages = pdfText(await renderSlides(view, options()), 'cl.pdf')
    const text = pages.join(' ')
    expect(statusLabelsIn(view, text)).toBeGreaterThanOrEqual(answered)
    // "No evaluada" stands only in the chart's legend and totals, never as a badge on a recommendation slide.
    const plan = planSlides(view)
    expect(pages).toHaveLength(plan.slides.length)
    plan.slides.forEach((slide, i) => slide.type === 'recommendations' && expect(pages[i], `slide ${i + 1}`).not.toContain(view.labels['status.none']))
  }, 180_000)

  test('the agenda takes as few slides as its words allow, filled alike', () => {
    const agendas = (spec: object) => planSlides(viewOf({lang: 'es', ...spec})).slides.filter((s) => s.type === 'agenda')
    const chrome = (view: View) => wordCount(view.labels['agenda'], `(${view.labels['continued']})`, view.shortTitle) + 1
    for (const spec of [{}, ...project.audiences.map((a) => ({audiences: [a.id]}))]) {
      const view = viewOf({lang: 'es', ...spec})
      const slides = agendas(spec)
      if (view.guidelines.length < 2) {
        expect(slides).toEqual([])
        continue
      }
      const sizes = slides.map((s) => s.items.length)
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(view.guidelines.length)
      // Filled alike: no slide holds more than one item more than another.
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
      // Each within the budget, and one slide fewer would not be.
      const words = (items: readonly {id: string; title: string; count: string}[]) => chrome(view) + items.reduce((n, i) => n + wordCount(i.id, i.title, i.count), 0)
      for (const slide of slides) expect(words(slide.items)).toBeLessThanOrEqual(90)
      if (slides.length > 1) {
        const all = slides.flatMap((s) => s.items)
        const per = Math.ceil(all.length / (slides.length - 1))
        const fewer = Array.from({length: slides.length - 1}, (_, i) => all.slice(i * per, (i + 1) * per))
        expect(fewer.some((part) => words(part) > 90)).toBe(true)
      }
    }
  })

  test('an English deck uses English labels', async () => {
    const view = viewOf({lang: 'en'})
    const pages = pdfText(await renderSlides(view, options()), 'en.pdf')
    expect(pages.length).toBe(planSlides(view).slides.length)
    expect(pages.join(' ')).toContain('RECOMMENDATIONS 1 TO')
    expect(pages.join(' ')).toContain('(continued)')
  }, 180_000)
})
