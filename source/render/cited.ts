/**
 * A citation split around the title it cites, so every format can set the
 * title in italics (as the cover does); null when the title is not in it.
 */
export function citationParts(citation: string, title: string): {readonly before: string; readonly title: string; readonly after: string} | null {
  const at = citation.indexOf(title)
  return at < 0 ? null : {before: citation.slice(0, at), title, after: citation.slice(at + title.length)}
}
