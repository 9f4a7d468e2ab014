import m from 'pptxgenjs'
import {colors as tokenColors, indicatorRamp, ooxmlColor, slideBoxes, statusColors, type ColorName} from '../design-tokens.js'
import {regionGeometry} from '../slides/region-slides.js'
import {fontFamilies} from '../fonts.js'
import {strFromU8, strToU8, unzipSync} from 'fflate'
import {repeatableParts, type PartRewrite} from '../ooxml-package.js'
import {embedFonts} from './embed-fonts.js'
import {fitTitle, unbreakable} from './fit-text.js'
import {statusColour} from '../status-colours.js'
import type {Renderer} from '../formats.js'
import type {View} from '../../view/view.js'
import {
  geometry, layoutBlocks, planSlides,
  type AgendaSlide, type AssessmentSlide, type ClosingSlide, type PlannedRecommendation, type RecommendationsSlide, type Run,
  type RegionAnsweredSlide, type RegionMatrixSlide, type RegionNotStartedSlide,
  type SectionSlide, type Slide, type SlidePlan, type TitleSlide,
} from '../slides/plan.js'

// pptxgenjs ships CommonJS types; under NodeNext the default export is the namespace.
const PptxGenJS = m as unknown as typeof m.default
type Pptx = InstanceType<typeof PptxGenJS>
type PptxSlide = ReturnType<Pptx['addSlide']>
type TextRun = {text: string; options?: m.default.TextPropsOptions}

/** The design tokens' palette, as pptxgenjs writes colours (`Object.fromEntries` forgets the keys, hence the cast). */
const colors = Object.fromEntries(Object.entries(tokenColors).map(([name, hex]) => [name, ooxmlColor(hex)])) as Record<ColorName, string>
const statusInk = (id: keyof typeof statusColors) => ooxmlColor(statusColors[id].ink)
const masters = {title: 'BRIEF_TITLE', content: 'BRIEF_CONTENT', section: 'BRIEF_SECTION'} as const

/** Slide px (1280 × 720) to inches of the 13.33 × 7.5 in widescreen layout, and px type sizes to points. */
const inch = (px: number) => px / 96
const pt = (px: number) => px * 0.75
const box = (x: number, y: number, w: number, h: number) => ({x: inch(x), y: inch(y), w: inch(w), h: inch(h)})
const sans = fontFamilies.sans
const serif = fontFamilies.serif
const footerTop = geometry.height - slideBoxes.footer.height
const padX = slideBoxes.padX
const contentWidth = geometry.contentWidth
/** Where the accent rule under a slide's header runs. */
const headerRule = slideBoxes.header.top + slideBoxes.header.height

/**
 * The deck as an editable PowerPoint file: the same slide plan as the PDF,
 * real text boxes on slide masters, the plan's speaker notes (what each slide
 * does not show: the Panorama's pages, the guideline's aim, audiences, themes,
 * the country's answers).
 */
export const renderPptx: Renderer = async (view, options) => {
  const plan = planSlides(view)
  const pptx = new PptxGenJS()
  // LAYOUT_WIDE is 16:9 at 13.33 × 7.5 in, so 1 px of the HTML slide is exactly 0.75 pt.
  pptx.layout = 'LAYOUT_WIDE'
  pptx.title = view.title
  pptx.subject = view.meta.subject
  pptx.author = view.meta.author
  pptx.company = view.source.publisher
  pptx.revision = '1'
  pptx.theme = {headFontFace: sans, bodyFontFace: sans}
  defineMasters(pptx, plan)
  for (const slide of plan.slides) {
    const drawn = drawSlide(pptx, slide.type, slide, view)
    drawn.addNotes(slide.notes.join('\n\n'))
  }
  // `write` is typed for every output type at once; 'nodebuffer' gives a Buffer.
  // Stored, not deflated: the parts are taken out again at once and zipped with their fixes (repeatableParts),
  // so deflating them here (pptxgenjs's JSZip, in JavaScript) and inflating them again was waste.
  const written = (await pptx.write({outputType: 'nodebuffer', compression: false})) as Uint8Array
  return repeatableParts(embedFonts(renumberCharts(Object.entries(unzipSync(written)))), options.date, deckLanguage(plan.langTag))
}

/** A chart's part and its workbook, as pptxgenjs names them. */
const chartNames = /\b(chart|Microsoft_Excel_Worksheet)(\d+)(\.xml|\.xlsx)\b/g

/**
 * pptxgenjs numbers charts (`chart4.xml`, `Microsoft_Excel_Worksheet4.xlsx`) with a counter of the
 * whole process: renumber them from 1 in each deck, in the paths and in the relationships and content
 * types that name them, so a deck's bytes do not depend on the decks made before it.
 */
function renumberCharts(parts: [string, Uint8Array][]): [string, Uint8Array][] {
  const ids = [...new Set(parts.flatMap(([path]) => [...path.matchAll(chartNames)].map((match) => Number(match[2]))))].sort((a, b) => a - b)
  if (ids.length === 0) return parts
  const renumbered = new Map(ids.map((id, i) => [id, i + 1]))
  const rename = (text: string) => text.replace(chartNames, (_whole, stem: string, id: string, extension: string) => `${stem}${renumbered.get(Number(id)) ?? id}${extension}`)
  // Only relationships and content types name parts; slides and charts point to them by relationship id.
  const names = (path: string) => path.endsWith('.rels') || path === '[Content_Types].xml'
  return parts.map(([path, data]) => [rename(path), names(path) ? strToU8(rename(strFromU8(data))) : data])
}

function defineMasters(pptx: Pptx, plan: SlidePlan): void {
  const footer = [
    {rect: {...box(0, footerTop, geometry.width, slideBoxes.footer.height), fill: {color: colors.tint}, line: {color: colors.paleBlue, width: 0.75}}},
    {text: {text: plan.shortTitle, options: {...box(padX, footerTop, 1000, slideBoxes.footer.height), fontFace: sans, fontSize: pt(20), color: colors.muted, valign: 'middle' as const, margin: 0}}},
    ...(plan.illustrative ? [{text: {text: plan.illustrative, options: {...box(640, footerTop, 460, slideBoxes.footer.height), fontFace: sans, fontSize: pt(20), bold: true, color: statusInk('not-started'), align: 'right' as const, valign: 'middle' as const, margin: 0}}}] : []),
  ]
  const slideNumber = {...box(geometry.width - padX - 100, footerTop, 100, slideBoxes.footer.height), fontFace: sans, fontSize: pt(20), color: colors.navy, bold: true, align: 'right' as const, valign: 'middle' as const, margin: 0}
  pptx.defineSlideMaster({
    title: masters.title,
    background: {color: colors.navy},
    objects: [
      {rect: {...box(0, 0, 20, geometry.height), fill: {color: colors.accent}, line: {color: colors.accent, width: 0}}},
      ...(plan.illustrative ? [{text: {text: plan.illustrative, options: {...box(760, 24, 456, 40), fontFace: sans, fontSize: pt(20), bold: true, color: colors.white, fill: {color: statusInk('not-started')}, align: 'center' as const, valign: 'middle' as const, margin: 0}}}] : []),
    ],
  })
  pptx.defineSlideMaster({title: masters.content, background: {color: colors.white}, objects: footer, slideNumber})
  pptx.defineSlideMaster({
    title: masters.section,
    background: {color: colors.white},
    objects: [{rect: {...box(0, 0, 420, footerTop), fill: {color: colors.navy}, line: {color: colors.navy, width: 0}}}, ...footer],
    slideNumber,
  })
}

/** `lang` for text from the source when it is not in the deck's language (the rest gets the deck's, see `normalizeZip`). */
const sourceLang = (plan: {textLangTag: string | null}): {lang?: string} => (plan.textLangTag ? {lang: plan.textLangTag} : {})

/** Each slide type with its slide. */
type SlideOf = {[S in Slide as S['type']]: S}

/** The drawer for `type` called with a slide of that type (one generic call, so no cast is needed). */
function drawSlide<K extends keyof SlideOf>(pptx: Pptx, type: K, slide: SlideOf[K], view: View): PptxSlide {
  return draw[type](pptx, slide, view)
}

const draw: {[K in keyof SlideOf]: (pptx: Pptx, slide: SlideOf[K], view: View) => PptxSlide} = {
  title(pptx, slide: TitleSlide) {
    const s = pptx.addSlide({masterName: masters.title})
    const paragraph = (text: string, px: number, color: string, after: number, extra: m.default.TextPropsOptions = {}): TextRun =>
      ({text, options: {fontSize: pt(px), color, paraSpaceAfter: pt(after), breakLine: true, ...extra}})
    const kicker = `${slide.publisher}${slide.year ? ` · ${slide.year}` : ''}`
    s.addText([
      paragraph(kicker.toLocaleUpperCase(), 20, colors.accent, 28, {bold: true, charSpacing: 1.4}),
      paragraph(slide.title, 46, colors.white, 28, {bold: true, lineSpacingMultiple: 0.95}),
      paragraph(slide.subtitle, 28, colors.onNavy, 12),
      ...slide.details.map((detail) => paragraph(detail, 20, colors.onNavy, 4)),
      ...(slide.translation ? [paragraph(slide.translation, 20, colors.white, 4, {bold: true})] : []),
    ], {...box(96, 108, 1064, 470), fontFace: sans, valign: 'top', margin: 0, fit: 'shrink'})
    s.addShape(pptx.ShapeType.line, {...box(96, geometry.height - 102, 1064, 0), line: {color: '5A7391', width: 0.75}}) // slides.css: white at 30 % over the navy
    s.addText(slide.overview, {...box(96, geometry.height - 86, 1064, 30), fontFace: sans, fontSize: pt(20), bold: true, color: colors.white, margin: 0, valign: 'middle'})
    return s
  },

  agenda(pptx, slide: AgendaSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    header(pptx, s, slide.heading, slide.continued ? view.labels['continued'] : undefined)
    const metrics = geometry.agenda[slide.size]
    const row = Math.min(96, (geometry.agenda.height + metrics.gap) / Math.max(1, slide.items.length))
    const badge = slideBoxes.badge.height
    slide.items.forEach((item, i) => {
      const y = slideBoxes.list.top + i * row
      s.addText(item.id, {...box(padX, y + (row - badge) / 2 - 7, 72, badge), shape: pptx.ShapeType.roundRect, rectRadius: 0.08, fill: {color: colors.navy}, color: colors.white, bold: true, fontFace: sans, fontSize: pt(22), align: 'center', valign: 'middle', margin: 0})
      s.addText(item.title, {...box(padX + 92, y, contentWidth - 92 - 220, row - metrics.gap), ...sourceLang(planOf(view)), fontFace: sans, fontSize: pt(metrics.font), color: colors.ink, valign: 'middle', margin: 0, fit: 'shrink'})
      s.addText(item.count, {...box(geometry.width - padX - 200, y, 200, row - metrics.gap), fontFace: sans, fontSize: pt(20), color: colors.muted, align: 'right', valign: 'middle', margin: 0})
    })
    return s
  },

  /** The self-assessment as a native (editable) stacked-bar chart, its totals in a table beside it. */
  assessment(pptx, slide: AssessmentSlide) {
    const s = pptx.addSlide({masterName: masters.content})
    s.addText(slide.heading, {...box(padX, slideBoxes.header.top, contentWidth, 60), fontFace: sans, fontSize: pt(36), bold: true, color: colors.navy, margin: 0, valign: 'bottom', fit: 'shrink'})
    rule(pptx, s, 110)
    if (slide.awaiting) {
      // No answer yet: the note, as the slide PDF draws it, instead of a chart of zeros.
      const runs: TextRun[] = [slide.awaiting.title, ...slide.awaiting.text].map((line, i) => ({
        text: line,
        options: {breakLine: true, paraSpaceAfter: pt(14), ...(i === 0 ? {bold: true, color: colors.navy} : {color: colors.ink})},
      }))
      s.addShape(pptx.ShapeType.rect, {...box(padX, 150, 6, 420), fill: {color: colors.accent}, line: {color: colors.accent, width: 0}})
      s.addText(runs, {...box(padX + 6, 150, contentWidth - 6, 420), fontFace: sans, fontSize: pt(27), fill: {color: colors.tint}, valign: 'top', margin: [pt(24), pt(32), pt(24), pt(32)], fit: 'shrink'})
      return s
    }
    s.addText(`${slide.caption}${slide.asOf ? ` ${slide.asOf}.` : ''}${slide.remainingNote ? ` ${slide.remainingNote}` : ''}`, {...box(padX, 122, contentWidth, 30), fontFace: sans, fontSize: pt(20), color: colors.muted, margin: 0, valign: 'top'})
    // Guidelines read top to bottom, as in the brief: a bar chart's category axis runs bottom-up unless reversed.
    const data = slide.summary.map((status, k) => ({name: status.label, labels: slide.byGuideline.map((g) => g.id), values: slide.byGuideline.map((g) => g.counts[k] ?? 0)}))
    s.addChart(pptx.ChartType.bar, data, {
      ...box(padX, 160, 860, footerTop - 176),
      barDir: 'bar',
      barGrouping: 'stacked',
      barGapWidthPct: 40,
      chartColors: slide.summary.map((status) => statusColour(status.status)),
      // pptxgenjs writes the value through, though its types list only 'minMax'.
      catAxisOrientation: 'maxMin' as 'minMax',
      catAxisLabelFontFace: sans,
      catAxisLabelFontSize: 12,
      valAxisLabelFontFace: sans,
      valAxisLabelFontSize: 11,
      showLegend: true,
      legendPos: 'b',
      legendFontFace: sans,
      legendFontSize: 12,
      showValue: false,
      showTitle: false,
    })
    const rows: m.default.TableRow[] = slide.summary.map((status) => [
      {text: status.label, options: {bold: true, color: statusInk(status.status ?? 'none')}},
      {text: String(status.count), options: {align: 'right', bold: true, color: colors.navy}},
    ])
    s.addTable(rows, {...box(956, 176, 260, 40 * rows.length), fontFace: sans, fontSize: pt(20), border: {type: 'solid', pt: 0.75, color: colors.paleBlue}, colW: [inch(190), inch(70)]})
    return s
  },

  /** Who has answered: the count sentence, the answering countries with their latest answer (a table), the others named. */
  'region-answered'(pptx, slide: RegionAnsweredSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    header(pptx, s, slide.heading, slide.continued ? view.labels['continued'] : undefined)
    const g = regionGeometry.answered
    let y = g.top
    s.addText(slide.answeredLabel, {...box(padX, y, contentWidth, g.sentence.height), fontFace: sans, fontSize: pt(g.sentence.font), bold: true, color: colors.navy, margin: 0, valign: 'middle'})
    y += g.sentence.height
    if (slide.answered.length > 0) {
      const cell = (text: string, extra: m.default.TableCellProps = {}): m.default.TableCell => ({text, options: {fontSize: pt(g.row.font), color: colors.ink, valign: 'middle', ...extra}})
      const rows: m.default.TableRow[] = [
        [cell(view.labels['country'], {fontSize: pt(20), bold: true, color: colors.muted}), cell(slide.latestLabel, {fontSize: pt(20), bold: true, color: colors.muted})],
        ...slide.answered.map((row) => [cell(row.name, {bold: true}), cell(row.asOfLabel)]),
      ]
      s.addTable(rows, {...box(padX, y, contentWidth, g.row.height * rows.length), fontFace: sans, rowH: inch(g.row.height), colW: [inch(g.nameWidth), inch(contentWidth - g.nameWidth)], margin: 0, border: {type: 'none'}})
      y += g.row.height * rows.length
    }
    if (slide.notAnswered) {
      y += g.gap
      s.addText(slide.notAnswered, {...box(padX, y, contentWidth, regionGeometry.bottom - y), fontFace: sans, fontSize: pt(g.paragraph.font), color: colors.ink, margin: 0, valign: 'top', fit: 'shrink'})
    }
    return s
  },

  /** The matrix as a native table: each cell filled with its step of the ramp, the indicator over the counts behind it. */
  'region-matrix'(pptx, slide: RegionMatrixSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    header(pptx, s, slide.heading, slide.continued ? view.labels['continued'] : undefined)
    const g = regionGeometry.matrix
    const white = {type: 'solid' as const, pt: 1.5, color: colors.white}
    const head: m.default.TableRow = [
      {text: view.labels['country'], options: {fontSize: pt(20), bold: true, color: colors.muted, valign: 'bottom'}},
      ...slide.columns.map((c): m.default.TableCell => ({text: c.id, options: {fontSize: pt(g.header.font), bold: true, color: colors.navy, align: 'center', valign: 'bottom'}})),
    ]
    const body = slide.rows.map((row): m.default.TableRow => [
      {text: row.name, options: {fontSize: pt(g.nameFont), bold: true, color: row.total ? colors.navy : colors.ink, valign: 'middle'}},
      ...row.cells.map((c): m.default.TableCell => {
        const step = c.step === null ? null : indicatorRamp[c.step]!
        const ink = step ? ooxmlColor(step.on) : colors.ink
        const fill = {color: step ? ooxmlColor(step.fill) : colors.tint}
        if (!c.label) return {text: '', options: {fill}}
        return {
          text: [
            {text: c.label, options: {fontSize: pt(g.value), bold: true, color: ink, breakLine: true}},
            {text: c.detail, options: {fontSize: pt(g.detail), color: ink}},
          ],
          options: {fill, align: 'center', valign: 'middle'},
        }
      }),
    ])
    const rows = [head, ...body]
    s.addTable(rows, {
      ...box(padX, g.top, g.nameWidth + g.columnWidth * slide.columns.length, g.header.height + g.row.height * body.length),
      fontFace: sans, colW: [inch(g.nameWidth), ...slide.columns.map(() => inch(g.columnWidth))], rowH: [inch(g.header.height), ...body.map(() => inch(g.row.height))],
      // A table's cell margins are inches in pptxgenjs (text boxes take points).
      margin: [0, inch(4), 0, inch(4)], border: white,
    })
    s.addText(slide.formula, {...box(padX, regionGeometry.bottom - g.formula.height, contentWidth, g.formula.height), fontFace: sans, fontSize: pt(g.formula.font), color: colors.muted, margin: 0, valign: 'middle', fit: 'shrink'})
    return s
  },

  /** The recommendations most often not started: number badge, how many countries and which, the page in the Panorama. */
  'region-not-started'(pptx, slide: RegionNotStartedSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    header(pptx, s, slide.heading, slide.continued ? view.labels['continued'] : undefined)
    const g = regionGeometry.notStarted
    const textWidth = contentWidth - g.badgeWidth - g.badgeGap
    let y = g.top
    for (const item of slide.items) {
      const lines = Math.max(1, Math.ceil(`${item.countries}   ${item.pageLabel}`.length / Math.floor(textWidth / (g.font * geometry.glyph))))
      const h = Math.max(g.minRow, lines * g.line)
      s.addText(String(item.number), {...box(padX, y, g.badgeWidth, slideBoxes.badge.height), shape: pptx.ShapeType.roundRect, rectRadius: 0.08, fill: {color: colors.navy}, color: colors.white, bold: true, fontFace: sans, fontSize: pt(24), align: 'center', valign: 'middle', margin: 0})
      s.addText([
        {text: item.countries, options: {fontSize: pt(g.font), color: colors.ink}},
        {text: `   ${unbreakable(item.pageLabel)}`, options: {fontSize: pt(geometry.pageRef), bold: true, color: colors.blue}},
      ], {...box(padX + g.badgeWidth + g.badgeGap, y + 4, textWidth, h), fontFace: sans, margin: 0, valign: 'top', fit: 'shrink'})
      y += h + g.gap
    }
    return s
  },

  section(pptx, slide: SectionSlide, view) {
    const text = sourceLang(planOf(view))
    const s = pptx.addSlide({masterName: masters.section})
    const numeral = slide.guideline.length >= 4 ? 150 : 190
    s.addText(slide.guideline, {...box(0, 150, 420, 260), fontFace: serif, fontSize: pt(numeral), bold: true, color: colors.white, align: 'center', valign: 'middle', margin: 0})
    s.addShape(pptx.ShapeType.rect, {...box(165, 430, 90, 10), fill: {color: colors.accent}, line: {color: colors.accent, width: 0}})
    const runs: TextRun[] = [
      {text: `${slide.label} ${slide.guideline}`.toLocaleUpperCase(), options: {fontSize: pt(20), bold: true, color: colors.accentDark, charSpacing: 1.4, paraSpaceAfter: pt(16), breakLine: true}},
      {text: slide.title, options: {...text, fontSize: pt(38), bold: true, color: colors.navy, paraSpaceAfter: pt(22), breakLine: true, lineSpacingMultiple: 0.95}},
      {text: slide.count, options: {fontSize: pt(22), bold: true, color: colors.blue, paraSpaceAfter: pt(26), breakLine: true}},
      ...slide.groups.map((group): TextRun => ({text: group, options: {...text, fontSize: pt(20), color: colors.muted, paraSpaceAfter: pt(10), breakLine: true}})),
    ]
    s.addText(runs, {...box(484, 96, 732, 530), fontFace: sans, valign: 'top', margin: 0, fit: 'shrink'})
    return s
  },

  recommendations(pptx, slide: RecommendationsSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    const continued = slide.continued ? ` (${view.labels['continued'] ?? ''})` : ''
    s.addText(`${slide.heading.toLocaleUpperCase()}${continued}`, {...box(padX, slideBoxes.header.top, contentWidth, 26), fontFace: sans, fontSize: pt(20), bold: true, color: colors.accentDark, charSpacing: 1, margin: 0, valign: 'top'})
    const text = sourceLang(planOf(view))
    const title = fitTitle(slide.title, slideBoxes.header.top + 30, headerRule, contentWidth)
    s.addText(slide.title, {...box(padX, title.top, contentWidth, title.height), ...text, fontFace: sans, fontSize: pt(title.size), lineSpacingMultiple: title.spacing, bold: true, color: colors.navy, margin: 0, valign: 'top', fit: 'shrink'})
    rule(pptx, s, headerRule)
    const metrics = geometry[slide.size]
    const {placed} = layoutBlocks(slide.blocks, slide.size)
    const top = slideBoxes.body.top
    const {width: badgeWidth, height: badgeHeight, gap: badgeGap} = slideBoxes.badge
    for (const {block, top: y, height} of placed) {
      if (block.kind === 'group') {
        s.addText(`${block.title}${block.continued ? ` (${view.labels['continued'] ?? ''})` : ''}`, {...box(padX, top + y, contentWidth, geometry.group.height), ...text, fontFace: sans, fontSize: pt(geometry.group.font), bold: true, color: colors.blue, margin: 0, valign: 'middle'})
        continue
      }
      s.addText(String(block.number), {...box(padX, top + y, badgeWidth, badgeHeight), shape: pptx.ShapeType.roundRect, rectRadius: 0.08, fill: {color: colors.navy}, color: colors.white, bold: true, fontFace: sans, fontSize: pt(24), align: 'center', valign: 'middle', margin: 0})
      s.addText(recommendationRuns(block, metrics.font, text), {
        ...box(padX + badgeWidth + badgeGap, top + y + metrics.padTop, contentWidth - badgeWidth - badgeGap, height - metrics.padTop + 8),
        fontFace: sans, color: colors.ink, valign: 'top', margin: 0, fit: 'shrink', lineSpacingMultiple: 1.05,
      })
    }
    return s
  },

  closing(pptx, slide: ClosingSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    header(pptx, s, slide.heading, slide.continued ? view.labels['continued'] : undefined)
    let y = slideBoxes.list.top
    const label = (text: string) => {
      s.addText(text.toLocaleUpperCase(), {...box(padX, y, contentWidth, 26), fontFace: sans, fontSize: pt(20), bold: true, color: colors.accentDark, charSpacing: 1, margin: 0, valign: 'top'})
      y += 34
    }
    if (slide.citation) {
      label(slide.citeHeading)
      const lines = Math.ceil(slide.citation.length / Math.floor((contentWidth - 54) / (22 * geometry.glyph)))
      const h = lines * 30 + 36
      s.addShape(pptx.ShapeType.rect, {...box(padX, y, 6, h), fill: {color: colors.navy}, line: {color: colors.navy, width: 0}})
      s.addText(slide.citation, {...box(padX + 6, y, contentWidth - 6, h), ...sourceLang(planOf(view)), fill: {color: colors.tint}, fontFace: sans, fontSize: pt(22), color: colors.ink, valign: 'middle', margin: [pt(18), pt(24), pt(18), pt(24)], fit: 'shrink'})
      y += h + 30
    }
    if (slide.translation) {
      label(slide.translation.cover)
      s.addText([
        {text: `${slide.translation.notice} `},
        {text: slide.translation.citation, options: {lang: slide.translation.citationLangTag}},
      ], {...box(padX, y, contentWidth, 130), fontFace: sans, fontSize: pt(20), color: colors.ink, valign: 'top', margin: 0, fit: 'shrink'})
      y += 150
    }
    if (slide.footnotes.length > 0) {
      label(slide.footnotesHeading)
      const runs = slide.footnotes.flatMap((fn): TextRun[] => [
        {text: `${fn.id}  `, options: {bold: true, color: colors.blue}},
        {text: fn.text, options: {...sourceLang(planOf(view)), breakLine: true, paraSpaceAfter: pt(10)}},
      ])
      s.addText(runs, {...box(padX, y, contentWidth, footerTop - 16 - y), fontFace: sans, fontSize: pt(20), color: colors.ink, valign: 'top', margin: 0, fit: 'shrink'})
    }
    return s
  },
}

function header(pptx: Pptx, s: PptxSlide, heading: string, continued: string | undefined): void {
  const runs: TextRun[] = [{text: heading, options: {fontSize: pt(40), bold: true, color: colors.navy}}]
  if (continued) runs.push({text: ` (${continued})`, options: {fontSize: pt(30), color: colors.muted}})
  s.addText(runs, {...box(padX, headerRule - 64, contentWidth, 52), fontFace: sans, margin: 0, valign: 'bottom'})
  rule(pptx, s, headerRule)
}

function rule(pptx: Pptx, s: PptxSlide, y: number): void {
  s.addShape(pptx.ShapeType.line, {...box(padX, y, contentWidth, 0), line: {color: colors.accent, width: pt(slideBoxes.header.rule)}})
}

function recommendationRuns(rec: PlannedRecommendation, font: number, text: {lang?: string}): TextRun[] {
  const runs: TextRun[] = rec.runs.map((run: Run) => ({
    text: run.text,
    options: {...text, fontSize: pt(font), ...(run.em ? {italic: true} : {}), ...(run.strong ? {bold: true} : {}), ...(run.sup ? {superscript: true, bold: true, color: colors.blue} : {})},
  }))
  // The page reference at 15 pt in the secondary blue, as on the PDF slide (slides.css `.rec__page`).
  runs.push({text: `   ${rec.pageLabel}`, options: {fontSize: pt(geometry.pageRef), bold: true, color: colors.blue}})
  if (rec.status) runs.push({text: `   ${unbreakable(`● ${rec.status.label}`)}`, options: {fontSize: pt(geometry.pageRef), bold: true, color: statusInk(rec.status.id)}})
  return runs
}

/** The plan's text language, from the view (the draw functions get the view, not the plan). */
function planOf(view: View): {textLangTag: string | null} {
  return {textLangTag: view.textLang === view.lang ? null : view.textLangTag}
}

/**
 * pptxgenjs writes `lang="en-US"` on every run, paragraph end, note and slide
 * number it was given no language for: those are the deck's own text, so they
 * get the deck's language (runs of source text in another language were given theirs).
 */
function deckLanguage(langTag: string): (path: string) => PartRewrite | undefined {
  const retag: PartRewrite = (xml) => xml.replace(/ altLang="en-US"/g, '').replace(/\blang="en-US"/g, `lang="${langTag}"`)
  return (path) => (/^ppt\/.*\.xml$/.test(path) ? retag : undefined)
}
