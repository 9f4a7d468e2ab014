import {createHash} from 'node:crypto'
import {PDFArray, PDFDocument, PDFHexString} from 'pdf-lib'
import type {Browser, PDFOptions} from 'puppeteer-core'
import {openInertPage} from './browser.js'
import {exitCodes} from '../errors.js'
import {limit, limitError, limits} from '../limits.js'
import type {View} from '../view/view.js'

/** Cannot print without the shared browser: a programmer error (the caller injects it). */
export function requireBrowser(browser: Browser | undefined, format: string): Browser {
  if (!browser) throw new Error(`Cannot render ${format} without a browser: pass \`options.browser\` (see \`launchBrowser()\` in source/render/browser.ts)`)
  return browser
}

/** Print HTML to a tagged PDF in a fresh inert page; requests it refused are added to `blocked`. */
export async function printHtml(browser: Browser, html: string, pdf: PDFOptions, blocked: string[] = []): Promise<Uint8Array> {
  const inert = await openInertPage(browser)
  try {
    // One limit bounds the browser's work on a document (a 5 MB recommendation must not print for ever).
    await inert.page.setContent(html, {waitUntil: 'load', timeout: limits.renderMs})
    return await inert.page.pdf({printBackground: true, tagged: true, timeout: limits.renderMs, ...pdf})
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw limitError('render-time', `more than ${limit('render-time')}`, view(html), exitCodes.environment)
    throw error
  } finally {
    blocked.push(...inert.blocked)
    await inert.page.close().catch(() => {})
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
  setMetadata(doc, view, date, {title: view.title, seed: [html]})
  return doc.save(saveOptions)
}

/** The document's title, from its HTML, to name it in a message. */
function view(html: string): string {
  const title = /<title>([^<]{0,200})/.exec(html)?.[1]?.trim()
  return title ? `«${title}»` : 'the document'
}
