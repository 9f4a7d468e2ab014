import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import JSZip from 'jszip'
import {beforeAll, describe, expect, test} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {defaultDate, type RenderOptions} from '../../source/render/formats.js'
import {renderPptx} from '../../source/render/pptx/render-pptx.js'
import {planSlides} from '../../source/render/slides/plan.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import {projectRoot} from '../../source/content-paths.js'
import type {View} from '../../source/view/view.js'
import {keyOf, normalize, pdfPageTexts, pptxText, recommendationsOf, statusLabelsIn} from './slide-text.js'

// PowerPoint draws the same slide plan as the PDF deck (slides.test.ts), without the browser.
const project = loadProject()
/** The illustrative profiles: Chile's answers some recommendations (the shipped profiles answer none). */
const example = loadProject({paths: {profiles: join(projectRoot, 'examples', 'profiles')}})

const options = (): RenderOptions => ({paper: 'a4', date: defaultDate, handoutLayout: 2})
const viewOf = (spec: object): View => select(project, toBriefSpec(spec))

describe('full deck (Spanish)', () => {
  const view = viewOf({lang: 'es'})
  const plan = planSlides(view)
  let pptx: Uint8Array

  beforeAll(async () => {
    pptx = await renderPptx(view, options())
  }, 180_000)

  test('the same inputs give the same bytes', async () => {
    expect(Buffer.from(await renderPptx(view, options())).equals(Buffer.from(pptx))).toBe(true)
  }, 180_000)

  test('the PPTX has the same slides in the same order, all 113 texts on its slides, and the plan\'s notes', async () => {
    const {slides, notes} = await pptxText(pptx)
    expect(slides.length).toBe(plan.slides.length)
    plan.slides.forEach((slide, i) => expect(slides[i]).toContain(keyOf(slide)))
    plan.slides.forEach((slide, i) => slide.notes.forEach((paragraph) => expect(notes[i]).toContain(normalize(paragraph))))
    const all = normalize(slides.join(' '))
    for (const rec of recommendationsOf(view)) expect(all).toContain(normalize(rec.text))
    const core = await (await JSZip.loadAsync(pptx)).file('docProps/core.xml')!.async('string')
    expect(core).toContain('2025-01-01T00:00:00Z')
    expect(core).toContain(view.title.slice(0, 40))
  }, 180_000)

  test('LibreOffice Impress opens the PPTX and prints a page per slide', () => {
    const work = mkdtempSync(join(tmpdir(), 'briefs-pptx-test-'))
    const input = join(work, 'deck.pptx')
    writeFileSync(input, pptx)
    const profile = mkdtempSync(join(tmpdir(), 'lo-slides-'))
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, input], {stdio: 'pipe', timeout: 150_000})
      const pages = pdfPageTexts(join(work, 'deck.pdf'))
      expect(pages.length).toBe(plan.slides.length)
      expect(pages[4]).toContain(keyOf(plan.slides[4]!))
    } finally {
      rmSync(profile, {recursive: true, force: true})
      rmSync(work, {recursive: true, force: true})
    }
  }, 180_000)
})

describe('filtered decks', () => {
  test('a guideline VII deck covers recommendations 62–78 only', async () => {
    const view = viewOf({lang: 'es', guidelines: ['VII']})
    const plan = planSlides(view)
    const all = recommendationsOf(viewOf({lang: 'es'}))
    const {slides} = await pptxText(await renderPptx(view, options()))
    expect(slides.length).toBe(plan.slides.length)
    const pptxAll = slides.join(' ')
    for (const rec of all) {
      const prefix = normalize(rec.text.slice(0, 50))
      if (rec.number >= 62 && rec.number <= 78) expect(pptxAll).toContain(normalize(rec.text))
      else expect(pptxAll).not.toContain(prefix)
    }
  }, 180_000)

  test('a country deck shows the status label on every answered recommendation, and on no other', async () => {
    // The illustrative profile answers some recommendations: a badge on each of those, none on the rest.
    const view = select(example, toBriefSpec({lang: 'es', country: 'CL'}))
    const answered = recommendationsOf(view).filter((r) => r.assessment).length
    expect(answered).toBeGreaterThan(0)
    expect(answered).toBeLessThan(113)
    const {slides} = await pptxText(await renderPptx(view, options()))
    expect(statusLabelsIn(view, slides.join(' '))).toBeGreaterThanOrEqual(answered)
    // "No evaluada" stands only in the chart's totals, never as a badge on a recommendation slide.
    const plan = planSlides(view)
    expect(slides).toHaveLength(plan.slides.length)
    plan.slides.forEach((slide, i) => slide.type === 'recommendations' && expect(slides[i], `slide ${i + 1}`).not.toContain(view.labels['status.none']))
  }, 180_000)

  test('a country deck with its chart gives the same bytes however many decks were made before it', async () => {
    // pptxgenjs numbers charts and their workbooks for the whole process; a minute later the workbook's times move too.
    const view = select(example, toBriefSpec({lang: 'es', country: 'CL'}))
    const first = await renderPptx(view, options())
    await renderPptx(select(example, toBriefSpec({lang: 'en', country: 'CL'})), options())
    const later = await renderPptx(view, options())
    expect(Buffer.from(later).equals(Buffer.from(first))).toBe(true)
    const zip = await JSZip.loadAsync(later)
    expect(Object.keys(zip.files).filter((name) => /chart\d+\.xml$|\.xlsx$/.test(name)).sort()).toEqual(['ppt/charts/chart1.xml', 'ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx'])
    // The chart's workbook is itself a package, its times fixed like the deck's.
    const workbook = await JSZip.loadAsync(await zip.file('ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx')!.async('uint8array'))
    for (const entry of Object.values(workbook.files)) expect(entry.date.getUTCFullYear()).toBe(defaultDate.getUTCFullYear())
  }, 180_000)
})
