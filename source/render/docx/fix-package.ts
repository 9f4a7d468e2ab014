import {strFromU8, strToU8, unzipSync, zipSync, type Zippable} from 'fflate'

/**
 * Make a DOCX package repeatable: docx stamps `dcterms:created`/`modified`
 * with the current time and every zip entry with the current local time.
 * Both become `date` (the render's fixed date), whatever the time zone.
 * Bookmark ids come from a counter shared by every document the process
 * builds, so they are renumbered from 1 in order of appearance.
 */
export function fixPackage(bytes: Uint8Array, date: Date): Uint8Array {
  return fixParts(Object.entries(unzipSync(bytes)), date)
}

/** The same fixes on a package's parts (path → XML text or bytes, in zip order), zipped once. */
export function fixParts(parts: Iterable<readonly [string, string | Uint8Array]>, date: Date): Uint8Array {
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const files: Record<string, Uint8Array> = {}
  for (const [path, data] of parts) files[path] = typeof data === 'string' ? strToU8(data) : data
  const core = files['docProps/core.xml']
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_whole, open: string, _name: string, close: string) => `${open}${iso}${close}`,
      ),
    )
  }
  const body = files['word/document.xml']
  if (body) files['word/document.xml'] = strToU8(renumberBookmarks(strFromU8(body)))
  // Zip entry times are local wall-clock times: shift so the written fields read as `date` in UTC.
  const mtime = new Date(date.getTime() + date.getTimezoneOffset() * 60_000)
  const zippable: Zippable = {}
  for (const [path, data] of Object.entries(files)) zippable[path] = [data, {mtime, level: 6}]
  return zipSync(zippable)
}

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
