import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {woffToSfnt} from './woff-to-sfnt.js'

const require = createRequire(import.meta.url)

/** The font families the documents use, from npm font packages (never system fonts). */
export const fontFamilies = {serif: 'Source Serif 4', sans: 'Source Sans 3'} as const

export type FontFamily = (typeof fontFamilies)[keyof typeof fontFamilies]

const faces = [
  {pkg: '@fontsource/source-serif-4', family: fontFamilies.serif, stem: 'source-serif-4', weights: [400, 600, 700], styles: ['normal', 'italic']},
  {pkg: '@fontsource/source-sans-3', family: fontFamilies.sans, stem: 'source-sans-3', weights: [400, 600, 700], styles: ['normal', 'italic']},
] as const

const ranges = {
  latin: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  'latin-ext': 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2070-209F, U+2113, U+2C60-2C7F, U+A720-A7FF',
} as const

/**
 * Where print pages fetch the bundled fonts. `openInertPage` answers these
 * requests from the project's own files, in process; nothing reaches a network.
 * Serving them (rather than inlining 700 KB of data URLs in every page) lets
 * Chromium read only the faces a page uses.
 */
export const fontOrigin = 'https://fonts.policy-briefs.invalid/'

interface FontFace {
  readonly family: string
  readonly style: string
  readonly weight: number
  readonly range: string
  readonly name: string
  readonly path: string
}

let facesCache: FontFace[] | null = null

function fontFaces(): FontFace[] {
  if (facesCache) return facesCache
  facesCache = faces.flatMap((face) => {
    const dir = join(dirname(require.resolve(`${face.pkg}/package.json`)), 'files')
    return face.weights.flatMap((weight) =>
      face.styles.flatMap((style) =>
        Object.entries(ranges).map(([subset, range]) => {
          const name = `${face.stem}-${subset}-${weight}-${style}.woff2`
          return {family: face.family, style, weight, range, name, path: join(dir, name)}
        }),
      ),
    )
  })
  return facesCache
}

const cssCache = new Map<string, string>()

/**
 * `@font-face` rules for the bundled fonts: `inline` embeds the files as data
 * URLs (a self-contained HTML file); `served` points them at `fontOrigin`
 * (pages printed by the browser); `site` at `fonts/NAME`, beside the style
 * sheet of the web edition (`bundledFontFiles` gives the files to copy there).
 */
export function fontFaceCss(mode: 'inline' | 'served' | 'site' = 'inline'): string {
  let css = cssCache.get(mode)
  if (!css) {
    css = fontFaces()
      .map((f) => {
        const src = mode === 'inline' ? `data:font/woff2;base64,${readFileSync(f.path).toString('base64')}` : mode === 'site' ? `fonts/${f.name}` : `${fontOrigin}${f.name}`
        return `@font-face{font-family:'${f.family}';font-style:${f.style};font-weight:${f.weight};font-display:block;src:url(${src}) format('woff2');unicode-range:${f.range}}`
      })
      .join('\n')
    cssCache.set(mode, css)
  }
  return css
}

/** Every bundled face file (woff2): its file name and where it is on disk. */
export function bundledFontFiles(): {readonly name: string; readonly path: string}[] {
  return fontFaces().map((f) => ({name: f.name, path: f.path}))
}

const fileCache = new Map<string, Uint8Array>()

/** The bytes of a bundled font for a URL under `fontOrigin`, or null for any other URL. */
export function fontFile(url: string): Uint8Array | null {
  if (!url.startsWith(fontOrigin)) return null
  const face = fontFaces().find((f) => `${fontOrigin}${f.name}` === url)
  if (!face) return null
  let bytes = fileCache.get(face.name)
  if (!bytes) fileCache.set(face.name, (bytes = readFileSync(face.path)))
  return bytes
}

const sfntCache = new Map<string, Buffer>()

/**
 * A bundled face (Latin subset) as a TrueType/OpenType file, for the formats
 * that embed sfnt files (Word, pdf-lib); the packages ship web fonts.
 */
export function fontSfnt(family: FontFamily, weight: 400 | 600 | 700, style: 'normal' | 'italic' = 'normal'): Buffer {
  const face = faces.find((f) => f.family === family)!
  const name = `${face.stem}-latin-${weight}-${style}.woff`
  let bytes = sfntCache.get(name)
  if (!bytes) {
    bytes = woffToSfnt(readFileSync(join(dirname(require.resolve(`${face.pkg}/package.json`)), 'files', name)))
    sfntCache.set(name, bytes)
  }
  return bytes
}
