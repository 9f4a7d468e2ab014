import {createHash} from 'node:crypto'
import {PDFDocument, PDFHexString, PDFArray} from 'pdf-lib'
import type {Browser, PDFOptions} from 'puppeteer-core'
import {openInertPage} from '../browser.js'
import type {View} from '../../select/view.js'

/** Cannot print without the shared browser: a programmer error (the caller injects it). */
export function requireBrowser(browser: Browser | undefined, format: string): Browser {
  if (!browser) throw new Error(`Cannot render ${format} without a browser: pass \`options.browser\``)
  return browser
}

/**
 * Print HTML to PDF in an inert page, then fix the metadata (title, language,
 * dates from `date`, a content-derived file ID) so the same inputs give the
 * same bytes.
 */
export async function printPdf(browser: Browser, html: string, pdf: PDFOptions, view: View, date: Date): Promise<Uint8Array> {
  const {page} = await openInertPage(browser)
  let bytes: Uint8Array
  try {
    await page.setContent(html, {waitUntil: 'load'})
    bytes = await page.pdf({printBackground: true, tagged: true, ...pdf})
  } finally {
    await page.close()
  }
  return finishPdf(bytes, view, date, html)
}

async function finishPdf(bytes: Uint8Array, view: View, date: Date, html: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, {updateMetadata: false})
  setMetadata(doc, view, date, [html])
  return doc.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false})
}

/**
 * Title (with an optional suffix such as the handout's label), language,
 * author, subject, keywords, creator, dates from `date`, and a file ID hashed
 * from `seed` (everything the bytes are made from), so the same inputs give
 * the same bytes.
 */
export function setMetadata(doc: PDFDocument, view: View, date: Date, seed: readonly (string | Uint8Array)[], titleSuffix?: string): void {
  doc.setTitle(titleSuffix ? `${view.title} — ${titleSuffix}` : view.title, {showInWindowTitleBar: true})
  doc.setSubject(view.meta.subject)
  doc.setAuthor(view.meta.author)
  doc.setKeywords(view.meta.keywords)
  doc.setLanguage(view.langTag)
  doc.setCreator('policy-briefs')
  doc.setProducer('policy-briefs (Chromium, pdf-lib)')
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
