import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject} from 'pdf-lib'

/**
 * The 1-based page of every named destination in a PDF. Chromium writes one
 * for each element id a link points to, so the table of contents' own links
 * tell where each guideline landed.
 */
export function namedDestinationPages(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map<string, number>()
  doc.getPages().forEach((page, index) => pageOf.set(page.ref.toString(), index + 1))
  const result = new Map<string, number>()
  const record = (name: string, value: PDFObject | undefined) => {
    let dest = value instanceof PDFRef ? doc.context.lookup(value) : value
    if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'))
    if (!(dest instanceof PDFArray)) return
    const target = dest.get(0)
    const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined
    if (page !== undefined) result.set(name, page)
  }
  // PDF 1.1 style: a dictionary in the catalog (what Chromium writes).
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (dests) for (const [key, value] of dests.entries()) record(key.decodeText(), value)
  // PDF 1.2 style: a name tree under /Names /Dests.
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (tree) walkNameTree(tree, record)
  return result
}

function walkNameTree(node: PDFDict, record: (name: string, value: PDFObject | undefined) => void): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
  if (names) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i)
      if (key instanceof PDFString || key instanceof PDFHexString) record(key.decodeText(), names.get(i + 1))
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
  if (kids) for (let i = 0; i < kids.size(); i++) {
    const kid = kids.lookup(i)
    if (kid instanceof PDFDict) walkNameTree(kid, record)
  }
}

/** Titles of the outline (bookmarks), depth first, with their depth (0 = top level). */
export function outlineEntries(doc: PDFDocument): {title: string; depth: number}[] {
  const entries: {title: string; depth: number}[] = []
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const visit = (first: PDFDict | undefined, depth: number) => {
    let item = first
    // Guard against cyclic /Next chains in foreign files.
    for (let guard = 0; item && guard < 10_000; guard++) {
      const title = item.lookup(PDFName.of('Title'))
      if (title instanceof PDFString || title instanceof PDFHexString) entries.push({title: title.decodeText(), depth})
      visit(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1)
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
  }
  if (outlines) visit(outlines.lookupMaybe(PDFName.of('First'), PDFDict), 0)
  return entries
}

/**
 * Give the outline the headings' own text. Chromium titles bookmarks from the
 * laid-out lines, losing the space at each line break ("dedesarrollo") and
 * sometimes repeating a fragment; its entries follow the headings in document
 * order, so when the counts agree each entry takes its heading's text.
 */
export function retitleOutline(doc: PDFDocument, headings: readonly string[]): boolean {
  const items: PDFDict[] = []
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const visit = (first: PDFDict | undefined) => {
    let item = first
    for (let guard = 0; item && guard < 10_000; guard++) {
      items.push(item)
      visit(item.lookupMaybe(PDFName.of('First'), PDFDict))
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
  }
  if (outlines) visit(outlines.lookupMaybe(PDFName.of('First'), PDFDict))
  if (items.length === 0 || items.length !== headings.length) return false
  items.forEach((item, index) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[index]!)))
  return true
}
