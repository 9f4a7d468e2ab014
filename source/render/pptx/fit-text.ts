import {fontFamilies, fontSfnt} from '../fonts.js'
import {sfntTable} from '../sfnt-to-eot.js'
import {sansWidth} from '../text-width.js'

let lineHeight: number | null = null

/**
 * Source Sans 3's line at 100 % spacing, in em: its typographic ascender and descender, which
 * PowerPoint and LibreOffice use because the font sets USE_TYPO_METRICS (1.424: a two-line title
 * takes almost three times its size).
 */
export function sansLineHeight(): number {
  if (lineHeight === null) {
    const sfnt = fontSfnt(fontFamilies.sans, 400)
    const os2 = sfntTable(sfnt, 'OS/2')
    // sTypoAscender, sTypoDescender, sTypoLineGap; unitsPerEm from 'head'.
    lineHeight = (os2.readInt16BE(68) - os2.readInt16BE(70) + os2.readInt16BE(72)) / sfntTable(sfnt, 'head').readUInt16BE(18)
  }
  return lineHeight
}

/**
 * `text` broken into lines no wider than `width` at `size`, at spaces only, as a text box wraps it. A
 * line's width is the sum of its words and spaces, each measured once (kerning across a space is nil).
 */
export function wrapSans(text: string, size: number, width: number, weight: 400 | 600 | 700 = 400): string[] {
  const space = sansWidth(' ', size, weight)
  const lines: string[] = []
  let line = ''
  let used = 0
  for (const word of text.split(' ')) {
    const w = sansWidth(word, size, weight)
    if (line && used + space + w > width) {
      lines.push(line)
      line = word
      used = w
    } else {
      used = line ? used + space + w : w
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(line)
  return lines
}

export interface FitBox {
  /** Width and height the text may take, in the caller's units (slide px). */
  readonly width: number
  readonly height: number
  /** The size wanted, and the smallest acceptable, in the same units. */
  readonly size: number
  readonly min: number
  /** Line spacing as a multiple of the font's own line (`a:lnSpc`). */
  readonly spacing: number
  readonly weight?: 400 | 600 | 700
}

/**
 * The largest size, from `size` down to `min` by half units, at which `text` wraps into lines that
 * stack within the box: PowerPoint keeps the size a file gives until the text is edited (its
 * shrink-on-overflow waits for that), so a title that would run onto the rule under it must be
 * sized here, with the embedded font's metrics.
 */
export function fitSansSize(text: string, box: FitBox): number {
  for (let size = box.size; size > box.min; size -= 0.5) {
    const lines = wrapSans(text, size, box.width, box.weight).length
    if (lines * size * sansLineHeight() * box.spacing <= box.height) return size
  }
  return box.min
}

/** A label set as one unbreakable unit: a line may break before it, never inside it ("● Not / assessed"). */
export const unbreakable = (label: string): string => label.replace(/ /g, '\u00a0')

/** The title's leading on the slide PDF (slides.css `.slide__title`: 26px/31px), which the PowerPoint title keeps. */
const titleLeading = 31 / 26
/**
 * Clear space kept between a title's last line and the rule under it, in slide px: the HTML header
 * leaves 14 (overline 20 + 8, two title lines 62, in its 104); 10 lets a taller overline above the
 * title still leave two lines at full size.
 */
const ruleGap = 10

/**
 * A recommendation slide's title box from `top` down to `ruleGap` above the rule at `rule`, set with the
 * slide PDF's leading, and the size (26 px, or down to 20 px for a title that would not fit in two
 * lines) at which it wraps within it.
 */
export function fitTitle(text: string, top: number, rule: number, width: number): {top: number; height: number; size: number; spacing: number} {
  const height = rule - ruleGap - top
  // In whole percent, as PowerPoint shows and writes it.
  const spacing = Math.round((titleLeading / sansLineHeight()) * 100) / 100
  // A guideline's title heads each of its slides, in every deck of a batch: measured once.
  const key = `${text}\u0000${height}\u0000${width}`
  let size = fitted.get(key)
  if (size === undefined) fitted.set(key, (size = fitSansSize(text, {width, height, size: 26, min: 20, spacing, weight: 700})))
  return {top, height, size, spacing}
}

const fitted = new Map<string, number>()
