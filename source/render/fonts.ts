import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

const require = createRequire(import.meta.url)

/** The font families the documents use, from npm font packages (never system fonts). */
export const fontFamilies = {serif: 'Source Serif 4', sans: 'Source Sans 3'} as const

const faces = [
  {pkg: '@fontsource/source-serif-4', family: fontFamilies.serif, stem: 'source-serif-4', weights: [400, 600, 700], styles: ['normal', 'italic']},
  {pkg: '@fontsource/source-sans-3', family: fontFamilies.sans, stem: 'source-sans-3', weights: [400, 600, 700], styles: ['normal', 'italic']},
] as const

const ranges = {
  latin: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  'latin-ext': 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2070-209F, U+2113, U+2C60-2C7F, U+A720-A7FF',
} as const

let cached: string | null = null

/** `@font-face` rules with the font files inlined as data URLs, so a page needs no request. */
export function fontFaceCss(): string {
  if (cached) return cached
  const rules: string[] = []
  for (const face of faces) {
    const dir = join(dirname(require.resolve(`${face.pkg}/package.json`)), 'files')
    for (const weight of face.weights) {
      for (const style of face.styles) {
        for (const [subset, range] of Object.entries(ranges)) {
          const data = readFileSync(join(dir, `${face.stem}-${subset}-${weight}-${style}.woff2`)).toString('base64')
          rules.push(
            `@font-face{font-family:'${face.family}';font-style:${style};font-weight:${weight};font-display:block;` +
              `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range}}`,
          )
        }
      }
    }
  }
  cached = rules.join('\n')
  return cached
}
