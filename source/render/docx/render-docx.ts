import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
  type PageNumberEstimator,
} from 'docx'
import type {Renderer, RenderOptions} from '../formats.js'
import {planDocx, paragraphKinds, type DocxPlan, type PlanBlock, type PlanRun} from './docx-plan.js'
import {docxStyles, palette} from './docx-styles.js'
import {embeddedFonts} from './embedded-fonts.js'
import {fixPackage, fixParts} from '../ooxml-package.js'
import {pageNumbersFor, StaleEstimate} from './page-numbers.js'
import {withSeededRandom} from './seeded-random.js'
import {statusChartPng, statusChartSvgFile} from '../status-chart.js'
import {ooxmlColor, statusColors} from '../design-tokens.js'

/** Page sizes and margins in twips. */
const pages = {
  a4: {width: 11906, height: 16838},
  letter: {width: 12240, height: 15840},
} as const
const margin = 1418 // 2.5 cm

/** Render a brief as a Word document. */
export const renderDocx: Renderer = async (view, options) => docxFromPlan(planDocx(view, options), options)

/** The package's parts before zipping (a private static of docx 9; `Packer.toBuffer` zips them, which `fixPackage` then has to undo). */
const compiler = (Packer as unknown as {compiler?: {compile(file: Document): Map<string, string | Uint8Array>}}).compiler

/** Turn a plan into DOCX bytes: the same plan and options give the same bytes. */
export async function docxFromPlan(plan: DocxPlan, options: Pick<RenderOptions, 'paper'>): Promise<Uint8Array> {
  try {
    return await packed(plan, options, await pageNumbersFor({plan, paper: options.paper}))
  } catch (error) {
    if (!(error instanceof StaleEstimate)) throw error
    return packed(plan, options, await pageNumbersFor({plan, paper: options.paper}, {fresh: true}))
  }
}

async function packed(plan: DocxPlan, options: Pick<RenderOptions, 'paper'>, pageNumbers: PageNumberEstimator): Promise<Uint8Array> {
  // docx draws relationship ids and font obfuscation keys from Math.random while
  // the document is built; a seeded source makes them repeatable.
  const document = withSeededRandom(plan.properties.title, () => buildDocument(plan, options, pageNumbers))
  const date = new Date(plan.properties.date)
  // Zipped once, with the fixes made: the embedded fonts are most of the bytes.
  if (typeof compiler?.compile === 'function') return fixParts(compiler.compile(document), date)
  return fixPackage(await Packer.toBuffer(document), date)
}

function buildDocument(plan: DocxPlan, options: Pick<RenderOptions, 'paper'>, pageNumbers: PageNumberEstimator): Document {
  const page = pages[options.paper]
  const textWidth = page.width - 2 * margin
  return new Document({
    title: plan.properties.title,
    subject: plan.properties.subject,
    keywords: plan.properties.keywords,
    creator: plan.properties.creator,
    lastModifiedBy: plan.properties.lastModifiedBy,
    description: plan.properties.description,
    revision: 1,
    styles: docxStyles(plan.language),
    fonts: embeddedFonts(),
    // Fill the table of contents and "Página X de Y" with page numbers worked
    // out from the embedded fonts, so the document opens complete, with no
    // "update fields?" prompt; Word refreshes them whenever asked.
    pageNumbers,
    footnotes: Object.fromEntries(
      plan.footnotes.map((note) => [note.number, {children: [new Paragraph({style: 'FootnoteText', children: [new TextRun(' '), ...runs(note.runs)]})]}]),
    ),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {size: page, margin: {top: margin, bottom: margin, left: margin, right: margin, header: 709, footer: 709}},
        },
        headers: {
          first: new Header({children: [new Paragraph({})]}),
          default: new Header({children: [new Paragraph({style: 'Header', children: [new TextRun(plan.header)]})]}),
        },
        footers: {
          first: new Footer({children: [new Paragraph({})]}),
          default: new Footer({
            children: [
              new Paragraph({
                style: 'Footer',
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    children: plan.footer.map((part) =>
                      'text' in part ? part.text : part.field === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES,
                    ),
                  }),
                ],
              }),
            ],
          }),
        },
        children: plan.blocks.flatMap((block) => blockToDocx(block, textWidth)),
      },
    ],
  })
}

/** `w:lang` on a run whose text is not in the document's language (the styles carry the document's). */
function langOf(tag: string | undefined | null): {language?: {value: string}} {
  return tag ? {language: {value: tag}} : {}
}

function runs(list: readonly PlanRun[]): ParagraphChild[] {
  return list.map((run) =>
    'footnote' in run
      ? new FootnoteReferenceRun(run.footnote)
      : new TextRun({text: run.text, ...(run.italics ? {italics: true} : {}), ...(run.bold ? {bold: true} : {}), ...langOf(run.lang)}),
  )
}

function blockToDocx(block: PlanBlock, textWidth: number): (Paragraph | Table | TableOfContents)[] {
  switch (block.type) {
    case 'paragraph':
      return [
        new Paragraph({
          style: paragraphKinds[block.kind],
          ...(block.pageBreakBefore ? {pageBreakBefore: true} : {}),
          children: runs(block.runs),
        }),
      ]
    case 'toc':
      return [
        new Paragraph({style: 'TOCHeading', children: [new TextRun(block.title)]}),
        new TableOfContents(block.title, {
          hyperlink: true,
          headingStyleRange: block.levels,
          hideTabAndPageNumbersInWebView: true,
          useAppliedParagraphOutlineLevel: true,
        }),
      ]
    case 'heading1':
      return [
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          ...(block.pageBreakBefore ? {pageBreakBefore: true} : {}),
          children: [new TextRun({text: block.text, ...langOf(block.lang)})],
        }),
      ]
    case 'heading2':
      return [new Paragraph({heading: HeadingLevel.HEADING_2, children: [new TextRun({text: block.text, ...langOf(block.lang)})]})]
    case 'recommendation':
      // The number is text, not Word numbering: a brief keeps the source's numbers (62, 63, …).
      return [
        new Paragraph({
          style: 'Recommendation',
          children: [
            new TextRun({text: `${block.number}.`, style: 'RecommendationNumber'}),
            new TextRun({text: '\t'}),
            ...runs(block.runs),
            new TextRun({text: ' ('}),
            new TextRun({text: block.pageLabel, style: 'PageReference'}),
            new TextRun({text: ').'}),
          ],
          ...(block.status ? {keepNext: true, spacing: {after: 40}} : {}),
        }),
        ...(block.status ? [statusParagraph(block.status)] : []),
      ]
    case 'table':
      return [tableToDocx(block, textWidth)]
    case 'chart': {
      // SVG stays crisp at any zoom; the bitmap is for word processors without SVG support.
      const {svg, width, height} = statusChartSvgFile(block.data, {title: block.title})
      const shown = Math.min(width, Math.round(textWidth / 15))
      return [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(svg, 'utf8'),
              fallback: {type: 'png', data: statusChartPng(block.data)},
              transformation: {width: shown, height: Math.round((height * shown) / width)},
              // One drawing per document: a fixed id keeps the bytes the same from run to run (docx counts ids per process).
              altText: {id: '1', name: block.title, title: block.title, description: block.title},
            }),
          ],
        }),
      ]
    }
  }
}

/** A recommendation's answer under it, as the PDF draws it: the status as a badge in its colours, the note, the evidence link. */
function statusParagraph(status: NonNullable<Extract<PlanBlock, {type: 'recommendation'}>['status']>): Paragraph {
  const colours = statusColors[status.id as keyof typeof statusColors] ?? statusColors.none
  const children: ParagraphChild[] = [
    // No-break spaces pad the badge and keep a two-word status ("Not started") on one line.
    new TextRun({text: `\u00a0${status.label.replace(/ /g, '\u00a0')}\u00a0`, style: 'StatusBadge', color: ooxmlColor(colours.ink), shading: {type: ShadingType.CLEAR, color: 'auto', fill: ooxmlColor(colours.fill)}}),
  ]
  if (status.note) children.push(new TextRun({text: `  ${status.noteLabel}: `, bold: true}), new TextRun({text: status.note}))
  if (status.evidence) {
    children.push(
      new TextRun({text: `  ${status.evidenceLabel}: `, bold: true}),
      new ExternalHyperlink({link: status.evidence, children: [new TextRun({text: breakableUrl(status.evidence), color: palette.accent, underline: {}})]}),
    )
  }
  return new Paragraph({style: 'StatusLine', children})
}

/**
 * A URL as text that wraps only after its separators (a zero-width space after each "/", "?",
 * "&", "=", "#" past the host): Word and LibreOffice otherwise break it anywhere ("evidenci/a/1").
 */
export function breakableUrl(url: string): string {
  const start = url.indexOf('//') + 2
  const host = url.indexOf('/', start)
  if (host < 0) return url
  return url.slice(0, host) + url.slice(host).replace(/([/?&=#])(?=.)/g, '$1\u200b')
}

function tableToDocx(block: Extract<PlanBlock, {type: 'table'}>, textWidth: number): Table {
  const width = block.compact ? Math.round(textWidth * 0.6) : textWidth
  const columnWidths = block.columns.map((c) => Math.round((width * c.width) / 100))
  const border = {style: BorderStyle.SINGLE, size: 4, color: palette.rule}
  const none = {style: BorderStyle.NONE, size: 0, color: 'auto'}
  const cell = (text: string, index: number, heading: boolean, shaded: boolean, own?: {readonly fill: string; readonly color: string} | null) =>
    new TableCell({
      width: {size: columnWidths[index]!, type: WidthType.DXA},
      verticalAlign: VerticalAlignTable.TOP,
      margins: block.dense ? {top: 40, bottom: 40, left: 30, right: 30} : {top: 60, bottom: 60, left: 100, right: 100},
      ...(heading
        ? {shading: {type: ShadingType.CLEAR, color: 'auto', fill: palette.primary}}
        : own
          ? {shading: {type: ShadingType.CLEAR, color: 'auto', fill: ooxmlColor(own.fill)}}
          : shaded
            ? {shading: {type: ShadingType.CLEAR, color: 'auto', fill: palette.tint}}
            : {}),
      // A line break in a cell's text is a new line in it (the matrix: the figure, then the counts behind it).
      children: text.split('\n').map((line, i) => new Paragraph({style: heading ? 'TableHeading' : 'TableText', children: line ? [new TextRun({text: line, ...(own ? {color: ooxmlColor(own.color)} : {}), ...(i === 0 && own !== undefined ? {bold: true} : {}), ...(block.dense ? {size: i === 0 ? 15 : 13} : {})})] : []})),
    })
  return new Table({
    width: {size: width, type: WidthType.DXA},
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: {top: border, bottom: border, left: none, right: none, insideHorizontal: border, insideVertical: none},
    rows: [
      new TableRow({tableHeader: true, cantSplit: true, children: block.columns.map((c, i) => cell(c.header, i, true, false))}),
      ...block.rows.map(
        (row, r) => new TableRow({cantSplit: true, children: row.map((text, i) => cell(text, i, false, r % 2 === 1, block.shades?.[r]?.[i]))}),
      ),
    ],
  })
}
