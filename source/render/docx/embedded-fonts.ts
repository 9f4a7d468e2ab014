import {fontFamilies, fontSfnt} from '../fonts.js'

/** One embedded family: the four faces Word embeds (regular, bold, italic, bold italic). */
export interface EmbeddedFont {
  readonly name: string
  readonly data: Buffer
  readonly bold: Buffer
  readonly italic: Buffer
  readonly boldItalic: Buffer
}

let cached: EmbeddedFont[] | null = null

/**
 * The project's fonts as TrueType files to embed, so the document looks the
 * same in Word and LibreOffice on machines without them. The Latin subset
 * covers Spanish, Portuguese and English text.
 */
export function embeddedFonts(): EmbeddedFont[] {
  if (cached) return cached
  cached = Object.values(fontFamilies).map((name) => ({
    name,
    data: fontSfnt(name, 400),
    bold: fontSfnt(name, 700),
    italic: fontSfnt(name, 400, 'italic'),
    boldItalic: fontSfnt(name, 700, 'italic'),
  }))
  return cached
}
