import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PDFDocument, PDFName, PDFString} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {BrowserManager, openInertPage} from '../../source/render/browser.js'
import {defaultDate, type RenderOptions} from '../../source/render/formats.js'
import {outlineEntries} from '../../source/render/pdf/pdf-destinations.js'
import {renderPdf, renderPdfReport, type PdfReport} from '../../source/render/pdf/render-pdf.js'
import {select, toBriefSpec, type BriefSpecInput} from '../../source/select/index.js'
import type {View} from '../../source/view/view.js'
import {hostile, writeHostileSource} from './hostile-source.js'
import {PdfFile, squash} from './pdf-file.js'
import {sharedBrowser} from '../helpers/browser.js'

const timeout = 120_000
const project = loadProject()
const viewOf = (spec: BriefSpecInput, from = project) => select(from, toBriefSpec({lang: 'es', ...spec}))
const recommendations = (view: View) => view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations))

const browser = sharedBrowser()
let options: RenderOptions
const files: PdfFile[] = []
const open = (bytes: Uint8Array) => {
  const file = new PdfFile(bytes)
  files.push(file)
  return file
}

/** The full document, rendered once and read by several tests. */
let full: {view: View; report: PdfReport; file: PdfFile}

beforeAll(async () => {
  options = {paper: 'a4', browser: browser(), date: defaultDate, handoutLayout: 6}
  const view = viewOf({})
  const report = await renderPdfReport(view, options)
  full = {view, report, file: open(report.bytes)}
}, timeout)

afterAll(() => {
  for (const file of files) file.remove()
})

/**
 * The cover's background reaches the page's edges: every pixel of the outer
 * rows and columns of page 1, read back from a rendering, is the cover's colour
 * (and that colour is not paper white), and the brief did not spill a page.
 */
function expectCoverPaintedToEdges(file: PdfFile): void {
  const raster = file.pixels(1)
  const cover = raster.at(Math.floor(raster.width / 2), raster.height - 4)
  expect(cover).not.toBe('#ffffff')
  const edge = new Set<string>()
  for (let x = 0; x < raster.width; x++) for (const y of [0, 1, raster.height - 2, raster.height - 1]) edge.add(raster.at(x, y))
  for (let y = 0; y < raster.height; y++) for (const x of [0, raster.width - 1]) edge.add(raster.at(x, y))
  expect([...edge]).toEqual([cover])
  expect(file.text({page: 2})).not.toBe('')
  expectFirstInsidePageUnpainted(file)
}

/**
 * The cover's paint stays on the cover: page 2, read back from a rendering, has no band of the
 * cover's colour, i.e. no run of rows at least 2 mm tall each more than a third that colour
 * (a heading's hairline rule is one such row; text never fills a row so). The design review
 * found a 4 mm navy band over the contents heading of every brief's page 2.
 */
function expectFirstInsidePageUnpainted(file: PdfFile): void {
  const cover = file.pixels(1)
  const navy = cover.at(Math.floor(cover.width / 2), cover.height - 4)
  const dpi = 30
  const inside = file.pixels(2, dpi)
  const rowsPerMm = dpi / 25.4
  const bands: string[] = []
  let start = -1
  for (let y = 0; y <= inside.height; y++) {
    let count = 0
    if (y < inside.height) for (let x = 0; x < inside.width; x++) if (inside.at(x, y) === navy) count++
    if (count > inside.width / 3) {
      if (start < 0) start = y
    } else if (start >= 0) {
      if (y - start >= 2 * rowsPerMm) bands.push(`rows ${start}-${y - 1}`)
      start = -1
    }
  }
  expect(bands, `bands of page 2 painted in the cover's ${navy}`).toEqual([])
}

/** Whether a recommendation's number followed by the start of its text is on the page(s). */
const shows = (squashed: string, rec: {number: number; text: string}) => squashed.includes(squash(`${rec.number}${rec.text.slice(0, 60)}`))

describe('PDF brief: the full document', () => {
  it('is a PDF holding all 113 recommendations, number and text', () => {
    expect(new TextDecoder().decode(full.report.bytes.slice(0, 5))).toBe('%PDF-')
    const text = squash(full.file.text())
    const recs = project.model.recommendations
    expect(recs).toHaveLength(113)
    const missing = recs.filter((rec) => !shows(text, rec)).map((rec) => rec.number)
    expect(missing).toEqual([])
    // Page references and the notes come along.
    expect(text).toContain(squash('pág. 230'))
    for (const note of project.model.footnotes) expect(text).toContain(squash(note.text.slice(0, 60)))
  })

  it('is tagged and carries title, author, subject, keywords and language', async () => {
    const info = full.file.info()
    expect(info['Tagged']).toBe('yes')
    expect(info['Title']).toBe(full.view.title)
    expect(info['Author']).toBe(full.view.meta.author)
    expect(info['Author']).toMatch(/CEPAL/)
    expect(info['Subject']).toBe(full.view.meta.subject)
    expect(info['Keywords']).toContain('Lineamiento VII')
    expect(info['Creator']).toBe('policy-briefs')
    expect(info['Producer']).toBe('policy-briefs')
    expect(info['Page size']).toMatch(/\(A4\)/)
    const doc = await PDFDocument.load(full.report.bytes, {updateMetadata: false})
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('es-419')
    expect(doc.getCreationDate()?.toISOString()).toBe(defaultDate.toISOString())
  })

  it('has an outline entry for each of the 14 guidelines, in order', async () => {
    const doc = await PDFDocument.load(full.report.bytes, {updateMetadata: false})
    const titles = outlineEntries(doc).map((entry) => entry.title)
    const guidelineTitles = titles.filter((title) => /^[IVXL]+\. /.test(title))
    expect(guidelineTitles).toEqual(project.model.guidelines.map((g) => `${g.id}. ${g.title}`))
  })

  it('embeds every font, all of them Source Serif 4 or Source Sans 3', () => {
    const fonts = full.file.fonts()
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.name, font.name).toMatch(/^[A-Z]{6}\+Source(Serif4|Sans3)/)
    }
  })

  it('prints contents page numbers where each guideline really starts', () => {
    expectContentsMatch(full.file, full.view, full.report)
  })

  it('starts each guideline on a new page and keeps headings with their text', () => {
    expect(full.report.breakGuidelines).toBe(true)
    for (const guideline of full.view.guidelines) {
      const page = full.report.tocPages.get(`g-${guideline.id}`)!
      const lines = full.file.text({page}).split('\n').map((l) => l.trim()).filter((l) => l !== '')
      // Running header, footer, then the guideline's kicker opens the page.
      const body = lines.filter((l) => l !== full.view.shortTitle && !/^Página \d+ de \d+$/.test(l) && !l.startsWith(full.view.shortTitle))
      expect(body[0], `page ${page}`).toMatch(/^LINEAMIENTO/)
      // The first recommendation of the guideline is on the same page as its heading.
      const first = guideline.groups[0]!.recommendations[0]!
      expect(shows(squash(lines.join('')), first), `recommendation ${first.number} beside heading ${guideline.id}`).toBe(true)
    }
  })

  it('has a running header and a localised "Página N de M" footer, none on the cover', () => {
    const pages = Number(full.file.info()['Pages'])
    expect(full.report.pages).toBe(pages)
    const cover = full.file.text({page: 1})
    expect(cover).not.toMatch(/Página \d+ de/)
    expect(cover).toContain('Escalar y mejorar')
    for (let page = 2; page <= pages; page++) {
      const text = full.file.text({page})
      expect(text, `footer of page ${page}`).toContain(`Página ${page} de ${pages}`)
      expect(text, `header of page ${page}`).toContain(full.view.shortTitle)
    }
  })

  it('paints the cover blue to every edge of the page', () => {
    expectCoverPaintedToEdges(full.file)
  })

  it('gives the same bytes for the same inputs', async () => {
    const again = await renderPdf(full.view, options)
    expect(Buffer.from(again).equals(Buffer.from(full.report.bytes))).toBe(true)
  }, timeout)
})

describe('PDF brief: other kinds', () => {
  it('holds exactly recommendations 62–78 in the guideline VII brief', async () => {
    const view = viewOf({guidelines: ['VII']})
    const report = await renderPdfReport(view, options)
    const text = squash(open(report.bytes).text())
    const present = project.model.recommendations.filter((rec) => shows(text, rec)).map((rec) => rec.number)
    expect(present).toEqual(Array.from({length: 17}, (_, i) => 62 + i))
    expect(recommendations(view).map((rec) => rec.number)).toEqual(present)
    expect(text).toContain(squash('Resumen del lineamiento VII'))
    // A short brief keeps its guidelines flowing.
    expect(report.breakGuidelines).toBe(false)
  }, timeout)

  it('shows the country and its profile, and for a country without answers one note instead of a status per recommendation', async () => {
    const view = viewOf({country: 'CL'})
    const file = open(await renderPdf(view, options))
    const text = file.text()
    expect(text).toContain('Chile')
    expect(text).toContain(view.country!.subregion)
    expect(text).toContain('Perfil del país')
    expect(text).toContain('Resumen de la autoevaluación')
    expect(recommendations(view).every((rec) => rec.assessment === undefined)).toBe(true)
    expect(text).not.toContain('No evaluada')
    expect(text.replace(/\s+/g, ' ')).toContain('Aún no se ha recibido una autoevaluación')
    expect(file.info()['Title']).toContain('Informe para Chile')
  }, timeout)

  it('gives a country brief the same bytes in a new browser as in one that printed other briefs before', async () => {
    // Pages are reused between prints, and Chromium numbers the table cells' structure IDs on
    // across the documents of a page: the bytes must not show which page printed them.
    const view = viewOf({country: 'CL'})
    await renderPdf(viewOf({guidelines: ['VII']}), options)
    const used = await renderPdf(view, options)
    await using fresh = new BrowserManager()
    const first = await renderPdf(view, {...options, browser: await fresh.get()})
    expect(open(used).info()['Tagged']).toBe('yes')
    expect(Buffer.from(used).equals(Buffer.from(first))).toBe(true)
  }, timeout)

  it('lays a brief out in the page before printing it: one print, the contents right, short or long', async () => {
    // Neither selection printed before in this file: nothing to start from but the layout in the page.
    const view = viewOf({guidelines: ['XIV']})
    const report = await renderPdfReport(view, options)
    expect(report.passes).toBe(1)
    const file = open(report.bytes)
    const heading = squash(`XIV.${view.guidelines[0]!.title.slice(0, 40)}`)
    const page = report.tocPages.get('g-XIV')!
    expect(squash(file.text({page}))).toContain(heading)
    expect(squash(file.text({page: page - 1}))).not.toContain(heading)
    const contents = file.text({page: 2, mode: '-layout'}).split('\n').find((l) => /^\s*XIV\s/.test(l))
    expect(Number(/(\d+)\s*$/.exec(contents!)![1])).toBe(page)
    // Eleven pages, each guideline on a new one: guessed short at first (24 or fewer recommendations), measured long.
    const long = viewOf({audiences: ['private-sector']})
    expect(long.counts.recommendations).toBeLessThanOrEqual(24)
    const longReport = await renderPdfReport(long, options)
    expect(longReport.passes).toBe(1)
    expect(longReport.breakGuidelines).toBe(true)
    expectContentsMatch(open(longReport.bytes), long, longReport)
  }, timeout)

  it('keeps contents numbers right when starting from an alike brief\'s layout', async () => {
    const first = await renderPdfReport(viewOf({country: 'PE'}), options)
    expect(first.passes).toBeGreaterThanOrEqual(1)
    const alike = viewOf({country: 'UY'})
    const second = await renderPdfReport(alike, options)
    expect(second.passes).toBe(1)
    expectContentsMatch(open(second.bytes), alike, second)
    // A long context paragraph moves every guideline: the guess is refused and measured again.
    const dir = mkdtempSync(join(tmpdir(), 'briefs-long-context-'))
    writeFileSync(join(dir, 'AR.yaml'), `country: AR\ncontext: >-\n  ${'Un contexto muy largo que ocupa varias páginas. '.repeat(220)}\n`)
    const long = viewOf({country: 'AR'}, loadProject({paths: {profiles: dir}}))
    const moved = await renderPdfReport(long, options)
    expect(moved.passes).toBeGreaterThan(1)
    expect(moved.tocPages.get('g-I')).toBeGreaterThan(first.tocPages.get('g-I')!)
    expectContentsMatch(open(moved.bytes), long, moved)
  }, timeout)

  it('prints on US Letter with --paper letter', async () => {
    const file = open(await renderPdf(viewOf({guidelines: ['VII']}), {...options, paper: 'letter'}))
    expect(file.info()['Page size']).toMatch(/^612 x 792 pts/)
    expectCoverPaintedToEdges(file)
  }, timeout)

  it('writes the footer and metadata in the brief language', async () => {
    const view = viewOf({lang: 'en', guidelines: ['VII']})
    const bytes = await renderPdf(view, options)
    const file = open(bytes)
    const pages = Number(file.info()['Pages'])
    expect(file.text({page: 2})).toContain(`Page 2 of ${pages}`)
    expect(file.text()).not.toMatch(/Página \d/)
    const doc = await PDFDocument.load(bytes, {updateMetadata: false})
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en')
  }, timeout)

  it('refuses to render without an injected browser', async () => {
    await expect(renderPdf(viewOf({guidelines: ['VII']}), {...options, browser: undefined})).rejects.toThrow(/Cannot render a PDF without a browser/)
  })
})

describe('inert rendering', () => {
  it('shows raw HTML of the source as text and requests nothing', async () => {
    const view = viewOf({guidelines: ['VII']}, loadProject({source: writeHostileSource()}))
    const report = await renderPdfReport(view, options)
    expect(report.blocked).toEqual([])
    const text = open(report.bytes).text()
    expect(text).toContain(hostile.script)
    expect(text).toContain('http://example.invalid/x.png')
    expect(text).toContain('javascript:alert(1)')
    expect(text).not.toContain('SCRIPT-RAN\n')
  }, timeout)

  it('runs no script and refuses every request but data: URLs, even for live markup', async () => {
    const {page, blocked} = await openInertPage(browser())
    const finished: string[] = []
    page.on('requestfinished', (request) => finished.push(request.url()))
    try {
      await page.setContent(
        '<!DOCTYPE html><html><body><p>inert</p><script>document.write("SCRIPT-RAN")</script>' +
          '<img src="http://example.invalid/x.png"><link rel="stylesheet" href="https://example.invalid/x.css">' +
          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
          '<a href="javascript:document.write(1)">link</a></body></html>',
        {waitUntil: 'load'},
      )
      const file = open(await page.pdf({format: 'A4'}))
      const text = file.text()
      expect(text).toContain('inert')
      expect(text).not.toContain('SCRIPT-RAN')
    } finally {
      await page.close()
    }
    expect(blocked).toEqual(expect.arrayContaining(['http://example.invalid/x.png', 'https://example.invalid/x.css']))
    expect(finished.filter((url) => !url.startsWith('data:'))).toEqual([])
  }, timeout)
})

/** Each contents line's page number is where that guideline's heading first appears. */
function expectContentsMatch(file: PdfFile, view: View, report: PdfReport): void {
  const pageCount = Number(file.info()['Pages'])
  const contents = file.text({page: 2, mode: '-layout'})
  for (const guideline of view.guidelines) {
    // A contents line: numeral, the start of the title, …, the page number at the end.
    const line = contents.split('\n').find((l) => new RegExp(`^\\s*${guideline.id}\\s+${escape(guideline.title.slice(0, 20))}`).test(l))
    expect(line, `contents line of ${guideline.id}`).toBeDefined()
    const printed = Number(/(\d+)\s*$/.exec(line!)![1])
    expect(printed).toBeGreaterThan(2)
    expect(printed).toBeLessThanOrEqual(pageCount)
    expect(printed).toBe(report.tocPages.get(`g-${guideline.id}`))
    const heading = squash(`${guideline.id}.${guideline.title.slice(0, 40)}`)
    expect(squash(file.text({page: printed})), `guideline ${guideline.id} on page ${printed}`).toContain(heading)
    expect(squash(file.text({page: printed - 1}))).not.toContain(heading)
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
