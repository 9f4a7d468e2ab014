/**
 * Make equivalent inputs identical while keeping every line and column:
 * CRLF/CR become LF, no-break and other Unicode spaces become plain spaces
 * (one character for one), trailing white space is dropped.
 */
export function normalizeSource(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
    .replace(/[ \t]+$/gm, '')
}
