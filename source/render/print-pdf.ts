import {createHash} from 'node:crypto'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFString, type PDFObject} from 'pdf-lib'
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
/** Prints made in each page; a page is closed after `printsPerPage`, so its renderer's memory does not grow for ever. */
const printsIn = new WeakMap<InertPage, number>()
const printsPerPage = 16

/** Print HTML to a tagged PDF in an inert page; requests it refused are added to `blocked`. */
export async function printHtml(browser: Browser, html: string, pdf: PDFOptions, blocked: string[] = []): Promise<Uint8Array> {
  let idle = idlePages.get(browser)
  if (!idle) idlePages.set(browser, (idle = []))
  let inert = idle.pop()
  while (inert?.page.isClosed()) inert = idle.pop()
  inert ??= await openInertPage(browser)
  inert.blocked.length = 0
  let reusable = false
  try {
    // One limit bounds the browser's work on a document (a 5 MB recommendation must not print for ever).
    await inert.page.setContent(html, {waitUntil: 'load', timeout: limits.renderMs})
    const bytes = await inert.page.pdf({printBackground: true, tagged: true, timeout: limits.renderMs, ...pdf})
    reusable = true
    return bytes
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw limitError('render-time', `more than ${limit('render-time')}`, view(html), exitCodes.environment)
    throw error
  } finally {
    blocked.push(...inert.blocked)
    // A page that failed (timed out, crashed, detached) is not trusted again.
    const prints = (printsIn.get(inert) ?? 0) + 1
    printsIn.set(inert, prints)
    if (reusable && prints < printsPerPage && idle.length < idleCapacity && browser.connected) idle.push(inert)
    else await inert.page.close().catch(() => {})
  }
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
  const found = new Set<number>()
  // A first walk only collects (the callback replaces nothing), the second renumbers.
  replaceStrings(doc, (value) => {
    const match = nodeId.exec(value)
    if (match) found.add(Number(match[1]))
    return undefined
  })
  if (found.size === 0) return
  const numbers = [...found].sort((a, b) => a - b)
  const width = String(numbers.at(-1)).length
  const renumbered = new Map(numbers.map((n, i) => [n, `node${String(i + 1).padStart(Math.max(8, width), '0')}`]))
  replaceStrings(doc, (value) => {
    const match = nodeId.exec(value)
    return match ? renumbered.get(Number(match[1])) : undefined
  })
}

/** Replace, in place, every string of an indirect object (streams' contents are not walked) that `map` gives a new value for. */
function replaceStrings(doc: PDFDocument, map: (value: string) => string | undefined): void {
  const swap = (object: PDFObject): PDFObject | undefined => {
    if (object instanceof PDFString) {
      const value = map(object.asString())
      return value === undefined ? undefined : PDFString.of(value)
    }
    if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) {
        const replaced = swap(object.get(i))
        if (replaced) object.set(i, replaced)
      }
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const replaced = swap(value)
        if (replaced) object.set(key, replaced)
      }
    }
    return undefined
  }
  for (const [, object] of doc.context.enumerateIndirectObjects()) swap(object)
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
