import {strFromU8, unzipSync} from 'fflate'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject} from 'pdf-lib'

/** Language tags as a reader finds them in each format. */
export interface LangTags {
  /** The document's language (PDF catalog /Lang, `<html lang>`, DOCX styles' w:lang, PPTX: the most frequent). */
  readonly document: string | null
  /** Every tag found on parts of the document (struct elements, elements, runs), with how often. */
  readonly parts: ReadonlyMap<string, number>
}

const count = (values: Iterable<string>) => {
  const map = new Map<string, number>()
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1)
  return map
}

/** PDF: the catalog's /Lang and the /Lang of every structure element (tagged PDF). */
export async function pdfLangTags(bytes: Uint8Array): Promise<LangTags> {
  const doc = await PDFDocument.load(bytes, {updateMetadata: false})
  const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null)
  const document = text(doc.catalog.get(PDFName.of('Lang')))
  const found: string[] = []
  const seen = new Set<PDFObject>()
  const walk = (object: PDFObject | undefined) => {
    const value = object instanceof PDFRef ? doc.context.lookup(object) : object
    if (!value || seen.has(value)) return
    seen.add(value)
    if (value instanceof PDFArray) for (let i = 0; i < value.size(); i++) walk(value.get(i))
    if (value instanceof PDFDict) {
      const lang = text(value.get(PDFName.of('Lang')))
      if (lang) found.push(lang)
      walk(value.get(PDFName.of('K')))
    }
  }
  walk(doc.catalog.get(PDFName.of('StructTreeRoot')))
  return {document, parts: count(found)}
}

/** HTML: `<html lang>` and every other element's `lang`. */
export function htmlLangTags(html: string): LangTags {
  const document = /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1] ?? null
  const all = [...html.matchAll(/<(?!html)[a-z0-9]+\b[^>]*\slang="([^"]*)"/g)].map((m) => m[1]!)
  return {document, parts: count(all)}
}

/** DOCX: w:lang of the default run style, and w:lang on runs of the document, notes and headers. */
export function docxLangTags(bytes: Uint8Array): LangTags {
  const files = unzipSync(bytes)
  const styles = strFromU8(files['word/styles.xml']!)
  const document = /<w:rPrDefault>[\s\S]*?<w:lang w:val="([^"]*)"/.exec(styles)?.[1] ?? /<w:lang w:val="([^"]*)"/.exec(styles)?.[1] ?? null
  const parts = Object.entries(files)
    .filter(([name]) => /^word\/(?:document|footnotes|header\d*|footer\d*)\.xml$/.test(name))
    .flatMap(([, data]) => [...strFromU8(data).matchAll(/<w:lang w:val="([^"]*)"/g)].map((m) => m[1]!))
  return {document, parts: count(parts)}
}

/** PPTX: `lang` of every run and paragraph end in slides, notes, layouts and masters. */
export function pptxLangTags(bytes: Uint8Array): LangTags {
  const files = unzipSync(bytes)
  const parts = Object.entries(files)
    .filter(([name]) => /^ppt\/.*\.xml$/.test(name))
    .flatMap(([, data]) => [...strFromU8(data).matchAll(/<a:(?:rPr|endParaRPr|defRPr)\b[^>]*\blang="([^"]*)"/g)].map((m) => m[1]!))
  const tags = count(parts)
  const document = [...tags].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
  return {document, parts: tags}
}
