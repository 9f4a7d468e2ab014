import JSZip from 'jszip'
import m from 'pptxgenjs'
import type {View} from '../../select/view.js'
import {fontFamilies} from '../fonts.js'
import {statusColour, statusColours} from '../status-colours.js'
import type {Renderer} from '../formats.js'
import {
  geometry, layoutBlocks, planSlides,
  type AgendaSlide, type AssessmentSlide, type ClosingSlide, type PlannedRecommendation, type RecommendationsSlide, type Run,
  type SectionSlide, type Slide, type SlidePlan, type TitleSlide,
} from '../slides/plan.js'

// pptxgenjs ships CommonJS types; under NodeNext the default export is the namespace.
const PptxGenJS = m as unknown as typeof m.default
type Pptx = InstanceType<typeof PptxGenJS>
type PptxSlide = ReturnType<Pptx['addSlide']>
type TextRun = {text: string; options?: m.default.TextPropsOptions}

/** The deck's look, as in templates/slides/slides.css. */
const colors = {
  blue: '1B3A5C', blue2: '2E5A86', blue3: 'DCE6F0', accent: 'E3A22B', accentDark: '9A6510',
  ink: '1E2733', muted: '5B6573', light: 'F2F5F9', paleBlue: 'C9D8E8', white: 'FFFFFF',
} as const
const statusColors: Record<string, string> = {...statusColours, none: colors.muted}
const masters = {title: 'BRIEF_TITLE', content: 'BRIEF_CONTENT', section: 'BRIEF_SECTION'} as const

/** Slide px (1280 × 720) to inches of the 13.33 × 7.5 in widescreen layout, and px type sizes to points. */
const inch = (px: number) => px / 96
const pt = (px: number) => px * 0.75
const box = (x: number, y: number, w: number, h: number) => ({x: inch(x), y: inch(y), w: inch(w), h: inch(h)})
const sans = fontFamilies.sans
const serif = fontFamilies.serif
const footerTop = geometry.height - 44

/**
 * The deck as an editable PowerPoint file: the same slide plan as the PDF,
 * real text boxes on slide masters, speaker notes with each recommendation's
 * full text and page reference.
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
    const drawn = draw[slide.type](pptx, slide as never, view)
    drawn.addNotes(notesOf(slide, view))
  }
  const written = (await pptx.write({outputType: 'nodebuffer', compression: true})) as Uint8Array
  return normalizeZip(written, options.date)
}

function defineMasters(pptx: Pptx, plan: SlidePlan): void {
  const footer = [
    {rect: {...box(0, footerTop, geometry.width, 44), fill: {color: colors.light}, line: {color: colors.blue3, width: 0.75}}},
    {text: {text: plan.shortTitle, options: {...box(64, footerTop, plan.illustrative ? 560 : 1000, 44), fontFace: sans, fontSize: pt(16), color: colors.muted, valign: 'middle' as const, margin: 0}}},
    ...(plan.illustrative ? [{text: {text: plan.illustrative, options: {...box(640, footerTop, 460, 44), fontFace: sans, fontSize: pt(16), bold: true, color: statusColours['not-started'], align: 'right' as const, valign: 'middle' as const, margin: 0}}}] : []),
  ]
  const slideNumber = {...box(1280 - 64 - 100, footerTop, 100, 44), fontFace: sans, fontSize: pt(16), color: colors.blue, bold: true, align: 'right' as const, valign: 'middle' as const, margin: 0}
  pptx.defineSlideMaster({
    title: masters.title,
    background: {color: colors.blue},
    objects: [
      {rect: {...box(0, 0, 20, geometry.height), fill: {color: colors.accent}, line: {color: colors.accent, width: 0}}},
      ...(plan.illustrative ? [{text: {text: plan.illustrative, options: {...box(760, 24, 456, 40), fontFace: sans, fontSize: pt(18), bold: true, color: colors.white, fill: {color: statusColours['not-started']}, align: 'center' as const, valign: 'middle' as const, margin: 0}}}] : []),
    ],
  })
  pptx.defineSlideMaster({title: masters.content, background: {color: colors.white}, objects: footer, slideNumber})
  pptx.defineSlideMaster({
    title: masters.section,
    background: {color: colors.white},
    objects: [{rect: {...box(0, 0, 420, footerTop), fill: {color: colors.blue}, line: {color: colors.blue, width: 0}}}, ...footer],
    slideNumber,
  })
}

const draw: {[K in Slide['type']]: (pptx: Pptx, slide: Extract<Slide, {type: K}>, view: View) => PptxSlide} = {
  title(pptx, slide: TitleSlide) {
    const s = pptx.addSlide({masterName: masters.title})
    const paragraph = (text: string, px: number, color: string, after: number, extra: m.default.TextPropsOptions = {}): TextRun =>
      ({text, options: {fontSize: pt(px), color, paraSpaceAfter: pt(after), breakLine: true, ...extra}})
    const kicker = `${slide.publisher}${slide.year ? ` · ${slide.year}` : ''}`
    s.addText([
      paragraph(kicker.toLocaleUpperCase(), 18, colors.accent, 28, {bold: true, charSpacing: 1.4}),
      paragraph(slide.title, 46, colors.white, 28, {bold: true, lineSpacingMultiple: 0.95}),
      paragraph(slide.subtitle, 28, colors.paleBlue, 12),
      ...slide.details.map((detail) => paragraph(detail, 20, colors.paleBlue, 4)),
    ], {...box(96, 108, 1064, 470), fontFace: sans, valign: 'top', margin: 0, fit: 'shrink'})
    s.addShape(pptx.ShapeType.line, {...box(96, geometry.height - 102, 1064, 0), line: {color: '5A7391', width: 0.75}})
    s.addText(slide.overview, {...box(96, geometry.height - 86, 1064, 30), fontFace: sans, fontSize: pt(20), bold: true, color: colors.white, margin: 0, valign: 'middle'})
    return s
  },

  agenda(pptx, slide: AgendaSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    header(pptx, s, slide.heading, slide.continued ? view.labels['continued'] : undefined)
    const row = Math.min(72, 500 / Math.max(1, slide.items.length))
    slide.items.forEach((item, i) => {
      const y = 164 + i * row
      s.addText(item.id, {...box(64, y + (row - 44) / 2 - 7, 72, 44), shape: pptx.ShapeType.roundRect, rectRadius: 0.08, fill: {color: colors.blue}, color: colors.white, bold: true, fontFace: sans, fontSize: pt(22), align: 'center', valign: 'middle', margin: 0})
      s.addText(item.title, {...box(156, y, 1152 - 92 - 220, row - 14), fontFace: sans, fontSize: pt(21), color: colors.ink, valign: 'middle', margin: 0, fit: 'shrink'})
      s.addText(item.count, {...box(1216 - 200, y, 200, row - 14), fontFace: sans, fontSize: pt(18), color: colors.muted, align: 'right', valign: 'middle', margin: 0})
    })
    return s
  },

  /** The self-assessment as a native (editable) stacked-bar chart, its totals in a table beside it. */
  assessment(pptx, slide: AssessmentSlide) {
    const s = pptx.addSlide({masterName: masters.content})
    s.addText(slide.heading, {...box(64, 36, 1152, 60), fontFace: sans, fontSize: pt(36), bold: true, color: colors.blue, margin: 0, valign: 'bottom', fit: 'shrink'})
    rule(pptx, s, 110)
    s.addText(`${slide.caption}${slide.asOf ? ` ${slide.asOf}.` : ''}`, {...box(64, 122, 1152, 30), fontFace: sans, fontSize: pt(18), color: colors.muted, margin: 0, valign: 'top'})
    // Guidelines read top to bottom, as in the brief: a bar chart's category axis runs bottom-up unless reversed.
    const data = slide.summary.map((status, k) => ({name: status.label, labels: slide.byGuideline.map((g) => g.id), values: slide.byGuideline.map((g) => g.counts[k] ?? 0)}))
    s.addChart(pptx.ChartType.bar, data, {
      ...box(64, 160, 860, footerTop - 176),
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
      {text: status.label, options: {bold: true, color: statusColors[status.status ?? 'none'] ?? colors.ink}},
      {text: String(status.count), options: {align: 'right', bold: true, color: colors.blue}},
    ])
    s.addTable(rows, {...box(956, 176, 260, 40 * rows.length), fontFace: sans, fontSize: pt(18), border: {type: 'solid', pt: 0.75, color: colors.blue3}, colW: [inch(190), inch(70)]})
    return s
  },

  section(pptx, slide: SectionSlide) {
    const s = pptx.addSlide({masterName: masters.section})
    const numeral = slide.guideline.length >= 4 ? 150 : 190
    s.addText(slide.guideline, {...box(0, 150, 420, 260), fontFace: serif, fontSize: pt(numeral), bold: true, color: colors.white, align: 'center', valign: 'middle', margin: 0})
    s.addShape(pptx.ShapeType.rect, {...box(165, 430, 90, 10), fill: {color: colors.accent}, line: {color: colors.accent, width: 0}})
    const runs: TextRun[] = [
      {text: `${slide.label} ${slide.guideline}`.toLocaleUpperCase(), options: {fontSize: pt(18), bold: true, color: colors.accentDark, charSpacing: 1.4, paraSpaceAfter: pt(16), breakLine: true}},
      {text: slide.title, options: {fontSize: pt(38), bold: true, color: colors.blue, paraSpaceAfter: pt(22), breakLine: true, lineSpacingMultiple: 0.95}},
      {text: slide.count, options: {fontSize: pt(22), bold: true, color: colors.blue2, paraSpaceAfter: pt(26), breakLine: true}},
      ...slide.groups.map((group): TextRun => ({text: group, options: {fontSize: pt(18), color: colors.muted, paraSpaceAfter: pt(10), breakLine: true}})),
    ]
    s.addText(runs, {...box(484, 96, 732, 530), fontFace: sans, valign: 'top', margin: 0, fit: 'shrink'})
    return s
  },

  recommendations(pptx, slide: RecommendationsSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    const continued = slide.continued ? ` (${view.labels['continued'] ?? ''})` : ''
    s.addText(`${slide.heading.toLocaleUpperCase()}${continued}`, {...box(64, 36, 1152, 22), fontFace: sans, fontSize: pt(16), bold: true, color: colors.accentDark, charSpacing: 1, margin: 0, valign: 'top'})
    s.addText(slide.title, {...box(64, 64, 1152, 66), fontFace: sans, fontSize: pt(26), bold: true, color: colors.blue, margin: 0, valign: 'top', fit: 'shrink'})
    rule(pptx, s, 140)
    const metrics = geometry[slide.size]
    const {placed} = layoutBlocks(slide.blocks, slide.size)
    const top = 162
    for (const {block, top: y, height} of placed) {
      if (block.kind === 'group') {
        s.addText(`${block.title}${block.continued ? ` (${view.labels['continued'] ?? ''})` : ''}`, {...box(64, top + y, 1152, 24), fontFace: sans, fontSize: pt(17), bold: true, color: colors.blue2, margin: 0, valign: 'middle'})
        continue
      }
      s.addText(String(block.number), {...box(64, top + y, 64, 44), shape: pptx.ShapeType.roundRect, rectRadius: 0.08, fill: {color: colors.blue}, color: colors.white, bold: true, fontFace: sans, fontSize: pt(24), align: 'center', valign: 'middle', margin: 0})
      s.addText(recommendationRuns(block, metrics.font), {
        ...box(64 + 88, top + y + metrics.padTop, 1152 - 88, height - metrics.padTop + 8),
        fontFace: sans, color: colors.ink, valign: 'top', margin: 0, fit: 'shrink', lineSpacingMultiple: 1.05,
      })
    }
    return s
  },

  closing(pptx, slide: ClosingSlide, view) {
    const s = pptx.addSlide({masterName: masters.content})
    header(pptx, s, slide.heading, slide.continued ? view.labels['continued'] : undefined)
    let y = 164
    const label = (text: string) => {
      s.addText(text.toLocaleUpperCase(), {...box(64, y, 1152, 24), fontFace: sans, fontSize: pt(18), bold: true, color: colors.accentDark, charSpacing: 1, margin: 0, valign: 'top'})
      y += 34
    }
    if (slide.citation) {
      label(slide.citeHeading)
      const lines = Math.ceil(slide.citation.length / Math.floor((1152 - 54) / (22 * geometry.glyph)))
      const h = lines * 30 + 36
      s.addShape(pptx.ShapeType.rect, {...box(64, y, 6, h), fill: {color: colors.blue}, line: {color: colors.blue, width: 0}})
      s.addText(slide.citation, {...box(70, y, 1146, h), fill: {color: colors.light}, fontFace: sans, fontSize: pt(22), color: colors.ink, valign: 'middle', margin: [pt(18), pt(24), pt(18), pt(24)], fit: 'shrink'})
      y += h + 30
    }
    if (slide.footnotes.length > 0) {
      label(slide.footnotesHeading)
      const runs = slide.footnotes.flatMap((fn): TextRun[] => [
        {text: `${fn.id}  `, options: {bold: true, color: colors.blue2}},
        {text: fn.text, options: {breakLine: true, paraSpaceAfter: pt(10)}},
      ])
      s.addText(runs, {...box(64, y, 1152, footerTop - 16 - y), fontFace: sans, fontSize: pt(18), color: colors.ink, valign: 'top', margin: 0, fit: 'shrink'})
    }
    return s
  },
}

function header(pptx: Pptx, s: PptxSlide, heading: string, continued: string | undefined): void {
  const runs: TextRun[] = [{text: heading, options: {fontSize: pt(40), bold: true, color: colors.blue}}]
  if (continued) runs.push({text: ` (${continued})`, options: {fontSize: pt(30), color: colors.muted}})
  s.addText(runs, {...box(64, 76, 1152, 52), fontFace: sans, margin: 0, valign: 'bottom'})
  rule(pptx, s, 140)
}

function rule(pptx: Pptx, s: PptxSlide, y: number): void {
  s.addShape(pptx.ShapeType.line, {...box(64, y, 1152, 0), line: {color: colors.accent, width: 2.25}})
}

function recommendationRuns(rec: PlannedRecommendation, font: number): TextRun[] {
  const runs: TextRun[] = rec.runs.map((run: Run) => ({
    text: run.text,
    options: {fontSize: pt(font), ...(run.em ? {italic: true} : {}), ...(run.strong ? {bold: true} : {}), ...(run.sup ? {superscript: true, bold: true, color: colors.blue2} : {})},
  }))
  runs.push({text: `   ${rec.pageLabel}`, options: {fontSize: pt(17), color: colors.muted}})
  if (rec.status) runs.push({text: `   ● ${rec.status.label}`, options: {fontSize: pt(16), bold: true, color: statusColors[rec.status.id] ?? colors.muted}})
  return runs
}

/** Speaker notes: the full text and page reference of each recommendation, or the slide's content. */
function notesOf(slide: Slide, view: View): string {
  const labels = view.labels
  switch (slide.type) {
    case 'title':
      return [slide.title, slide.subtitle, ...slide.details, slide.overview].join('\n')
    case 'assessment':
      return [slide.heading, slide.asOf ?? '', ...slide.summary.map((status) => `${status.label}: ${status.count}`)].filter(Boolean).join('\n')
    case 'agenda':
      return slide.items.map((item) => `${item.id}. ${item.title} (${item.count})`).join('\n')
    case 'section':
      return `${slide.label} ${slide.guideline}. ${slide.title} (${slide.count})`
    case 'recommendations':
      return slide.blocks
        .filter((block): block is PlannedRecommendation => block.kind === 'recommendation')
        .map((rec) => {
          const status = rec.status ? ` ${labels['status'] ?? ''}: ${rec.status.label}.${rec.status.note ? ` ${rec.status.note}` : ''}` : ''
          return `${rec.number}. ${rec.text} (${rec.pageLabel}).${status}`
        })
        .join('\n\n')
    case 'closing':
      return [slide.citation ?? '', ...slide.footnotes.map((fn) => `${fn.id}. ${fn.text}`)].filter(Boolean).join('\n')
  }
}

/**
 * pptxgenjs stamps the current time into docProps/core.xml and every zip
 * entry: use `date` instead, so the same inputs give the same bytes.
 */
async function normalizeZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes)
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const core = zip.file('docProps/core.xml')
  if (core) {
    const xml = (await core.async('string')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`)
    zip.file('docProps/core.xml', xml)
  }
  zip.forEach((_, file) => {
    file.date = date
  })
  return zip.generateAsync({type: 'uint8array', compression: 'DEFLATE', compressionOptions: {level: 6}})
}
