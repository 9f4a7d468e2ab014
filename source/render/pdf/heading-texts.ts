const named: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'}

/** The text of every `<h1>`–`<h6>` of a brief, in document order, as a reader sees it. */
export function headingTexts(html: string): string[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((match) =>
    decodeEntities(match[2]!.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return named[entity.toLowerCase()] ?? whole
  })
}
