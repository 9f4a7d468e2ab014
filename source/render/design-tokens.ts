import {fontFamilies} from './fonts.js'

/**
 * The design tokens: the one palette, type scale and slide geometry every
 * format takes its values from. The brief and slide CSS receive them as
 * custom properties (`tokensCss`); Word styles, the PowerPoint master and the
 * handout import them. Change a colour or a slide box here, nowhere else.
 */

/** The palette (`#rrggbb`). */
export const colors = {
  /** Brand navy: covers, titles, headings, numbers, table headers. */
  navy: '#1B3A5C',
  /** Secondary blue: group headings, recommendation numbers, links, note markers. */
  blue: '#2E5A86',
  /** Pale blue: light rules and borders on white. */
  paleBlue: '#DCE6F0',
  /** Light text on navy (cover details, slide subtitles). */
  onNavy: '#C9D8E8',
  /** Tint behind citations, table rows and slide footers. */
  tint: '#F2F5F9',
  /** Accent: the rule under slide headers, cover and section marks. */
  accent: '#E3A22B',
  /** The accent dark enough for text on white (kickers, overlines). */
  accentDark: '#9A6510',
  ink: '#1E2733',
  muted: '#5B6573',
  /** Hairlines: separators, frames, ruled note lines. */
  rule: '#C5CCD6',
  white: '#FFFFFF',
} as const

/**
 * Self-assessment status colours, one set for every format: text (`ink`) on
 * the pill behind it (`fill`); the chart's segment (`bar`) and the figure
 * printed on it (`onBar`). The bars differ in hue along the blue–orange axis
 * that colour-blind readers keep (vermilion, amber, teal, grey) and in
 * lightness, so no two are confused under deuteranopia or protanopia
 * (CIELAB ΔE ≥ 25 simulated; the tokens test checks it), and the chart also
 * labels every segment with its count and keeps the legend's order.
 */
export const statusColors = {
  'none': {ink: colors.muted, fill: colors.white, bar: '#D5DAE1', onBar: colors.ink},
  'not-started': {ink: '#9B2C1F', fill: '#FBE4E1', bar: '#B03A14', onBar: colors.white},
  'in-progress': {ink: '#8A5A0B', fill: '#FCEFD3', bar: '#E3A63B', onBar: colors.ink},
  'implemented': {ink: '#00665B', fill: '#DCF1EE', bar: '#00766A', onBar: colors.white},
  'not-applicable': {ink: '#4A5462', fill: '#E8EBEF', bar: '#A7B0BB', onBar: colors.ink},
} as const

/**
 * The follow-up indicator's encoding (region matrix): one hue in five steps of
 * lightness (0–20 %, …, 80–100 %), so it reads the same to a colour-blind
 * reader and in grey print; every cell prints its figure too. `on` is the
 * text colour at AA contrast on each step.
 */
export const indicatorRamp = [
  {fill: '#F1F8F7', on: colors.ink},
  {fill: '#B5E0D8', on: colors.ink},
  {fill: '#6FBFB2', on: colors.ink},
  {fill: '#1F7A6F', on: colors.white},
  {fill: '#004A42', on: colors.white},
] as const

/** The ramp step (index into `indicatorRamp`) for an indicator value (0–1). */
export function indicatorStep(value: number): number {
  return Math.min(indicatorRamp.length - 1, Math.floor(value * indicatorRamp.length))
}

/** The ramp's legend: each step's class and its range ("0–20 %"). */
export function rampLegend(): {step: string; label: string}[] {
  return indicatorRamp.map((_step, i) => ({step: rampClass(i), label: `${i * 20}–${(i + 1) * 20} %`}))
}

/** The class a matrix cell takes in HTML (`ramp-0` … `ramp-4`, coloured from the tokens' custom properties), `empty` without a value. */
export function rampClass(step: number | null): string {
  return step === null ? 'empty' : `ramp-${step}`
}

export type ColorName = keyof typeof colors

/** A colour as OOXML and pptxgenjs write it: hex without `#`. */
export function ooxmlColor(hex: string): string {
  return hex.slice(1).toUpperCase()
}

/** A colour as pdf-lib's `rgb` takes it: three shares of 1. */
export function rgbShares(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255]
}

/** The printed type scale (points): PDF brief, Word and handout. */
export const printType = {
  body: 10.5,
  small: 9,
  caption: 8.5,
  /** Running headers and footers. */
  running: 8,
} as const

/**
 * The slide's boxes (px of a 1280 × 720 slide; 1 px = 0.75 pt in
 * PowerPoint's 13.33 × 7.5 in widescreen layout). slides.css places its
 * regions with these (as `--slide-*` properties), the PowerPoint file draws
 * its boxes at them, and the plan sizes its text budget on them.
 */
export const slideBoxes = {
  width: 1280,
  height: 720,
  /** Left and right margin of every content region. */
  padX: 64,
  /** The header: overline and title, closed by the accent rule at its bottom. */
  header: {top: 36, height: 104, rule: 3},
  /** The body of a recommendation slide. */
  body: {top: 162, height: 496},
  /** The agenda's and closing slide's list. */
  list: {top: 164, height: 500},
  footer: {height: 44},
  /** A recommendation's number badge and the gap to its text. */
  badge: {width: 64, height: 44, gap: 24},
} as const

const slideVars = {
  'slide-width': slideBoxes.width,
  'slide-height': slideBoxes.height,
  'slide-pad-x': slideBoxes.padX,
  'slide-header-top': slideBoxes.header.top,
  'slide-header-height': slideBoxes.header.height,
  'slide-header-rule': slideBoxes.header.rule,
  'slide-body-top': slideBoxes.body.top,
  'slide-body-height': slideBoxes.body.height,
  'slide-list-top': slideBoxes.list.top,
  'slide-list-height': slideBoxes.list.height,
  'slide-footer-height': slideBoxes.footer.height,
  'slide-badge-width': slideBoxes.badge.width,
  'slide-badge-height': slideBoxes.badge.height,
  'slide-badge-gap': slideBoxes.badge.gap,
} as const

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/**
 * The tokens as CSS custom properties on `:root`, for the brief and slide
 * stylesheets (`--serif`, `--navy`, `--status-implemented-ink`, `--type-body`,
 * `--slide-pad-x` …).
 */
export function tokensCss(): string {
  const entries = [
    ['serif', `'${fontFamilies.serif}', serif`],
    ['sans', `'${fontFamilies.sans}', sans-serif`],
    ...Object.entries(colors).map(([name, value]) => [kebab(name), value]),
    ...Object.entries(statusColors).flatMap(([name, value]) => Object.entries(value).map(([part, hex]) => [`status-${name}-${kebab(part)}`, hex])),
    ...indicatorRamp.flatMap((step, i) => [[`ramp-${i}-fill`, step.fill], [`ramp-${i}-on`, step.on]]),
    ...Object.entries(printType).map(([name, value]) => [`type-${name}`, `${value}pt`]),
    ...Object.entries(slideVars).map(([name, value]) => [name, `${value}px`]),
  ]
  return `:root {\n${entries.map(([name, value]) => `  --${name}: ${value};`).join('\n')}\n}\n`
}
