import fontkit from '@pdf-lib/fontkit'
import {fontFamilies, fontSfnt} from './fonts.js'

type Font = ReturnType<typeof fontkit.create>
const cache = new Map<string, Font>()

/**
 * The advance width of `text` set in Source Sans 3 at `size` (in the caller's
 * units), from the bundled font's own metrics, so that a label drawn in SVG or
 * on a slide can be fitted to its box instead of guessed from its length.
 */
export function sansWidth(text: string, size: number, weight: 400 | 600 | 700 = 400): number {
  const key = String(weight)
  let font = cache.get(key)
  if (!font) {
    font = fontkit.create(fontSfnt(fontFamilies.sans, weight))
    cache.set(key, font)
  }
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size
}

/**
 * `text` cut at a word boundary, with an ellipsis, so that it is no wider than
 * `max`; the whole text when it fits.
 */
export function fitSans(text: string, size: number, max: number, weight: 400 | 600 | 700 = 400): string {
  if (sansWidth(text, size, weight) <= max) return text
  const words = text.split(' ')
  for (let n = words.length - 1; n > 0; n--) {
    const cut = `${words.slice(0, n).join(' ').replace(/[,;:.]$/, '')}…`
    if (sansWidth(cut, size, weight) <= max) return cut
  }
  return '…'
}
