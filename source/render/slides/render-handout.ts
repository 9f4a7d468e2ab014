import {createHash} from 'node:crypto'
import fontkit from '@pdf-lib/fontkit'
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFOperator, PDFOperatorNames, PDFRawStream, PDFRef,
  PDFString, beginMarkedContent, decodePDFRawStream, degrees, drawPage, drawText, endMarkedContent, mergeIntoTypedArray, rgb,
  setCharacterSpacing, type Color, type PDFContext, type PDFFont, type PDFObject, type PDFPage, type PDFStream,
} from 'pdf-lib'
import {colors as tokens, rgbShares} from '../design-tokens.js'
import {fontFamilies, fontSfnt} from '../fonts.js'
import type {Renderer} from '../formats.js'
import type {Paper} from '../../model/vocabulary.js'
import {format} from '../../labels/index.js'
import {deckPdf} from './deck-pdf.js'
import {footerTitle, planSlides, type SectionSlide, type Slide as PlanSlide, type SlidePlan, type TitleSlide} from './plan.js'
import type {View} from '../../view/view.js'
import {saveOptions, setMetadata} from '../print-pdf.js'
import {encodeShaped, widthAt1pt, type Face} from './shaped-text.js'

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
  white: rgb(...rgbShares(tokens.white)),
  onNavy: rgb(...rgbShares(tokens.onNavy)),
  tint: rgb(...rgbShares(tokens.tint)),
  accent: rgb(...rgbShares(tokens.accent)),
  accentDark: rgb(...rgbShares(tokens.accentDark)),
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

/** The ruled notes under a slide: at least `notes.minLines` lines, `notes.wantLines` where the sheet allows. */
const wantLines = 3
/** The 2-up layout's frame never prints a slide smaller than this share of its size (Letter, being shorter, would go below). */
const minScale = 0.43
/** Space below a band (title or guideline) before the slide it introduces. */
const bandGap = 8

/**
 * The 2-up layout's slide frame on `paper`: as large as lets two slides, one
 * guideline band and `wantLines` ruled lines under each slide share a page
 * (A4: 9.4 pt body text, where the slides used to print at 8.8 pt), but never
 * below `minScale` nor wider than the text column.
 */
function twoUpFrame(paper: Paper): {width: number; height: number} {
  const {width, height} = sheets[paper]
  const room = height - footer.rule - ruleGap - (header.rule + ruleGap)
  const bandAllowance = 46
  const wanted = (room - rowGap - 2 * (notesGap + notes.labelHeight + wantLines * notes.pitch) - bandAllowance) / 2
  const full = frameHeightFor(width - 2 * marginX)
  const frameHeight = Math.min(full, Math.max(wanted, minScale * 540 + 2 * frameBorder))
  return {width: frameWidthFor(frameHeight), height: frameHeight}
}
const rowGap = 18
const notesGap = 6

/** The 6-up overview: two columns of three, no lines. */
const sixUp = {columns: 2, columnGap: 19.5, rowGap: 39, top: 89.19} as const

/** Source Sans 3 (Latin) as TrueType: pdf-lib embeds sfnt files. */
function sansFaces(): {regular: Buffer; semibold: Buffer} {
  return {regular: fontSfnt(fontFamilies.sans, 400), semibold: fontSfnt(fontFamilies.sans, 600)}
}

/** A line of a band, tagged as a heading or a paragraph. */
interface BandLine {
  readonly run: TextRun
  /** Baseline from the band's top. */
  readonly baseline: number
  readonly tag: 'H1' | 'H2' | 'P'
  /** Lines of one paragraph share one structure element. */
  readonly paragraph: number
  /** The language of source text in another language than the handout's (a guideline's title), else undefined. */
  readonly lang?: string | undefined
}

/** What a title or section slide becomes in the 2-up handout: a band over the slide it introduces, not a page of its own. */
interface Band {
  readonly kind: 'title' | 'section'
  readonly height: number
  readonly lines: BandLine[]
  /** The outline's entry for it. */
  readonly bookmark: string
}

/** A placed slide with the bands that introduce it (2-up), and where it stands in the deck. */
interface Unit {
  readonly bands: Band[]
  readonly slide: PlanSlide
}

/**
 * A portrait handout on the brief's paper (A4 or Letter). 2-up: each content
 * slide with ruled lines for notes below it, two a page; the title and
 * guideline slides become bands over the slide they introduce instead of
 * costing a frame. 6-up: every slide, an overview without lines. The slides
 * are the deck's own PDF pages, placed as form XObjects, so their text stays
 * text, their tags carry over (the handout is a tagged PDF with an outline,
 * like the briefs), and Chromium prints the deck only once for both the
 * slides and the handout.
 */
export const renderHandout: Renderer = async (view, options) => {
  const deckBytes = await deckPdf(view, options, 'handout')
  const plan = planSlides(view)
  const out = await PDFDocument.create({updateMetadata: false})
  const deck = await PDFDocument.load(deckBytes, {updateMetadata: false})
  const slides = embedSlides(out, deck)
  const perPage = options.handoutLayout
  const sheet = sheets[options.paper]
  const contentWidth = sheet.width - 2 * marginX
  const notesText = perPage === 2 ? view.labels['notesArea'].toLocaleUpperCase(view.langTag) : ''

  // Every string the handout draws itself, so each face is subset to what it shows.
  const bandTexts = perPage === 2 ? bandStrings(plan, view) : {regular: '', semibold: ''}
  const pageLabel = (page: number, total: number) => format(view.labels['pageOf'], {page, total})
  const fonts = await embedSans(out, {
    regular: footerTitle(view) + bandTexts.regular,
    semibold: [view.title, notesText, pageLabel(0, 0), '0123456789', bandTexts.semibold].join(''),
  })

  const frame = twoUpFrame(options.paper)
  /** The height between the header's and the footer's rules, less their gaps. */
  const room = sheet.height - footer.rule - ruleGap - (header.rule + ruleGap)
  const pages: Unit[][] = perPage === 2 ? twoUpPages(plan, view, fonts, contentWidth, frame, room) : sixUpPages(plan)
  const total = pages.length
  // Each text is shaped and measured once, not once a page: font shaping is most of the work here.
  const pageLabels = pages.map((_, p) => textRun(pageLabel(p + 1, total), fonts.semibold, footer.size, colors.navy))
  const widestLabel = Math.max(...pageLabels.map((run) => run.width))
  const title = textRun(view.title, fonts.semibold, header.size, colors.navy, contentWidth)
  const shortTitle = textRun(footerTitle(view), fonts.regular, footer.size, colors.muted, contentWidth - widestLabel - 12)
  const notesLabel = notesText ? textRun(notesText, fonts.semibold, notes.size, colors.muted) : null

  const tags = new Tagger(out, view.langTag)
  const bookmarks: Bookmark[] = []
  pages.forEach((units, p) => {
    const page = out.addPage([sheet.width, sheet.height])
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'))
    tags.artifact(page, () => {
      drawHeader(page, title)
      drawFooter(page, shortTitle, pageLabels[p]!)
    })
    if (perPage === 6) {
      const frameWidth = (contentWidth - sixUp.columnGap) / 2
      units.forEach(({slide: planned}, i) => {
        const slide = slides[planned.index - 1]!
        const x = marginX + (i % 2) * (frameWidth + sixUp.columnGap)
        const frameHeight = (frameWidth - 2 * frameBorder) * (slide.height / slide.width) + 2 * frameBorder
        const top = sixUp.top + Math.floor(i / 2) * (frameHeight + sixUp.rowGap)
        tags.artifact(page, () => drawFrame(page, slide, x, top, frameWidth, frameHeight))
        tags.slide(page, slide, planned.index - 1)
        const mark = bookmarkOf(planned, view)
        if (mark) bookmarks.push({title: mark, page, top})
      })
      return
    }
    // 2-up: the units down the page, the room left over shared out to their notes.
    const fixed = units.reduce((sum, unit) => sum + unitHeight(unit, frame.height), 0) + (units.length - 1) * rowGap
    const notesHeight = (room - fixed) / units.length
    let top = header.rule + ruleGap
    const x = marginX + (contentWidth - frame.width) / 2
    for (const unit of units) {
      for (const band of unit.bands) {
        bookmarks.push({title: band.bookmark, page, top})
        drawBand(page, tags, band, marginX, top, contentWidth)
        top += band.height + bandGap
      }
      const slide = slides[unit.slide.index - 1]!
      tags.artifact(page, () => drawFrame(page, slide, x, top, frame.width, frame.height))
      tags.slide(page, slide, unit.slide.index - 1)
      const mark = bookmarkOf(unit.slide, view)
      if (mark) bookmarks.push({title: mark, page, top})
      tags.artifact(page, () => drawNotes(page, notesLabel, x, top + frame.height + notesGap, frame.width, notesHeight))
      top += frame.height + notesGap + notesHeight + rowGap
    }
  })

  tags.copyDeck(deck, slides)
  tags.finish()
  addOutline(out, bookmarks)
  const suffix = view.labels['handout']
  setMetadata(out, view, options.date, {title: suffix ? `${view.title} — ${suffix}` : view.title, seed: [deckBytes, JSON.stringify({perPage, paper: options.paper, suffix})]})
  return out.save(saveOptions)
}

/** A unit's height on the page, notes excluded. */
const unitHeight = (unit: Unit, frameHeight: number) => unit.bands.reduce((sum, band) => sum + band.height + bandGap, 0) + frameHeight + notesGap

/**
 * The 2-up pages: content slides in deck order, each title or section slide
 * turned into a band over the next slide, as many units a page (two at
 * most) as leave every slide at least `notes.minLines` ruled lines.
 */
function twoUpPages(plan: SlidePlan, view: View, fonts: {regular: PDFFont; semibold: PDFFont}, width: number, frame: {height: number}, room: number): Unit[][] {
  const units: Unit[] = []
  let pending: Band[] = []
  for (const slide of plan.slides) {
    if (slide.type === 'title') pending.push(titleBand(slide, plan, fonts, width))
    else if (slide.type === 'section') pending.push(sectionBand(slide, view, fonts, width))
    else {
      units.push({bands: pending, slide})
      pending = []
    }
  }
  // A deck is never only a title and sections; should one be, its last band has no slide to sit over.
  if (pending.length > 0 && units.length > 0) units[units.length - 1] = {...units[units.length - 1]!, bands: [...units[units.length - 1]!.bands, ...pending]}
  return units.reduce<Unit[][]>((pages, unit) => {
    const page = pages.at(-1)
    const fits = (list: readonly Unit[]) => list.length <= 2 &&
      list.reduce((sum, u) => sum + unitHeight(u, frame.height) + notes.labelHeight + notes.minLines * notes.pitch, 0) + (list.length - 1) * rowGap <= room
    if (page && fits([...page, unit])) page.push(unit)
    else pages.push([unit])
    return pages
  }, [])
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
  const embed = async (file: Buffer, style: Face, text: string) => {
    const font = await out.embedFont(file, {subset: true, customName: `${subsetTag(text)}+${family}-${style}`})
    faceOf.set(font, {face: style, file})
    return font
  }
  return {regular: await embed(files.regular, 'Regular', drawn.regular), semibold: await embed(files.semibold, 'Semibold', drawn.semibold)}
}

/**
 * The face and font file each embedded font is, so that text shaped for one
 * handout serves the next (shaped-text.ts): a subset measures and shapes as
 * the whole face does, and shaping was most of a handout's CPU.
 */
const faceOf = new WeakMap<PDFFont, {readonly face: Face; readonly file: Uint8Array}>()

/** The face of a font `embedSans` embedded: the handout draws with no other. */
function faceOfFont(font: PDFFont): {readonly face: Face; readonly file: Uint8Array} {
  const known = faceOf.get(font)
  if (!known) throw new Error('The handout draws only with the faces embedSans embedded')
  return known
}

function widthOf(font: PDFFont, text: string, size: number): number {
  const {face, file} = faceOfFont(font)
  return widthAt1pt(face, file, text) * size
}

/** `text` encoded in `font`, shaped once per process (shaped-text.ts). */
function encode(font: PDFFont, text: string): PDFHexString {
  const {face, file} = faceOfFont(font)
  return encodeShaped(font, face, file, text)
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
  const natural = widthOf(font, text, size)
  let fitted = {text, size, width: natural}
  if (natural > maxWidth) {
    const shrunk = Math.max(min, (size * maxWidth) / natural)
    fitted = {text, size: shrunk, width: (natural * shrunk) / size}
    if (fitted.width > maxWidth) {
      const words = text.split(' ')
      const width = () => widthOf(font, `${words.join(' ')}…`, min)
      while (words.length > 1 && width() > maxWidth) words.pop()
      fitted = {text: `${words.join(' ')}…`, size: min, width: width()}
    }
  }
  return {encoded: encode(font, fitted.text), font, size: fitted.size, width: fitted.width, color}
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

/** 6 slides a page, every slide of the deck (an overview, where a title slide costs a sixth of a page). */
function sixUpPages(plan: SlidePlan): Unit[][] {
  return Array.from({length: Math.ceil(plan.slides.length / 6)}, (_, p) => plan.slides.slice(p * 6, p * 6 + 6).map((slide) => ({bands: [], slide})))
}

/** The band's type: sizes (pt) and leading. */
const bandType = {
  title: {pad: 12, kicker: 8.5, title: 14, subtitle: 10.5, detail: 9, leading: 1.25},
  section: {pad: 7, overline: 8.5, title: 11.5, leading: 1.25},
} as const

/** The text of every band, by face, to subset the fonts to. */
function bandStrings(plan: SlidePlan, view: View): {regular: string; semibold: string} {
  const regular: string[] = []
  const semibold: string[] = []
  for (const slide of plan.slides) {
    if (slide.type === 'title') {
      semibold.push(titleKicker(slide), slide.title, slide.overview, slide.translation ?? '', plan.illustrative ?? '')
      regular.push(slide.subtitle, ...slide.details)
    } else if (slide.type === 'section') {
      semibold.push(sectionOverline(slide, view), slide.title)
    }
  }
  return {regular: regular.join(''), semibold: semibold.join('')}
}

const titleKicker = (slide: TitleSlide) => `${slide.publisher}${slide.year ? ` · ${slide.year}` : ''}`
const sectionOverline = (slide: SectionSlide, view: View) => `${slide.label} ${slide.guideline} · ${slide.count}`.toLocaleUpperCase(view.langTag)

/**
 * `text` broken at spaces into lines no wider than `width` at `size`. Each
 * word is measured once (shaping is the costly part), a line as the sum of
 * its words and spaces; 1 % kept free for the kerning between them.
 */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const space = widthOf(font, ' ', size)
  const limit = width * 0.99
  const lines: string[] = []
  let line: string[] = []
  let used = 0
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = widthOf(font, word, size)
    if (line.length > 0 && used + space + w > limit) {
      lines.push(line.join(' '))
      line = []
      used = 0
    }
    used += (line.length > 0 ? space : 0) + w
    line.push(word)
  }
  if (line.length > 0) lines.push(line.join(' '))
  return lines
}

/** Paragraphs stacked into band lines; returns the lines and the height they take (from the band's top, padding included). */
function stack(paragraphs: readonly {text: string; font: PDFFont; size: number; color: Color; tag: BandLine['tag']; after: number; lang?: string | undefined}[], width: number, pad: number, leading: number): {lines: BandLine[]; height: number} {
  const lines: BandLine[] = []
  let y = pad
  paragraphs.forEach((para, i) => {
    if (!para.text) return
    const wrapped = wrap(para.text, para.font, para.size, width)
    wrapped.forEach((text, k) => {
      const lineHeight = para.size * leading
      // A space ends each broken line, so text extraction reads "recomendaciones para", not "recomendacionespara".
      lines.push({run: textRun(k < wrapped.length - 1 ? `${text} ` : text, para.font, para.size, para.color, width), baseline: y + para.size * 0.95, tag: para.tag, paragraph: i, lang: para.lang})
      y += lineHeight
    })
    y += para.after
  })
  return {lines, height: y + pad - (paragraphs.filter((p) => p.text).at(-1)?.after ?? 0)}
}

/** The title slide as the first page's band: navy, as the slide is, with what the slide says. */
function titleBand(slide: TitleSlide, plan: SlidePlan, fonts: {regular: PDFFont; semibold: PDFFont}, width: number): Band {
  const t = bandType.title
  const inner = width - 2 * t.pad - bandRule
  const {lines, height} = stack([
    {text: titleKicker(slide).toLocaleUpperCase(plan.langTag), font: fonts.semibold, size: t.kicker, color: colors.accent, tag: 'P', after: 4},
    {text: slide.title, font: fonts.semibold, size: t.title, color: colors.white, tag: 'H1', after: 4},
    {text: slide.subtitle, font: fonts.regular, size: t.subtitle, color: colors.onNavy, tag: 'P', after: 2},
    ...slide.details.map((detail) => ({text: detail, font: fonts.regular, size: t.detail, color: colors.onNavy, tag: 'P' as const, after: 0})),
    {text: slide.translation ?? '', font: fonts.semibold, size: t.detail, color: colors.white, tag: 'P', after: 0},
    {text: plan.illustrative ?? '', font: fonts.semibold, size: t.detail, color: colors.white, tag: 'P', after: 0},
    {text: slide.overview, font: fonts.semibold, size: t.detail, color: colors.white, tag: 'P', after: 0},
  ], inner, t.pad, t.leading)
  return {kind: 'title', height, lines, bookmark: slide.subtitle}
}

/** A guideline's section slide as a band over its first recommendation slide. */
function sectionBand(slide: SectionSlide, view: View, fonts: {regular: PDFFont; semibold: PDFFont}, width: number): Band {
  const t = bandType.section
  const inner = width - 2 * t.pad - bandRule
  const {lines, height} = stack([
    {text: sectionOverline(slide, view), font: fonts.semibold, size: t.overline, color: colors.accentDark, tag: 'P', after: 2},
    // The guideline's group headings are left to its slides, which head each group: the band stays two or three lines.
    {text: slide.title, font: fonts.semibold, size: t.title, color: colors.navy, tag: 'H2', after: 0, lang: view.textLang === view.lang ? undefined : view.textLangTag},
  ], inner, t.pad, t.leading)
  return {kind: 'section', height, lines, bookmark: `${slide.guideline}. ${slide.title}`}
}

/** The accent bar at a band's left edge. */
const bandRule = 4

function drawBand(page: PDFPage, tags: Tagger, band: Band, x: number, top: number, width: number): void {
  tags.artifact(page, () => {
    const fill = band.kind === 'title' ? colors.navy : colors.tint
    page.drawRectangle({x, y: fromTop(page, top + band.height), width, height: band.height, color: fill})
    page.drawRectangle({x, y: fromTop(page, top + band.height), width: bandRule, height: band.height, color: colors.accent})
  })
  const pad = bandType[band.kind].pad
  const groups = new Map<string, BandLine[]>()
  for (const line of band.lines) groups.set(`${line.paragraph}`, [...(groups.get(`${line.paragraph}`) ?? []), line])
  for (const lines of groups.values()) {
    tags.own(page, lines[0]!.tag, () => {
      for (const line of lines) drawRun(page, line.run, x + bandRule + pad, top + line.baseline)
    }, lines[0]!.lang)
  }
}

/** The outline entry a placed slide adds (agenda, self-assessment, closing); recommendation slides stand under their guideline. */
function bookmarkOf(slide: PlanSlide, view: View): string | null {
  switch (slide.type) {
    case 'title':
      return slide.subtitle
    case 'section':
      return `${slide.guideline}. ${slide.title}`
    case 'agenda':
    case 'assessment':
    case 'region-answered':
    case 'region-matrix':
    case 'region-not-started':
    case 'closing':
      return slide.type === 'assessment' || !slide.continued ? slide.heading : null
    case 'recommendations':
      void view
      return null
  }
}

interface Bookmark {
  readonly title: string
  readonly page: PDFPage
  /** From the top of the page. */
  readonly top: number
}

/** A flat outline (bookmarks), one entry each, pointing at the top of what it names; the reader opens with it shown. */
function addOutline(out: PDFDocument, bookmarks: readonly Bookmark[]): void {
  if (bookmarks.length === 0) return
  const context = out.context
  const root = context.nextRef()
  const refs = bookmarks.map(() => context.nextRef())
  bookmarks.forEach((mark, i) => {
    const dest = context.obj([mark.page.ref, 'XYZ', null, mark.page.getHeight() - mark.top + 4, null])
    const item = context.obj({Title: PDFHexString.fromText(mark.title), Parent: root, Dest: dest})
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!)
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!)
    context.assign(refs[i]!, item)
  })
  context.assign(root, context.obj({Type: 'Outlines', First: refs[0]!, Last: refs.at(-1)!, Count: refs.length}))
  out.catalog.set(PDFName.of('Outlines'), root)
  out.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/**
 * The handout's structure tree: its own text (the bands) tagged where it is
 * drawn, its furniture (header, footer, frames, note lines) marked as
 * artifacts, and each placed slide's structure copied from the deck with its
 * marked content found inside the slide's form XObject (a marked-content
 * reference with `Stm`), so readers get the slides' headings and paragraphs
 * in reading order, as in the slides PDF.
 */
class Tagger {
  private readonly context: PDFContext
  readonly root: PDFRef
  readonly document: PDFRef
  /** The document element's kids, in reading order. */
  private readonly kids: (PDFRef | {readonly deckPage: number; readonly page: PDFPage})[] = []
  /** Per handout page: its next MCID and the element that owns each. */
  private readonly pageContent = new Map<PDFPage, PDFRef[]>()
  /** Per deck page placed: where it went. */
  private readonly placed = new Map<number, {readonly page: PDFPage; readonly form: PDFRef}>()
  private readonly parentTree: [number, PDFArray][] = []
  private nextKey = 0

  constructor(private readonly out: PDFDocument, private readonly lang: string) {
    this.context = out.context
    this.root = this.context.nextRef()
    this.document = this.context.nextRef()
  }

  /** Draw furniture: an `/Artifact` marked-content sequence, outside the structure. */
  artifact(page: PDFPage, draw: () => void): void {
    page.pushOperators(beginMarkedContent('Artifact'))
    draw()
    page.pushOperators(endMarkedContent())
  }

  /** Draw the handout's own text as one structure element of type `tag` (in `lang` when not the handout's). */
  own(page: PDFPage, tag: string, draw: () => void, lang?: string): void {
    const owners = this.pageContent.get(page) ?? []
    this.pageContent.set(page, owners)
    const mcid = owners.length
    const element = this.context.nextRef()
    owners.push(element)
    const dict = this.context.obj({Type: 'StructElem', S: tag, P: this.document, Pg: page.ref, K: mcid})
    if (lang) dict.set(PDFName.of('Lang'), PDFString.of(lang))
    this.context.assign(element, dict)
    this.kids.push(element)
    // The property list inline (`/P <</MCID 0>> BDC`): pdf-lib's operator arguments take no dictionary, but write strings as they are.
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(tag), `<</MCID ${mcid}>>`]))
    draw()
    page.pushOperators(endMarkedContent())
  }

  /** A deck page placed on `page`: its structure goes here in the reading order. */
  slide(page: PDFPage, slide: Slide, deckPage: number): void {
    this.placed.set(deckPage, {page, form: slide.ref})
    this.kids.push({deckPage, page})
  }

  private deckKids = new Map<number, PDFDict[]>()
  private deck: PDFDocument | null = null
  private deckPages: string[] = []

  /** Read the deck's structure: its document element's kids, by the deck page each lies on. */
  copyDeck(deck: PDFDocument, _slides: readonly Slide[]): void {
    this.deck = deck
    this.deckPages = deck.getPages().map((page) => page.ref.toString())
    const rootRef = deck.catalog.get(PDFName.of('StructTreeRoot'))
    if (!rootRef) return
    const root = deck.context.lookup(rootRef, PDFDict)
    const top = this.kidsOf(deck, root)
    // Chromium's tree: one document element, then one element per slide (page).
    const documentElement = top.length === 1 && top[0]!.get(PDFName.of('S'))?.toString() === '/Document' ? top[0]! : null
    const perSlide = documentElement ? this.kidsOf(deck, documentElement) : top
    for (const element of perSlide) {
      const page = this.pageOf(deck, element)
      if (page < 0) continue
      this.deckKids.set(page, [...(this.deckKids.get(page) ?? []), element])
    }
  }

  private kidsOf(deck: PDFDocument, element: PDFDict): PDFDict[] {
    const k = element.get(PDFName.of('K'))
    const list = k instanceof PDFArray ? k.asArray() : k ? [k] : []
    return list.flatMap((item) => {
      const value = item instanceof PDFRef ? deck.context.lookup(item) : item
      return value instanceof PDFDict && !value.get(PDFName.of('Type'))?.toString().match(/^\/(MCR|OBJR)$/) ? [value] : []
    })
  }

  /** The deck page an element's content lies on: its own `Pg`, else its first kid's. */
  private pageOf(deck: PDFDocument, element: PDFDict): number {
    const pg = element.get(PDFName.of('Pg'))
    if (pg) return this.deckPages.indexOf(pg.toString())
    for (const kid of this.kidsOf(deck, element)) {
      const page = this.pageOf(deck, kid)
      if (page >= 0) return page
    }
    return -1
  }

  /** A deck element copied under `parent`: its marked content found in the placed slide's form XObject. */
  private copyElement(element: PDFDict, parent: PDFRef, inherited: number, owners: Map<number, PDFRef[]>): PDFRef {
    const deck = this.deck!
    const ref = this.context.nextRef()
    const pg = element.get(PDFName.of('Pg'))
    const deckPage = pg ? this.deckPages.indexOf(pg.toString()) : inherited
    const where = this.placed.get(deckPage)
    const kids: PDFObject[] = []
    const k = element.get(PDFName.of('K'))
    const list = k instanceof PDFArray ? k.asArray() : k ? [k] : []
    const mark = (mcid: number, page: number) => {
      const at = this.placed.get(page)
      if (!at) return
      const array = owners.get(page) ?? []
      owners.set(page, array)
      array[mcid] = ref
      kids.push(this.context.obj({Type: 'MCR', Pg: at.page.ref, Stm: at.form, MCID: mcid}))
    }
    for (const item of list) {
      const value = item instanceof PDFRef ? deck.context.lookup(item) : item
      if (value instanceof PDFNumber) mark(value.asNumber(), deckPage)
      else if (value instanceof PDFDict) {
        const type = value.get(PDFName.of('Type'))?.toString()
        if (type === '/MCR') {
          const mcrPage = value.get(PDFName.of('Pg'))
          mark((value.get(PDFName.of('MCID')) as PDFNumber).asNumber(), mcrPage ? this.deckPages.indexOf(mcrPage.toString()) : deckPage)
        } else if (type !== '/OBJR') kids.push(this.copyElement(value, ref, deckPage, owners))
      }
    }
    const copy = this.context.obj({Type: 'StructElem', S: element.get(PDFName.of('S'))!, P: parent, K: kids})
    if (where) copy.set(PDFName.of('Pg'), where.page.ref)
    for (const key of ['Lang', 'Alt', 'ActualText', 'E', 'T']) {
      const value = element.get(PDFName.of(key))
      if (value && !(value instanceof PDFRef)) copy.set(PDFName.of(key), value)
    }
    this.context.assign(ref, copy)
    return ref
  }

  /** Write the tree: the document element, the parent tree, the catalog's entries. */
  finish(): void {
    const owners = new Map<number, PDFRef[]>()
    const kids: PDFRef[] = []
    for (const kid of this.kids) {
      if (kid instanceof PDFRef) kids.push(kid)
      else for (const element of this.deckKids.get(kid.deckPage) ?? []) kids.push(this.copyElement(element, this.document, kid.deckPage, owners))
    }
    for (const [page, list] of this.pageContent) {
      const key = this.nextKey++
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(key))
      this.parentTree.push([key, this.context.obj(list)])
    }
    for (const [deckPage, list] of [...owners].sort((a, b) => a[0] - b[0])) {
      const key = this.nextKey++
      const form = this.context.lookup(this.placed.get(deckPage)!.form) as PDFRawStream | PDFStream
      form.dict.set(PDFName.of('StructParents'), PDFNumber.of(key))
      this.parentTree.push([key, this.context.obj(Array.from(list, (owner) => owner ?? null))])
    }
    this.context.assign(this.document, this.context.obj({Type: 'StructElem', S: 'Document', Lang: PDFString.of(this.lang), P: this.root, K: kids}))
    const nums: PDFObject[] = this.parentTree.flatMap(([key, array]) => [PDFNumber.of(key), array])
    this.context.assign(this.root, this.context.obj({Type: 'StructTreeRoot', K: this.document, ParentTree: this.context.obj({Nums: nums}), ParentTreeNextKey: this.nextKey}))
    this.out.catalog.set(PDFName.of('StructTreeRoot'), this.root)
    this.out.catalog.set(PDFName.of('MarkInfo'), this.context.obj({Marked: true}))
  }
}
