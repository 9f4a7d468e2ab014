import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fontFamilies} from '../fonts.js'
import {woffToSfnt} from './woff-to-sfnt.js'

const require = createRequire(import.meta.url)

/** One embedded family: the four faces Word embeds (regular, bold, italic, bold italic). */
export interface EmbeddedFont {
  readonly name: string
  readonly data: Buffer
  readonly bold: Buffer
  readonly italic: Buffer
  readonly boldItalic: Buffer
}

const packages = [
  {pkg: '@fontsource/source-serif-4', stem: 'source-serif-4', name: fontFamilies.serif},
  {pkg: '@fontsource/source-sans-3', stem: 'source-sans-3', name: fontFamilies.sans},
] as const

let cached: EmbeddedFont[] | null = null

/**
 * The project's fonts as TrueType files to embed, so the document looks the
 * same in Word and LibreOffice on machines without them. The Latin subset
 * covers Spanish, Portuguese and English text.
 */
export function embeddedFonts(): EmbeddedFont[] {
  if (cached) return cached
  cached = packages.map(({pkg, stem, name}) => {
    const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'files')
    const face = (weight: number, style: 'normal' | 'italic') =>
      woffToSfnt(readFileSync(join(dir, `${stem}-latin-${weight}-${style}.woff`)))
    return {name, data: face(400, 'normal'), bold: face(700, 'normal'), italic: face(400, 'italic'), boldItalic: face(700, 'italic')}
  })
  return cached
}
