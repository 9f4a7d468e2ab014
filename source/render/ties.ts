/** U+00A0: a space the line may not break at. */
export const noBreakSpace = '\u00a0'

/**
 * Ties what must not part at a line end in typeset output: a figure and the
 * noun it counts ("113 recomendaciones", "14 guidelines"), and a page
 * abbreviation or the last "and" of a page list and its number ("pág. 86",
 * "págs. 86 y 87", "pp. 12 and 15"). Plain text in and out.
 */
export function tie(text: string): string {
  return text
    .replace(/(?<![\p{L}\p{N}])(\p{N}+) (?!(?:y|e|o|ou|and|or) )(?=\p{L})/gu, `$1${noBreakSpace}`)
    .replace(/(?<![\p{L}])(págs?\.|pp?\.|y|e|and) (?=\p{N})/gu, `$1${noBreakSpace}`)
}
