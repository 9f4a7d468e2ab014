/**
 * A page reference at the end of a recommendation: `(pág. 142)`, `(págs. 86 y 87)`,
 * `([pág. 146](#))`, `(p. 12)`, `(pp. 86 and 87)`, `(pp. 84-85)`, `(pág. 28)²`.
 * Group 1: the pages; what may follow it is footnote markers and a final period.
 */
const trailing = /\s*\(\s*\[?\s*(?:págs?|pags?|pp?|pág|pg)\.?\s*([\d\s,;–—\-yeand&]+?)\s*(?:\]\([^)]*\))?\s*\)(?=[\s⁰¹²³⁴⁵⁶⁷⁸⁹.]*$)/iu

export interface PageReference {
  pages: number[]
  /** The text with the reference removed. */
  rest: string
}

/** Find and remove the page reference that closes a recommendation, if any. */
export function extractPageReference(text: string): PageReference | null {
  const match = trailing.exec(text)
  if (!match) return null
  const pages = parsePages(match[1]!)
  if (pages.length === 0) return null
  const rest = text.slice(0, match.index) + text.slice(match.index + match[0].length)
  return {pages, rest}
}

/** "86 y 87" → [86, 87]; "84-85" → [84, 85]; "12, 14 and 15" → [12, 14, 15]. */
export function parsePages(value: string): number[] {
  const pages: number[] = []
  for (const part of value.split(/\s*(?:,|;|\by\b|\be\b|\band\b|&)\s*/u)) {
    const range = /^(\d+)\s*[–—-]\s*(\d+)$/u.exec(part.trim())
    if (range) {
      const from = Number(range[1])
      const to = Number(range[2])
      if (to >= from && to - from <= 50) for (let p = from; p <= to; p++) pages.push(p)
      else pages.push(from, to)
    } else if (/^\d+$/.test(part.trim())) {
      pages.push(Number(part.trim()))
    }
  }
  return pages
}
