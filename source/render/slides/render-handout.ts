import {createHash} from 'node:crypto'
import fontkit from '@pdf-lib/fontkit'
import {
  PDFArray, PDFDocument, PDFName, PDFObjectCopier, PDFRawStream, PDFRef, decodePDFRawStream, degrees, drawPage, drawText,
  mergeIntoTypedArray, rgb, setCharacterSpacing, type Color, type PDFFont, type PDFHexString, type PDFPage,
} from 'pdf-lib'
import {colors as tokens, rgbShares} from '../design-tokens.js'
import {fontFamilies, fontSfnt} from '../fonts.js'
import type {Renderer} from '../formats.js'
import type {HandoutLayout, Paper} from '../../model/vocabulary.js'
import {format} from '../../labels/index.js'
import {deckPdf} from './deck-pdf.js'
import {saveOptions, setMetadata} from '../print-pdf.js'

/**
 * The sheets, portrait. Every length below is in points (1 CSS px = 0.75 pt),
 * measured from the top of the sheet unless it says otherwise.
 */
const sheets = {
  a4: {width: 595.28, height: 841.89},
  letter: {width: 612, height: 792},
} as const satisfies Record<Paper, {width: number; height: number}>
const marginX = 42.52

/** The design tokens' colours the handout draws with. */
const colors = {
  navy: rgb(...rgbShares(tokens.navy)),
  muted: rgb(...rgbShares(tokens.muted)),
  /** Frames, the footer rule and the ruled note lines. */
  rule: rgb(...rgbShares(tokens.rule)),
} as const

const header = {size: 9, baseline: 48.5, rule: 56.94, ruleWidth: 1.5} as const
/** The footer's `baseline` and `rule` from the bottom of the sheet. */
const footer = {size: 8.25, baseline: 31.89, rule: 45.59, ruleWidth: 0.75} as const
/** `pitch`: the least space between ruled lines that handwriting fits in (6.35 mm). */
const notes = {size: 8.25, tracking: 0.06, labelHeight: 11.75, lineWidth: 0.75, pitch: 18, minLines: 2} as const
const frameBorder = 0.75
/** Space between the header or footer rule and the nearest slide or notes. */
const ruleGap = 14
/** A 16:9 slide's frame (border included) as wide as `frameHeight` allows. */
const frameWidthFor = (frameHeight: number) => ((frameHeight - 2 * frameBorder) * 16) / 9 + 2 * frameBorder
/** A 16:9 slide's frame (border included) as tall as `frameWidth` allows. */
const frameHeightFor = (frameWidth: number) => ((frameWidth - 2 * frameBorder) * 9) / 16 + 2 * frameBorder

/** Where each slide's frame goes on the sheet (from the top), and its notes below it. */
interface Layout {
  readonly columns: number
  readonly frameWidth: number
  readonly columnGap: number
  readonly rowGap: number
  readonly top: number
  /** Ruled notes `below` each slide, or `none`. */
  readonly notes: 'below' | 'none'
  /** Space between a slide's frame and its notes label. */
  readonly notesGap: number
  /** The notes area's height under each frame. */
  readonly notesHeight: number
}

/**
 * The layout of `perPage` slides on `paper`.
 *
 * 2-up: each slide as wide as the text column (the slide's type is what a
 * reader reads: 22 px slide text prints at 8.7 pt on A4), unless that leaves
 * fewer than `notes.minLines` ruled lines below it (Letter, being shorter:
 * 8.1 pt); then a notes label and ruled lines down to the next slide or the
 * footer. Three 16:9 slides can't reach 8 pt on A4: their height caps them at
 * about 7.
 */
function layoutOf(perPage: HandoutLayout, paper: Paper): Layout {
  const {width, height} = sheets[paper]
  const contentWidth = width - 2 * marginX
  if (perPage === 6) {
    // Two columns of three, no lines: an overview.
    return {columns: 2, frameWidth: (contentWidth - 19.5) / 2, columnGap: 19.5, rowGap: 39, top: 89.19, notes: 'none', notesGap: 0, notesHeight: 0}
  }
  const rowGap = 18
  const notesGap = 6
  const top = header.rule + ruleGap
  const block = (height - footer.rule - ruleGap - top - rowGap) / 2
  const frameHeight = Math.min(frameHeightFor(contentWidth), block - notesGap - notes.labelHeight - notes.minLines * notes.pitch)
  return {columns: 1, frameWidth: frameWidthFor(frameHeight), columnGap: 0, rowGap, top, notes: 'below', notesGap, notesHeight: block - frameHeight - notesGap}
}

/** Source Sans 3 (Latin) as TrueType: pdf-lib embeds sfnt files. */
function sansFaces(): {regular: Buffer; semibold: Buffer} {
  return {regular: fontSfnt(fontFamilies.sans, 400), semibold: fontSfnt(fontFamilies.sans, 600)}
}

/**
 * A portrait handout on the brief's paper (A4 or Letter): 2 slides a page,
 * each with ruled lines for notes below it, or 6 a page without. The slides
 * are the deck's own PDF pages, placed as form XObjects, so their text stays
 * text and Chromium prints the deck only once for both the slides and the
 * handout.
 */
export const renderHandout: Renderer = async (view, options) => {
  const deckBytes = await deckPdf(view, options, 'handout')
  const out = await PDFDocument.create({updateMetadata: false})
  const slides = embedSlides(out, await PDFDocument.load(deckBytes, {updateMetadata: false}))
  const perPage = options.handoutLayout
  const sheet = sheets[options.paper]
  const contentWidth = sheet.width - 2 * marginX
  const layout = layoutOf(perPage, options.paper)
  const total = Math.ceil(slides.length / perPage)
  const text = {
    title: view.title,
    shortTitle: view.shortTitle,
    notes: layout.notes !== 'none' ? (view.labels['notesArea'] ?? '').toLocaleUpperCase(view.langTag) : '',
    pages: Array.from({length: total}, (_, p) => format(view.labels['pageOf'] ?? '{page} / {total}', {page: p + 1, total})),
  }
  const fonts = await embedSans(out, {regular: text.shortTitle, semibold: [text.title, text.notes, ...text.pages].join('')})

  // Each text is shaped and measured once, not once a page: font shaping is most of the work here.
  const pageLabels = text.pages.map((label) => textRun(label, fonts.semibold, footer.size, colors.navy))
  const widestLabel = Math.max(...pageLabels.map((run) => run.width))
  const title = textRun(text.title, fonts.semibold, header.size, colors.navy, contentWidth)
  const shortTitle = textRun(text.shortTitle, fonts.regular, footer.size, colors.muted, contentWidth - widestLabel - 12)
  const notesLabel = text.notes ? textRun(text.notes, fonts.semibold, notes.size, colors.muted) : null

  pageLabels.forEach((pageLabel, p) => {
    const page = out.addPage([sheet.width, sheet.height])
    drawHeader(page, title)
    drawFooter(page, shortTitle, pageLabel)
    slides.slice(p * perPage, (p + 1) * perPage).forEach((slide, i) => {
      const column = i % layout.columns
      const row = Math.floor(i / layout.columns)
      // A frame narrower than the column is centred in it.
      const columnWidth = layout.columns === 1 ? contentWidth : layout.frameWidth
      const x = marginX + column * (layout.frameWidth + layout.columnGap) + (columnWidth - layout.frameWidth) / 2
      const frameHeight = (layout.frameWidth - 2 * frameBorder) * (slide.height / slide.width) + 2 * frameBorder
      const top = layout.top + row * (frameHeight + layout.notesGap + layout.notesHeight + layout.rowGap)
      drawFrame(page, slide, x, top, layout.frameWidth, frameHeight)
      if (layout.notes === 'below') drawNotes(page, notesLabel, x, top + frameHeight + layout.notesGap, layout.frameWidth, layout.notesHeight)
    })
  })

  // No /MarkInfo: the slides come without their structure tree, so the handout is not tagged.
  const suffix = view.labels['handout']
  setMetadata(out, view, options.date, {title: suffix ? `${view.title} — ${suffix}` : view.title, seed: [deckBytes, JSON.stringify({perPage, paper: options.paper, text, suffix})]})
  return out.save(saveOptions)
}

/**
 * Source Sans 3 regular and semibold, subset to the glyphs drawn. The subset
 * tag (the `ABCDEF+` prefix readers expect on a subset font) is derived from
 * the text each face draws, so it is stable from run to run.
 */
async function embedSans(out: PDFDocument, drawn: {regular: string; semibold: string}): Promise<{regular: PDFFont; semibold: PDFFont}> {
  out.registerFontkit(fontkit)
  const files = sansFaces()
  const family = fontFamilies.sans.replaceAll(' ', '')
  const embed = (file: Buffer, style: string, text: string) => out.embedFont(file, {subset: true, customName: `${subsetTag(text)}+${family}-${style}`})
  return {regular: await embed(files.regular, 'Regular', drawn.regular), semibold: await embed(files.semibold, 'Semibold', drawn.semibold)}
}

function subsetTag(text: string): string {
  const hash = createHash('sha256').update(text).digest()
  return Array.from(hash.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('')
}

/** A line of text shaped and encoded once, to be drawn on many pages. */
interface TextRun {
  readonly encoded: PDFHexString
  readonly font: PDFFont
  readonly size: number
  readonly width: number
  readonly color: Color
}

/**
 * `text` at `size`; if wider than `maxWidth`, smaller down to 7 pt, then cut
 * at a word with an ellipsis only if even that does not fit.
 */
function textRun(text: string, font: PDFFont, size: number, color: Color, maxWidth = Infinity): TextRun {
  const min = Math.min(size, 7)
  const natural = font.widthOfTextAtSize(text, size)
  let fitted = {text, size, width: natural}
  if (natural > maxWidth) {
    const shrunk = Math.max(min, (size * maxWidth) / natural)
    fitted = {text, size: shrunk, width: (natural * shrunk) / size}
    if (fitted.width > maxWidth) {
      const words = text.split(' ')
      const width = () => font.widthOfTextAtSize(`${words.join(' ')}…`, min)
      while (words.length > 1 && width() > maxWidth) words.pop()
      fitted = {text: `${words.join(' ')}…`, size: min, width: width()}
    }
  }
  return {encoded: font.encodeText(fitted.text), font, size: fitted.size, width: fitted.width, color}
}

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>()

/** Draw a prepared run with its baseline at `baseline` (from the top). */
function drawRun(page: PDFPage, run: TextRun, x: number, baseline: number): void {
  let keys = fontKeys.get(page)
  if (!keys) fontKeys.set(page, (keys = new Map()))
  let key = keys.get(run.font)
  if (!key) keys.set(run.font, (key = page.node.newFontDictionary(run.font.name, run.font.ref)))
  page.pushOperators(...drawText(run.encoded, {
    x, y: fromTop(page, baseline), size: run.size, font: key, color: run.color, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0),
  }))
}

/** pdf-lib measures from the bottom of the page; the layout measures from the top. */
const fromTop = (page: PDFPage, y: number) => page.getHeight() - y

function drawHeader(page: PDFPage, title: TextRun): void {
  drawRun(page, title, marginX, header.baseline)
  const y = fromTop(page, header.rule)
  page.drawLine({start: {x: marginX, y}, end: {x: page.getWidth() - marginX, y}, thickness: header.ruleWidth, color: colors.navy})
}

function drawFooter(page: PDFPage, shortTitle: TextRun, pageLabel: TextRun): void {
  const right = page.getWidth() - marginX
  const y = footer.rule
  page.drawLine({start: {x: marginX, y}, end: {x: right, y}, thickness: footer.ruleWidth, color: colors.rule})
  drawRun(page, shortTitle, marginX, page.getHeight() - footer.baseline)
  drawRun(page, pageLabel, right - pageLabel.width, page.getHeight() - footer.baseline)
}

/** A deck page made a form XObject of the handout. */
interface Slide {
  readonly ref: PDFRef
  readonly width: number
  readonly height: number
}

/**
 * Every page of `deck` as a form XObject of `out`. Unlike pdf-lib's
 * `embedPages`, this keeps each content stream as Chromium compressed it
 * (no inflate and deflate again) and leaves no unused copy of it behind;
 * the resources (fonts, images) are copied once and shared.
 */
function embedSlides(out: PDFDocument, deck: PDFDocument): Slide[] {
  const copy = PDFObjectCopier.for(deck.context, out.context).copy
  return deck.getPages().map((page) => {
    const {x, y, width, height} = page.getMediaBox()
    // The raw entries: `normalizedEntries()` would wrap the content in extra q/Q streams.
    const contents = deck.context.lookup(page.node.get(PDFName.of('Contents')))
    const streams = contents instanceof PDFArray ? contents.asArray().map((item) => deck.context.lookup(item)) : [contents]
    // The matrix moves the media box's corner to the origin (Chromium's is there already).
    const dict = out.context.obj({Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [x, y, x + width, y + height], Matrix: [1, 0, 0, 1, -x, -y]})
    dict.set(PDFName.of('Resources'), copy(page.node.Resources() ?? out.context.obj({})))
    const only = streams.length === 1 ? streams[0] : undefined
    let stream: PDFRawStream
    if (only instanceof PDFRawStream) {
      for (const key of ['Filter', 'DecodeParms']) {
        const value = only.dict.get(PDFName.of(key))
        if (value) dict.set(PDFName.of(key), copy(value))
      }
      stream = PDFRawStream.of(dict, only.contents)
    } else {
      // Several streams (not what Chromium writes): join them, as a page's content is their concatenation.
      const parts = streams.flatMap((item) => {
        if (!(item instanceof PDFRawStream)) throw new Error('Cannot read a deck page whose content is not a stream')
        return [decodePDFRawStream(item).decode(), Uint8Array.of(0x0a)]
      })
      stream = out.context.flateStream(mergeIntoTypedArray(...parts), {})
      for (const [key, value] of dict.entries()) stream.dict.set(key, value)
    }
    return {ref: out.context.register(stream), width, height}
  })
}

/** The slide inside a thin border; `top` and `height` include the border. */
function drawFrame(page: PDFPage, slide: Slide, x: number, top: number, width: number, height: number): void {
  const name = page.node.newXObject('Slide', slide.ref)
  const inner = {width: width - 2 * frameBorder, height: height - 2 * frameBorder}
  page.pushOperators(...drawPage(name, {
    x: x + frameBorder, y: fromTop(page, top + height - frameBorder), xScale: inner.width / slide.width, yScale: inner.height / slide.height,
    rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0),
  }))
  page.drawRectangle({
    x: x + frameBorder / 2, y: fromTop(page, top + height - frameBorder / 2), width: width - frameBorder, height: height - frameBorder,
    borderColor: colors.rule, borderWidth: frameBorder,
  })
}

/**
 * The notes label, then as many ruled lines as fit at `notes.pitch` or more,
 * spread evenly so that the last one closes the area.
 */
function drawNotes(page: PDFPage, label: TextRun | null, x: number, top: number, width: number, height: number): void {
  if (label) {
    page.pushOperators(setCharacterSpacing(notes.tracking * label.size))
    drawRun(page, label, x, top + label.font.heightAtSize(label.size, {descender: false}))
    page.pushOperators(setCharacterSpacing(0))
  }
  // The small term keeps an exact fit (36 pt for 2 lines at 18) from rounding down to one line fewer.
  const lines = Math.max(1, Math.floor((height - notes.labelHeight) / notes.pitch + 1e-6))
  const gap = (height - notes.labelHeight - lines * notes.lineWidth) / lines
  for (let k = 1; k <= lines; k++) {
    const y = fromTop(page, top + notes.labelHeight + k * gap + (k - 0.5) * notes.lineWidth)
    page.drawLine({start: {x, y}, end: {x: x + width, y}, thickness: notes.lineWidth, color: colors.rule})
  }
}
