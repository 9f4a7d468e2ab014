import {crc32, deflateRawSync} from 'node:zlib'
import {strFromU8, strToU8, unzipSync, Zip, type ZipInputFile} from 'fflate'

/** A rewrite of one XML part of a package. */
export type PartRewrite = (xml: string) => string

/**
 * Make an Office package (DOCX, PPTX) repeatable: docx and pptxgenjs stamp
 * `dcterms:created`/`modified` with the current time and every zip entry
 * with the current local time. Both become `date` (the render's fixed
 * date), whatever the time zone. `rewrite` changes other parts: a map by path, or
 * a function from a path to its rewrite (undefined: unchanged).
 */
export function repeatablePackage(bytes: Uint8Array, date: Date, rewrite: PackageRewrite = {}): Uint8Array {
  return repeatableParts(Object.entries(unzipSync(bytes)), date, rewrite)
}

/** Rewrites of parts: a map by path, or a function from a path to its rewrite (undefined: unchanged). */
export type PackageRewrite = Readonly<Record<string, PartRewrite>> | ((path: string) => PartRewrite | undefined)

/**
 * The same, on a package's parts before they are zipped (path → XML text or
 * bytes, in zip order): the package is zipped once, with its fixes, instead of
 * zipped, unzipped and zipped again (the embedded fonts are most of the bytes).
 */
/**
 * Embedded font files (Word's obfuscated `.odttf`, PowerPoint's `.fntdata`: most of a file's bytes) are
 * deflated at level 1: four times faster than level 6 for 2.5 % more bytes (8 faces: 15 against 65 ms,
 * 195 against 190 KB).
 */
const levelOf = (path: string): 1 | 6 => (path.endsWith('.odttf') || path.endsWith('.fntdata') ? 1 : 6)

/**
 * A zip of the parts, in order, each deflated by Node's zlib and laid out by fflate's `Zip`. fflate's
 * own deflate is JavaScript that a one-document process runs before V8 has compiled it: 84 of the
 * 390 ms of `briefs build --format docx` for the full brief; zlib takes about 5 (docs/benchmarks.md).
 * The same parts and date give the same bytes (for one Node version: zlib is Node's own).
 */
/** A font part's CRC and deflated bytes, per bytes object: a process's documents embed the same face files (PowerPoint's are made once, see pptx/embed-fonts.ts). */
const deflatedFonts = new WeakMap<Uint8Array, {readonly crc: number; readonly deflated: ReturnType<typeof deflateRawSync>}>()

function deflatePart(path: string, data: Uint8Array): {readonly crc: number; readonly deflated: ReturnType<typeof deflateRawSync>} {
  const level = levelOf(path)
  if (level === 6) return {crc: crc32(data), deflated: deflateRawSync(data, {level})}
  let done = deflatedFonts.get(data)
  if (!done) deflatedFonts.set(data, (done = {crc: crc32(data), deflated: deflateRawSync(data, {level})}))
  return done
}

function zipParts(parts: readonly (readonly [string, Uint8Array])[], mtime: Date): Uint8Array {
  const chunks: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else chunks.push(chunk)
  })
  for (const [path, data] of parts) {
    const {crc, deflated} = deflatePart(path, data)
    const entry: ZipInputFile = {filename: path, size: data.length, crc, compression: 8, mtime}
    zip.add(entry)
    entry.ondata!(null, deflated, true)
  }
  zip.end()
  if (failure) throw failure
  return Buffer.concat(chunks)
}

export function repeatableParts(parts: Iterable<readonly [string, string | Uint8Array]>, date: Date, rewrite: PackageRewrite = {}): Uint8Array {
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const stamp: PartRewrite = (xml) => xml.replace(
    /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
    (_whole, open: string, _name: string, close: string) => `${open}${iso}${close}`,
  )
  const changeOf = (path: string): PartRewrite | undefined =>
    path === 'docProps/core.xml' ? stamp : typeof rewrite === 'function' ? rewrite(path) : rewrite[path]
  // Zip entry times are local wall-clock times: shift so the written fields read as `date` in UTC.
  const mtime = new Date(date.getTime() + date.getTimezoneOffset() * 60_000)
  const zipped: [string, Uint8Array][] = []
  for (const [path, data] of parts) {
    // A package inside the package (a chart's workbook in a deck) carries its own times.
    if (path.endsWith('.xlsx') && typeof data !== 'string') {
      zipped.push([path, repeatablePackage(data, date)])
      continue
    }
    const change = changeOf(path)
    const text = change ? change(typeof data === 'string' ? data : strFromU8(data)) : data
    zipped.push([path, typeof text === 'string' ? strToU8(text) : text])
  }
  return zipParts(zipped, mtime)
}

/**
 * A DOCX package made repeatable. Bookmark ids come from a counter shared by
 * every document the process builds, so they are renumbered from 1 in order
 * of appearance.
 */
export function fixPackage(bytes: Uint8Array, date: Date): Uint8Array {
  return repeatablePackage(bytes, date, docxRewrite)
}

/** The same fixes on a DOCX package's parts before zipping (see `repeatableParts`). */
export function fixParts(parts: Iterable<readonly [string, string | Uint8Array]>, date: Date): Uint8Array {
  return repeatableParts(parts, date, docxRewrite)
}

const docxRewrite: PackageRewrite = {'word/document.xml': renumberBookmarks}

/** `_Toc17` → `_Toc1`, and `w:id` of bookmark starts and ends, in order of first appearance. */
function renumberBookmarks(xml: string): string {
  const names = new Map<string, number>()
  const ids = new Map<string, number>()
  return xml
    .replace(/_Toc(\d+)/g, (_whole, n: string) => {
      if (!names.has(n)) names.set(n, names.size + 1)
      return `_Toc${names.get(n)!}`
    })
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)(")/g, (_whole, open: string, n: string, close: string) => {
      if (!ids.has(n)) ids.set(n, ids.size + 1)
      return `${open}${ids.get(n)!}${close}`
    })
}
