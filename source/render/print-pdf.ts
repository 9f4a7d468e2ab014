import {createHash} from 'node:crypto'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFStream, PDFString, type PDFObject} from 'pdf-lib'
import pLimit, {type LimitFunction} from 'p-limit'
import type {Browser, PDFOptions} from 'puppeteer-core'
import {openInertPage, type InertPage} from './browser.js'
import {exitCodes} from '../errors.js'
import {limit, limitError, limits} from '../limits.js'
import type {View} from '../view/view.js'

/** Cannot print without the shared browser: a programmer error (the caller injects it). */
export function requireBrowser(browser: Browser | undefined, format: string): Browser {
  if (!browser) throw new Error(`Cannot render ${format} without a browser: pass \`options.browser\` (see \`launchBrowser()\` in source/render/browser.ts)`)
  return browser
}

/**
 * Inert pages that printed without a fault, kept per browser for the next
 * print. A new tab costs a renderer process, its start-up and the fonts
 * decoded again: reusing one more than halves the CPU of a PDF (issue 15).
 * What a page keeps from one document to the next cannot reach the bytes:
 * the structure tree's element IDs, the one thing Chromium numbers across
 * documents, are renumbered by `renumberStructureIds`.
 */
const idlePages = new WeakMap<Browser, InertPage[]>()
/** Two idle pages serve a 2-core batch; more only hold renderer memory (measured: docs/benchmarks.md). */
const idleCapacity = 2
/** Documents loaded in each page (prints and layout measurements); a page is closed after `documentsPerPage`, so its renderer's memory does not grow for ever. */
const documentsIn = new WeakMap<InertPage, number>()
const documentsPerPage = 16

/** Per browser, the limit on its pages loading or printing at once (`limitPages`); without one, no limit. */
const pageLimits = new WeakMap<Browser, LimitFunction>()

/**
 * Let at most `limit` documents load or print in `browser` at once. A batch
 * runs more documents than that side by side (a handout waiting for its deck,
 * a brief's post-processing in Node), so the browser's pages never sit idle
 * while a document waits for something else.
 */
export function limitPages(browser: Browser, limit: number): void {
  const limiter = pageLimits.get(browser)
  if (limiter) limiter.concurrency = limit
  else pageLimits.set(browser, pLimit(limit))
}

/**
 * Run `work` in an inert page of `browser` (an idle one, or a new one) once
 * the browser's page limit allows. The page goes back to the pool when `work`
 * succeeded and it has documents left; a page that failed (timed out, crashed,
 * detached) is closed, never trusted again.
 */
function withInertPage<T>(browser: Browser, work: (inert: InertPage) => Promise<T>): Promise<T> {
  const limiter = pageLimits.get(browser)
  return limiter ? limiter(() => inPage(browser, work)) : inPage(browser, work)
}

async function inPage<T>(browser: Browser, work: (inert: InertPage) => Promise<T>): Promise<T> {
  const inert = await borrowPage(browser)
  let reusable = false
  try {
    const result = await work(inert)
    reusable = true
    return result
  } finally {
    await releasePage(browser, inert, reusable)
  }
}

/** An idle inert page of `browser`, or a new one. */
async function borrowPage(browser: Browser): Promise<InertPage> {
  const idle = idlePages.get(browser) ?? []
  idlePages.set(browser, idle)
  let inert = idle.pop()
  while (inert?.page.isClosed()) inert = idle.pop()
  inert ??= await openInertPage(browser)
  inert.blocked.length = 0
  return inert
}

/** Back to the pool when it served without a fault (and has documents left), else closed. */
async function releasePage(browser: Browser, inert: InertPage, reusable: boolean): Promise<void> {
  const idle = idlePages.get(browser) ?? []
  const documents = (documentsIn.get(inert) ?? 0) + 1
  documentsIn.set(inert, documents)
  if (reusable && documents < documentsPerPage && idle.length < idleCapacity && browser.connected) idle.push(inert)
  else await inert.page.close().catch(() => {})
}

/** Print HTML to a tagged PDF in an inert page; requests it refused are added to `blocked`. */
export async function printHtml(browser: Browser, html: string, pdf: PDFOptions, blocked: string[] = []): Promise<Uint8Array> {
  try {
    return await withInertPage(browser, async (inert) => {
      try {
        // One limit bounds the browser's work on a document (a 5 MB recommendation must not print for ever).
        await inert.page.setContent(html, {waitUntil: 'load', timeout: limits.renderMs})
        return await inert.page.pdf({printBackground: true, tagged: true, timeout: limits.renderMs, ...pdf})
      } finally {
        blocked.push(...inert.blocked)
      }
    })
  } catch (error) {
    throw timeoutAsLimit(error, html)
  }
}

function timeoutAsLimit(error: unknown, html: string): unknown {
  if (error instanceof Error && error.name === 'TimeoutError') return limitError('render-time', `more than ${limit('render-time')}`, view(html), exitCodes.environment)
  return error
}

/** Where a print would put each anchor, and how many pages it would take: a guess, never the answer. */
export interface MeasuredLayout {
  readonly pages: number
  /** Page of each anchor found (an anchor missing from the HTML is missing here). */
  readonly anchorPages: ReadonlyMap<string, number>
}

/**
 * Lay the print HTML out as pages without printing it: with print styles, the
 * body set in columns one page area wide and tall (read from the `@page` rule),
 * and forced page breaks made column breaks, Chromium's own fragmentation puts
 * each block where the print will. A first child that ends in a forced break
 * (the cover, on a `@page :first` without margins) counts as page 1 and is
 * left out. Column and page fragmentation can differ by a rounding at a page's
 * foot, so callers print to verify. Undefined when the HTML gives no page size.
 */
export async function measureLayout(browser: Browser, html: string, anchors: readonly string[]): Promise<MeasuredLayout | undefined> {
  try {
    return await withInertPage(browser, async ({page}) => {
      await page.emulateMediaType('print')
      await page.setContent(html, {waitUntil: 'load', timeout: limits.renderMs})
      // The print's time limit bounds the layout too (evaluate has no timeout of its own).
      let timer: NodeJS.Timeout | undefined
      const overtime = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('measuring the layout timed out'), {name: 'TimeoutError'})), limits.renderMs)
      })
      const measured = await Promise.race([page.evaluate(layOutInColumns, [...anchors]), overtime]).finally(() => clearTimeout(timer))
      await page.emulateMediaType()
      return measured && {pages: measured.pages, anchorPages: new Map(measured.anchorPages)}
    })
  } catch (error) {
    // Only a guess: past the time limit it is the print's limit error; whatever else went wrong, the print finds (and reports) it.
    const limited = timeoutAsLimit(error, html)
    if (limited !== error) throw limited
    return undefined
  }
}

/** Runs in the page (see `measureLayout`): page counts from 1. */
function layOutInColumns(anchors: string[]): {pages: number; anchorPages: [string, number][]} | undefined {
  const forced = /^(page|left|right|recto|verso|always)$/
  const px = (length: string): number | undefined => {
    const probe = document.createElement('div')
    probe.style.position = 'absolute'
    probe.style.width = length
    document.documentElement.append(probe)
    const width = probe.getBoundingClientRect().width
    probe.remove()
    return width > 0 || length.trim().startsWith('0') ? width : undefined
  }
  let page: CSSPageRule | undefined
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) if (rule instanceof CSSPageRule && rule.selectorText === '') page = rule
  }
  const size = page?.style.getPropertyValue('size').trim().split(/\s+/)
  if (!page || size?.length !== 2) return undefined
  const [width, height] = size.map(px)
  const margin = (side: string) => px(page.style.getPropertyValue(`margin-${side}`) || '0')
  const [top, right, bottom, left] = ['top', 'right', 'bottom', 'left'].map(margin)
  if (!width || !height || top === undefined || right === undefined || bottom === undefined || left === undefined) return undefined
  const columnWidth = width - left - right
  // One pixel of slack: a page's area rounds up where the column's height does not.
  const columnHeight = height - top - bottom + 1
  const body = document.body
  const all = [...body.querySelectorAll<HTMLElement>('*')]
  const first = body.firstElementChild as HTMLElement | null
  const offset = first && forced.test(getComputedStyle(first).breakAfter) ? 1 : 0
  for (const element of all) {
    const style = getComputedStyle(element)
    if (forced.test(style.breakBefore)) element.style.breakBefore = 'column'
    if (forced.test(style.breakAfter)) element.style.breakAfter = 'column'
  }
  if (offset) first!.style.display = 'none'
  Object.assign(document.documentElement.style, {margin: '0', padding: '0'})
  Object.assign(body.style, {
    margin: '0', padding: '0', columnWidth: `${columnWidth}px`, columnGap: '0', columnFill: 'auto',
    height: `${columnHeight}px`, width: `${columnWidth * 1000}px`,
  })
  const origin = body.getBoundingClientRect().left
  const pageOf = (rect: DOMRect) => offset + Math.floor((rect.left - origin + 1) / columnWidth) + 1
  const anchorPages: [string, number][] = []
  for (const anchor of anchors) {
    const rect = document.getElementById(anchor)?.getClientRects()[0]
    if (rect) anchorPages.push([anchor, pageOf(rect)])
  }
  let pages = offset
  for (const element of all) {
    for (const rect of element.getClientRects()) if (rect.width > 0 && rect.height > 0) pages = Math.max(pages, pageOf(rect))
  }
  return {pages, anchorPages}
}

/** Chromium names structure elements after DOM node IDs, which count on across the documents of a page. */
const nodeId = /^node(\d+)$/

/**
 * Renumber the structure tree's element IDs (`/ID`, table cells'
 * `/Headers`, the ID tree's names and limits) from 1 in their order, so the
 * bytes do not depend on what the page printed before. The order is kept and
 * the width too, so the ID tree stays sorted.
 */
export function renumberStructureIds(doc: PDFDocument): void {
  // One walk finds every such string and where it stands; the renumbering then sets only those.
  const found: {holder: PDFArray | PDFDict; at: number | PDFName; id: number}[] = []
  const visit = (holder: PDFArray | PDFDict, at: number | PDFName, value: PDFObject) => {
    if (value instanceof PDFString) {
      const match = nodeId.exec(value.asString())
      if (match) found.push({holder, at, id: Number(match[1])})
    } else walk(value)
  }
  const walk = (object: PDFObject) => {
    if (object instanceof PDFArray) for (let i = 0; i < object.size(); i++) visit(object, i, object.get(i))
    else if (object instanceof PDFDict) for (const [key, value] of object.entries()) visit(object, key, value)
  }
  // Streams are not walked: the IDs are in the structure tree's dictionaries and arrays.
  for (const [, object] of doc.context.enumerateIndirectObjects()) if (!(object instanceof PDFStream)) walk(object)
  if (found.length === 0) return
  const numbers = [...new Set(found.map((f) => f.id))].sort((a, b) => a - b)
  const width = String(numbers.at(-1)).length
  const renumbered = new Map(numbers.map((n, i) => [n, PDFString.of(`node${String(i + 1).padStart(Math.max(8, width), '0')}`)]))
  for (const {holder, at, id} of found) {
    if (holder instanceof PDFArray) holder.set(at as number, renumbered.get(id)!)
    else holder.set(at as PDFName, renumbered.get(id)!)
  }
}

/**
 * Title, language, author, subject, keywords, creator, dates from `date`, and
 * a file ID hashed from `seed` (everything the bytes are made from), so the
 * same inputs give the same bytes.
 */
export function setMetadata(doc: PDFDocument, view: View, date: Date, {title, seed}: {title: string; seed: readonly (string | Uint8Array)[]}): void {
  doc.setTitle(title, {showInWindowTitleBar: true})
  doc.setSubject(view.meta.subject)
  doc.setAuthor(view.meta.author)
  doc.setKeywords([...view.meta.keywords])
  doc.setLanguage(view.langTag)
  doc.setCreator('policy-briefs')
  doc.setProducer('policy-briefs')
  doc.setCreationDate(date)
  doc.setModificationDate(date)
  const hash = createHash('md5')
  for (const part of seed) hash.update(part)
  const hex = PDFHexString.of(hash.update(date.toISOString()).digest('hex'))
  const id = PDFArray.withContext(doc.context)
  id.push(hex)
  id.push(hex)
  doc.context.trailerInfo.ID = id
}

/** pdf-lib save options that keep the bytes repeatable and add nothing. */
export const saveOptions = {useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false} as const

/** Print and set the metadata: the whole job for a PDF whose layout needs no measuring. */
export async function printPdf(browser: Browser, html: string, pdf: PDFOptions, view: View, date: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await printHtml(browser, html, pdf), {updateMetadata: false})
  renumberStructureIds(doc)
  setMetadata(doc, view, date, {title: view.title, seed: [html]})
  return doc.save(saveOptions)
}

/** The document's title, from its HTML, to name it in a message. */
function view(html: string): string {
  const title = /<title>([^<]{0,200})/.exec(html)?.[1]?.trim()
  return title ? `«${title}»` : 'the document'
}
