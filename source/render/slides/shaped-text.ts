import fontkit from '@pdf-lib/fontkit'
import {PDFHexString, type PDFFont} from 'pdf-lib'

/**
 * Text shaped once per face and process, for the handout's own text (header,
 * footer, page labels, bands). pdf-lib shapes every string it measures or
 * encodes with the document's own copy of the font, so each handout parsed
 * the faces' layout tables again and shaped the same guideline titles and
 * "Página N de M" labels again: about half of a handout's CPU (fontkit, in
 * `npm run bench`'s profile). Here one fontkit font per face shapes a text
 * once; each document then only takes the glyphs into its own subset, as
 * pdf-lib's `encodeText` does, so the bytes are the same.
 */

/** The faces the handout draws with, by the name it gives them. */
export type Face = 'Regular' | 'Semibold'

/** What shaping a text gives, independent of the document: the glyphs, how many code points each stands for, their advances. */
interface Shaped {
  readonly ids: readonly number[]
  /** Code points each glyph takes from the text (2 for a ligature); they add up to the text's. */
  readonly spans: readonly number[]
  /** Width at 1 pt, as pdf-lib's `widthOfTextAtSize(text, 1)` computes it. */
  readonly width: number
}

/** A fontkit font (what `fontkit.create` returns), as far as this file uses it. */
interface FontkitFont {
  readonly unitsPerEm: number
  layout(text: string): {readonly glyphs: readonly {readonly id: number; readonly advanceWidth: number; readonly codePoints: readonly number[]}[]}
  getGlyph(id: number, codePoints?: number[]): {readonly id: number}
}

/** pdf-lib's subset embedder's fields that `encodeText` uses (pdf-lib 1.17.1, pinned). */
interface SubsetEmbedder {
  readonly font: FontkitFont
  readonly subset: {includeGlyph(glyph: {readonly id: number}): number}
  readonly glyphs: {readonly id: number}[]
  readonly glyphIdMap: Map<number, number>
  readonly glyphCache: {invalidate(): void}
}

const shapers = new Map<Face, FontkitFont>()
const shapedTexts = new Map<string, Shaped>()
/** Bounded: cleared when full (a batch shapes a few thousand texts). */
const cacheSize = 50_000

/** Shape `text` in `face` (whose font file is `file`), once per process. */
function shape(face: Face, file: Uint8Array, text: string): Shaped {
  const key = `${face}\u0000${text}`
  let shaped = shapedTexts.get(key)
  if (shaped) return shaped
  let shaper = shapers.get(face)
  if (!shaper) shapers.set(face, (shaper = fontkit.create(file) as unknown as FontkitFont))
  const {glyphs} = shaper.layout(text)
  // The same sums as pdf-lib's `widthOfTextAtSize(text, 1)`, in its order, so widths agree to the bit.
  const scale = 1000 / shaper.unitsPerEm
  let total = 0
  for (const glyph of glyphs) total += glyph.advanceWidth * scale
  shaped = {ids: glyphs.map((g) => g.id), spans: glyphs.map((g) => g.codePoints.length), width: total * (1 / 1000)}
  if (shapedTexts.size >= cacheSize) shapedTexts.clear()
  shapedTexts.set(key, shaped)
  return shaped
}

/** Width of `text` at 1 pt in `face`. */
export function widthAt1pt(face: Face, file: Uint8Array, text: string): number {
  return shape(face, file, text).width
}

/**
 * `text` encoded for `font` (a subset of `face`), its glyphs added to the
 * subset: what `font.encodeText(text)` gives, without shaping the text again.
 * Each glyph is taken with the code points it stands for in this text, as a
 * fresh layout would make it, so the subset's ToUnicode map reads the same.
 * Falls back to pdf-lib when the embedder is not the one this was written
 * for, or when the glyphs do not account for every code point.
 */
export function encodeShaped(font: PDFFont, face: Face, file: Uint8Array, text: string): PDFHexString {
  const embedder = (font as unknown as {embedder: Partial<SubsetEmbedder>}).embedder
  if (!embedder?.font || !embedder.subset || !embedder.glyphs || !embedder.glyphIdMap || !embedder.glyphCache) return font.encodeText(text)
  const {ids, spans} = shape(face, file, text)
  const codePoints = Array.from(text, (char) => char.codePointAt(0)!)
  if (spans.reduce((sum, n) => sum + n, 0) !== codePoints.length) return font.encodeText(text)
  const hex = new Array<string>(ids.length)
  let at = 0
  ids.forEach((id, i) => {
    const glyph = embedder.font!.getGlyph(id, codePoints.slice(at, at + spans[i]!))
    at += spans[i]!
    const subsetId = embedder.subset!.includeGlyph(glyph)
    embedder.glyphs![subsetId - 1] = glyph
    embedder.glyphIdMap!.set(glyph.id, subsetId)
    hex[i] = subsetId.toString(16).padStart(4, '0').toUpperCase()
  })
  embedder.glyphCache.invalidate()
  return PDFHexString.of(hex.join(''))
}
