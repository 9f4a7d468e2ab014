import {join} from 'node:path'
import {PDFDocument} from 'pdf-lib'
import type {Browser} from 'puppeteer-core'
import {contentPaths} from '../../content-paths.js'
import {displayPath} from '../../display-path.js'
import {inputError} from '../../errors.js'
import {measureLayout, printHtml, renumberStructureIds, requireBrowser, saveOptions, setMetadata} from '../print-pdf.js'
import type {Renderer, RenderOptions} from '../formats.js'
import {tocAnchors} from '../html/brief-context.js'
import {briefHtml} from '../html/render-html.js'
import {namedDestinationPages, retitleOutline} from './pdf-destinations.js'
import {headingTexts} from './heading-texts.js'
import type {View} from '../../view/view.js'

/** A brief longer than this many pages starts each guideline on a new page. */
export const longBriefPages = 6

/** At most this many layout passes to make the contents' page numbers agree with the pages. */
const maxPasses = 5

export interface PdfReport {
  readonly bytes: Uint8Array
  readonly pages: number
  /** Printed page of each contents entry by anchor (`g-VII`, `country`, `notes`, `cite`). */
  readonly tocPages: ReadonlyMap<string, number>
  readonly breakGuidelines: boolean
  /** Layout passes it took. */
  readonly passes: number
  /** Requests the inert page refused (empty for a brief made from project files only). */
  readonly blocked: readonly string[]
}

/** PDF brief: printed by the shared browser from the print layout of the HTML brief. */
/** Measured layouts by selection, to start the next alike brief from (always verified by printing). */
const layoutGuesses = new Map<string, {breakGuidelines: boolean; tocPages: Map<string, number>}>()

export const renderPdf: Renderer = async (view, options) => (await renderPdfReport(view, options)).bytes

/**
 * The PDF and how it was laid out. The contents' page numbers are measured,
 * not guessed: each pass prints the brief, reads where every guideline's
 * anchor landed (Chromium writes a named destination for each link target),
 * and prints again with those numbers until nothing moves.
 */
export async function renderPdfReport(view: View, options: RenderOptions): Promise<PdfReport> {
  const browser = requireBrowser(options.browser, 'a PDF')
  const blocked: string[] = []
  // Start from what the last brief with the same recommendations and layout measured (a batch
  // makes 33 country briefs alike): when the first print confirms it, one pass is enough.
  const layoutKey = [view.kind, view.lang, options.paper, options.templates ?? '', ...view.guidelines.map((g) => `${g.id}:${g.count}`)].join('|')
  // Else lay the brief out in the page without printing it: a print made with those numbers is
  // right the first time unless a page's foot rounds otherwise (then the loop prints again).
  const guess = layoutGuesses.get(layoutKey) ?? (await measuredGuess(browser, view, options))
  let breakGuidelines = guess?.breakGuidelines ?? firstBreakGuess(view)
  let tocPages: Map<string, number> | undefined = guess?.tocPages
  let printed: PDFDocument | undefined
  let html = ''
  let pages = 0
  let passes = 0
  let settled = false
  while (!settled && passes < maxPasses) {
    passes++
    html = briefHtml(view, options, {print: true, breakGuidelines, tocPages})
    const pdf = await printHtml(browser, html, {
      format: options.paper === 'letter' ? 'Letter' : 'A4',
      // The page size, margins, running header and "Página N de M" footer are CSS
      // page-margin boxes: they use the embedded fonts and leave the cover bare.
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      outline: true,
    }, blocked)
    const doc = await PDFDocument.load(pdf, {updateMetadata: false})
    printed = doc
    pages = doc.getPageCount()
    const wantBreaks = breaksGuidelines(view, pages)
    if (wantBreaks !== breakGuidelines && passes === 1) {
      breakGuidelines = wantBreaks
      tocPages = undefined
      continue
    }
    const measured = anchorPages(view, namedDestinationPages(doc), options.templates)
    settled = tocPages !== undefined && sameNumbers(tocPages, measured)
    tocPages = measured
  }
  if (!settled || !printed || !tocPages) throw new Error(`Cannot settle the contents' page numbers of "${view.slug}" after ${maxPasses} passes`)
  layoutGuesses.set(layoutKey, {breakGuidelines, tocPages})
  return {bytes: await finishPdf(printed, html, view, options), pages, tocPages, breakGuidelines, passes, blocked}
}

/** A brief of more than `longBriefPages` with several guidelines starts each on a new page. */
function breaksGuidelines(view: View, pages: number): boolean {
  return pages > longBriefPages && view.guidelines.length > 1
}

/** Without anything measured: long selections of several guidelines start each on a new page. */
function firstBreakGuess(view: View): boolean {
  return view.counts.recommendations > 24 && view.guidelines.length > 1
}

/**
 * The layout the print will have, laid out in the page without printing (`measureLayout`): whether
 * guidelines start on new pages (measured both ways when the first guess is wrong) and every
 * contents entry's page. Undefined when an anchor or the page size cannot be measured.
 */
async function measuredGuess(browser: Browser, view: View, options: RenderOptions): Promise<{breakGuidelines: boolean; tocPages: Map<string, number>} | undefined> {
  const anchors = tocAnchors(view)
  let breakGuidelines = firstBreakGuess(view)
  for (let tries = 0; tries < 2; tries++) {
    const measured = await measureLayout(browser, briefHtml(view, options, {print: true, breakGuidelines}), anchors)
    if (!measured || measured.anchorPages.size !== anchors.length) return undefined
    const wantBreaks = breaksGuidelines(view, measured.pages)
    if (wantBreaks === breakGuidelines) return {breakGuidelines, tocPages: new Map(measured.anchorPages)}
    breakGuidelines = wantBreaks
  }
  return undefined
}

function anchorPages(view: View, destinations: ReadonlyMap<string, number>, templates: string | undefined): Map<string, number> {
  const pages = new Map<string, number>()
  for (const anchor of tocAnchors(view)) {
    const page = destinations.get(anchor)
    if (page === undefined) {
      // Only an edited template can lose an anchor: name the folder the templates came from.
      const folder = displayPath(templates ?? join(contentPaths.templates, 'brief'))
      throw inputError(`${folder}: Cannot find where \`#${anchor}\` lands in the PDF: the brief's templates must keep the element with id="${anchor}" and the contents' link to it [template]`)
    }
    pages.set(anchor, page)
  }
  return pages
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value)
}

/**
 * Document metadata and language on the last pass's print, already parsed to measure it (not read
 * again); dates fixed by the options so the same inputs give the same bytes.
 */
async function finishPdf(doc: PDFDocument, html: string, view: View, options: RenderOptions): Promise<Uint8Array> {
  retitleOutline(doc, headingTexts(html))
  renumberStructureIds(doc)
  setMetadata(doc, view, options.date, {title: view.kind === 'full' ? view.title : `${view.subtitle} — ${view.title}`, seed: [html]})
  return doc.save(saveOptions)
}
