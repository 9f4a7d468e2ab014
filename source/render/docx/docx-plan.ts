import type {PhrasingContent} from 'mdast'
import {tie} from '../ties.js'
import {citationParts} from '../cited.js'
import {inlineRuns} from '../inline-runs.js'
import {countLabel, format, type LabelKey, type Labels} from '../../labels/index.js'
import type {ChartData} from '../status-chart.js'
import type {RenderOptions} from '../formats.js'
import type {View, ViewCountry, ViewMatrixCell, ViewRecommendation, ViewRegion, ViewRegional, ViewTranslation} from '../../view/view.js'
import {indicatorRamp} from '../design-tokens.js'

/**
 * A Word document as plain data: what goes where, in which style, with no
 * `docx` objects in it. Golden tests read this layer; `renderDocx` only
 * turns it into OOXML.
 */
export interface DocxPlan {
  /** BCP 47 tag written on the styles (es-419, en, pt-BR). */
  readonly language: string
  readonly properties: DocxProperties
  /** Running header text. */
  readonly header: string
  /** Footer line with the live page fields in place ("Página {page} de {total}"). */
  readonly footer: readonly FooterPart[]
  readonly blocks: readonly PlanBlock[]
  /** Word footnotes, numbered in order of first reference. */
  readonly footnotes: readonly PlanFootnote[]
}

export interface DocxProperties {
  readonly title: string
  readonly subject: string
  /** Comma-separated, as Word shows them. */
  readonly keywords: string
  readonly creator: string
  readonly lastModifiedBy: string
  readonly description: string
  /** ISO date written as created and modified. */
  readonly date: string
}

export type FooterPart = {readonly text: string} | {readonly field: 'page' | 'total'}

/** Inline content: text (optionally italic or bold) or a Word footnote reference. */
export type PlanRun =
  | {readonly text: string; readonly italics?: true; readonly bold?: true; readonly lang?: string}
  | {readonly footnote: number}

export interface PlanTableColumn {
  readonly header: string
  /** Share of the text width, in percent. */
  readonly width: number
}

/** Paragraph kinds; each maps to one Word style so users can restyle from the Styles pane. */
export const paragraphKinds = {
  kicker: 'Kicker',
  title: 'Title',
  subtitle: 'Subtitle',
  coverLine: 'CoverDetail',
  body: 'Normal',
  caption: 'GuidelineCaption',
  note: 'SourceNote',
} as const
export type ParagraphKind = keyof typeof paragraphKinds

export type PlanBlock =
  | {readonly type: 'paragraph'; readonly kind: ParagraphKind; readonly runs: readonly PlanRun[]; readonly pageBreakBefore?: true}
  | {readonly type: 'toc'; readonly title: string; readonly levels: '1-2'; readonly entries: readonly TocEntry[]}
  | {readonly type: 'heading1'; readonly text: string; readonly pageBreakBefore?: true; readonly lang?: string}
  | {readonly type: 'heading2'; readonly text: string; readonly lang?: string}
  | {
      readonly type: 'recommendation'; readonly number: number; readonly runs: readonly PlanRun[]; readonly pageLabel: string
      /** The country's answer, drawn under the recommendation as the PDF does (badge, note, evidence link); only where there is one. */
      readonly status?: {readonly id: string; readonly label: string; readonly note: string | null; readonly noteLabel: string; readonly evidence: string | null; readonly evidenceLabel: string}
    }
  | {
      /** The self-assessment chart (drawn by the renderer as SVG with a bitmap fallback). */
      readonly type: 'chart'
      readonly title: string
      readonly data: ChartData
    }
  | {
      readonly type: 'table'
      readonly columns: readonly PlanTableColumn[]
      /** One string per column; the header row repeats on every page. */
      readonly rows: readonly (readonly string[])[]
      /** A small summary table, drawn at 60 % of the text width. */
      readonly compact?: true
      /** Per row and column, a cell's own fill and text colour (`#rrggbb`; the region matrix's ramp), else the table's. */
      readonly shades?: readonly (readonly ({readonly fill: string; readonly color: string} | null)[])[]
      /** Many narrow columns (the region matrix): smaller type and cell margins. */
      readonly dense?: true
    }

/** What the table of contents lists; Word rebuilds it from the headings, this is for checks. */
export interface TocEntry {
  readonly level: 1 | 2
  readonly text: string
}

export interface PlanFootnote {
  /** Word's footnote number (1, 2, …). */
  readonly number: number
  /** The source's marker id ("2", "3"). */
  readonly id: string
  readonly runs: readonly PlanRun[]
}

/** What the steps of `planDocx` share: the view, its labels, and how source text is tagged. */
interface PlanContext {
  readonly view: View
  readonly label: (key: LabelKey) => string
  /** The source text's language tag when it is not the document's. */
  readonly textLang: string | undefined
  /** A block or run of source text, tagged with its language where that differs. */
  readonly tagged: <T extends object>(value: T) => T
  readonly runsOf: (nodes: readonly PhrasingContent[]) => PlanRun[]
}

/** The body as it is planned: its blocks, and the headings the table of contents lists. */
interface PlanBody {
  readonly blocks: PlanBlock[]
  readonly entries: TocEntry[]
  heading1(text: string, pageBreakBefore?: boolean, fromSource?: boolean): void
}

/** Plan a Word brief from a view: a pure function, JSON in and JSON out. */
export function planDocx(view: View, options: Pick<RenderOptions, 'date'>): DocxPlan {
  const footnoteNumbers = numberFootnotes(view)
  const context = planContext(view, footnoteNumbers)
  const {label} = context
  const body = planBody(context)
  if (view.country) countryOverview(context, view.country, body)
  if (view.region) regionOverview(context, view.region, body)
  guidelineSections(context, body)
  sourceSection(context, body)
  return {
    language: view.langTag,
    properties: propertiesOf(view, label, options.date),
    // A made-up profile says so in the running header, on every page but the cover (which says it too).
    // Every page after the cover says what the text is: a made-up assessment, an unofficial translation.
    header: [view.shortTitle, ...(view.country?.illustrative || view.region?.illustrative ? [label('assessment.illustrative')] : []), ...(view.translation ? [view.translation.cover] : [])].join(' — '),
    footer: footerParts(label('pageOf')),
    blocks: [...coverBlocks(context), {type: 'toc', title: label('contents'), levels: '1-2', entries: body.entries}, ...body.blocks],
    footnotes: view.footnotes
      .filter((f) => footnoteNumbers.has(f.id))
      .map((f) => ({number: footnoteNumbers.get(f.id)!, id: f.id, runs: context.runsOf(f.children)}))
      .sort((a, b) => a.number - b.number),
  }
}

function planContext(view: View, footnoteNumbers: ReadonlyMap<string, number>): PlanContext {
  // Text from the source carries its own language when it is not the document's (w:lang on the run).
  const textLang = view.textLang === view.lang ? undefined : view.textLangTag
  const tagged = <T extends object>(value: T): T => (textLang ? {...value, lang: textLang} : value)
  return {
    view,
    label: (key) => view.labels[key],
    textLang,
    tagged,
    runsOf: (nodes) => phrasingRuns(nodes, footnoteNumbers).map((run) => ('text' in run ? tagged(run) : run)),
  }
}

/** An empty body; each level-1 heading is listed in the contents as it is added. */
function planBody({tagged}: PlanContext): PlanBody {
  const blocks: PlanBlock[] = []
  const entries: TocEntry[] = []
  return {
    blocks,
    entries,
    heading1(text, pageBreakBefore = false, fromSource = false) {
      entries.push({level: 1, text})
      const block: PlanBlock = pageBreakBefore ? {type: 'heading1', text, pageBreakBefore: true} : {type: 'heading1', text}
      blocks.push(fromSource ? tagged(block) : block)
    },
  }
}

/** The cover: publisher, title, what the brief is about, its size, and where the text comes from. */
function coverBlocks({view, label}: PlanContext): PlanBlock[] {
  const labels = view.labels
  const blocks: PlanBlock[] = []
  // The publisher; on a translation, what it is (never ECLAC's name over a text it did not publish; the notice says who made it).
  blocks.push({type: 'paragraph', kind: 'kicker', runs: [{text: view.translation ? view.translation.cover : view.source.publisher}]})
  blocks.push({type: 'paragraph', kind: 'title', runs: [{text: tie(view.title)}]})
  blocks.push({type: 'paragraph', kind: 'subtitle', runs: [{text: view.subtitle}]})
  if (view.country) {
    // The subtitle already names the country ("Brief for Jamaica"): its formal name only when it differs.
    blocks.push(view.country.formalName !== view.country.name
      ? coverLine(label('country'), `${view.country.formalName} (${view.country.subregion})`)
      : {type: 'paragraph', kind: 'coverLine', runs: [{text: view.country.subregion}]})
    if (view.country.asOfLabel) blocks.push({type: 'paragraph', kind: 'coverLine', runs: [{text: view.country.asOfLabel}]})
    if (view.country.illustrative) blocks.push({type: 'paragraph', kind: 'coverLine', runs: [{text: label('assessment.illustrative'), bold: true}]})
  }
  if (view.region) {
    blocks.push({type: 'paragraph', kind: 'coverLine', runs: [{text: view.region.answeredLabel}]})
    if (view.region.illustrative) blocks.push({type: 'paragraph', kind: 'coverLine', runs: [{text: label('assessment.illustrative'), bold: true}]})
  }
  if (view.audience) blocks.push(coverLine(label('audience'), view.audience.label))
  if (view.filters.length > 0 && view.kind === 'custom') {
    blocks.push(coverLine(label('filters'), view.filters.join('; ')))
  }
  blocks.push({
    type: 'paragraph',
    kind: 'coverLine',
    runs: [{text: tie(`${count(labels, 'recommendationsCount', view.counts.recommendations)} · ${count(labels, 'docx.guidelinesCount', view.counts.guidelines)}`), bold: true}],
  })
  blocks.push({type: 'paragraph', kind: 'coverLine', runs: sourceLineRuns(view)})
  if (view.translation) blocks.push(translationParagraph(view.translation, 'coverLine'))
  return blocks
}

/** "<notice> <citation> <rights of the original>", the citation in the original's language with its title in italics. */
function translationParagraph(translation: ViewTranslation, kind: ParagraphKind): PlanBlock {
  const lang = translation.citationLangTag
  return {
    type: 'paragraph', kind,
    runs: [
      {text: `${translation.notice} `},
      ...citedRuns(translation.citation, translation.originalTitle).map((run) => ({...run, lang})),
      ...(translation.originalRights ? [{text: ` ${translation.originalRights}`}] : []),
    ],
  }
}

/** A citation's runs with the cited title in italics, as the cover sets it. */
function citedRuns(citation: string, title: string): {text: string; italics?: true}[] {
  const parts = citationParts(citation, title)
  if (!parts) return [{text: citation}]
  const runs: {text: string; italics?: true}[] = [{text: parts.before}, {text: parts.title, italics: true}, {text: parts.after}]
  return runs.filter((run) => run.text !== '')
}

/** A country brief's first section: context, focus, and the self-assessment in a table and a chart. */
function countryOverview({label}: PlanContext, country: ViewCountry, body: PlanBody): void {
  body.heading1(label('context'), true)
  body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: country.context.trim() || label('noContext')}]})
  const focus = [...country.focus.guidelines, ...country.focus.audiences, ...country.focus.themes].map((f) => f.label)
  body.blocks.push({
    type: 'paragraph',
    kind: 'body',
    runs: [{text: `${label('focus')}: `, bold: true}, {text: focus.length > 0 ? focus.join('; ') : label('noFocus')}],
  })
  if (country.focusNote) body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: country.focusNote, italics: true}]})
  body.blocks.push({type: 'heading2', text: label('assessmentSummary')})
  body.entries.push({level: 2, text: label('assessmentSummary')})
  if (country.awaiting) {
    // No answers: one short note instead of tables of zeros and an empty chart.
    body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: country.awaiting.title, bold: true}]})
    for (const line of country.awaiting.text) body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: line}]})
    return
  }
  if (country.remainingNote) body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: country.remainingNote, italics: true}]})
  // Round after round: what moved since the previous one.
  if (country.change) body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: country.change.text, bold: true}]})
  body.blocks.push({
    type: 'table',
    compact: true,
    columns: [{header: label('status'), width: 55}, {header: label('recommendations'), width: 45}],
    rows: country.summary.map((s) => [s.label, String(s.count)]),
  })
  body.blocks.push({type: 'paragraph', kind: 'caption', runs: [{text: label('assessment.chartTitle'), bold: true}, {text: ` ${label('assessment.chartCaption')}`}]})
  body.blocks.push({type: 'chart', title: label('assessment.chartTitle'), data: {summary: country.summary, byGuideline: country.byGuideline}})
  body.blocks.push({
    type: 'table',
    columns: [{header: label('guideline'), width: 15}, ...country.summary.map((s) => ({header: s.label, width: 17}))],
    rows: country.byGuideline.map((g) => [g.id, ...g.counts.map(String)]),
  })
}

/** A region brief's first section: who has answered, the matrix of the follow-up indicator, answers by guideline, what is most often not started. */
function regionOverview({label}: PlanContext, region: ViewRegion, body: PlanBody): void {
  body.heading1(`${label('region.heading')}: ${region.name}`, true)
  const paragraph = (text: string, extra: {bold?: true; italics?: true} = {}): PlanBlock => ({type: 'paragraph', kind: 'body', runs: [{text, ...extra}]})
  body.blocks.push(paragraph(region.answeredLabel, {bold: true}))
  if (region.answered.length === 0) {
    body.blocks.push(paragraph(label('region.none')))
    if (region.notAnsweredLabel) body.blocks.push(paragraph(region.notAnsweredLabel))
    return
  }
  const rounds = region.answered.some((c) => c.change !== null)
  body.blocks.push(rounds
    ? {
        type: 'table',
        columns: [{header: label('country'), width: 25}, {header: label('region.latest'), width: 20}, {header: label('region.change'), width: 55}],
        rows: region.answered.map((c) => [c.name, c.asOfLabel ?? '—', c.change?.text ?? '—']),
      }
    : {
        type: 'table', compact: true,
        columns: [{header: label('country'), width: 55}, {header: label('region.latest'), width: 45}],
        rows: region.answered.map((c) => [c.name, c.asOfLabel ?? '—']),
      })
  if (region.notAnsweredLabel) body.blocks.push(paragraph(region.notAnsweredLabel))
  body.blocks.push({type: 'heading2', text: label('region.matrixTitle')})
  body.entries.push({level: 2, text: label('region.matrixTitle')})
  body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: `${region.indicator.name} = `, bold: true}, {text: region.indicator.formula}]})
  body.blocks.push({type: 'paragraph', kind: 'caption', runs: [{text: label('region.matrixCaption')}]})
  const shade = (cell: ViewMatrixCell) => {
    const step = cell.step === null ? null : indicatorRamp[cell.step]!
    return step ? {fill: step.fill, color: step.on} : null
  }
  // Country, then the guidelines and the total: the first column wide enough for "Trinidad and Tobago".
  const rest = region.matrix.columns.length + 1
  const firstWidth = 18
  body.blocks.push({
    type: 'table',
    columns: [{header: label('country'), width: firstWidth}, ...region.matrix.columns.map((c) => ({header: c.id, width: (100 - firstWidth) / rest})), {header: label('region.total'), width: (100 - firstWidth) / rest}],
    rows: region.matrix.rows.map((row) => [row.name, ...[...row.cells, row.total].map((c) => `${c.label.replace(/\s/g, '\u00a0')}\n${c.detail.replace(/ /g, '')}`)]),
    dense: true,
    shades: region.matrix.rows.map((row) => [null, ...[...row.cells, row.total].map(shade)]),
  })
  body.blocks.push({type: 'heading2', text: label('region.byGuideline')})
  body.entries.push({level: 2, text: label('region.byGuideline')})
  body.blocks.push({
    type: 'table',
    columns: [{header: label('guideline'), width: 15}, ...region.summary.map((s) => ({header: s.label, width: 17}))],
    rows: [...region.byGuideline.map((g) => [g.id, ...g.counts.map(String)]), [label('region.total'), ...region.summary.map((s) => String(s.count))]],
  })
  if (region.mostNotStarted.length > 0) {
    body.blocks.push({type: 'heading2', text: label('region.mostNotStarted')})
    body.entries.push({level: 2, text: label('region.mostNotStarted')})
    for (const rec of region.mostNotStarted) {
      body.blocks.push({type: 'paragraph', kind: 'body', runs: [{text: `${rec.number}. `, bold: true}, {text: `${rec.text} (${tie(rec.pageLabel)}) — `}, {text: `${rec.count}: `, bold: true}, {text: rec.countries.join(', ')}]})
    }
  }
}

/** "Implemented 2: Barbados, Jamaica · Not started 1: Trinidad and Tobago · Not yet answered by 10 of 13 countries". */
function regionalRuns(regional: ViewRegional): PlanRun[] {
  const runs: PlanRun[] = []
  for (const s of regional.statuses) {
    if (runs.length > 0) runs.push({text: ' · '})
    runs.push({text: `${s.label} ${s.count}: `, bold: true}, {text: s.countries.join(', ')})
  }
  if (regional.unansweredLabel) runs.push({text: `${runs.length > 0 ? ' · ' : ''}${regional.unansweredLabel}`, italics: true})
  return runs
}

/** One section per guideline: its heading and caption, then its groups' headings and recommendations. */
function guidelineSections({view, label, tagged, runsOf}: PlanContext, body: PlanBody): void {
  view.guidelines.forEach((guideline, index) => {
    // The country section already starts the body on a new page.
    body.heading1(`${guideline.id}. ${guideline.title}`, index === 0 && !view.country, true)
    body.blocks.push({type: 'paragraph', kind: 'caption', runs: [{text: tie(`${label('guideline')} ${guideline.id} · ${count(view.labels, 'recommendationsCount', guideline.count)}`)}]})
    for (const group of guideline.groups) {
      if (group.title) {
        body.entries.push({level: 2, text: group.title})
        body.blocks.push(tagged({type: 'heading2', text: group.title}))
      }
      for (const rec of group.recommendations) {
        body.blocks.push({
          type: 'recommendation', number: rec.number, runs: runsOf(rec.children), pageLabel: tie(rec.pageLabel),
          ...(rec.assessment
            ? {status: {id: rec.assessment.status ?? 'none', label: rec.assessment.statusLabel, note: rec.assessment.note, noteLabel: label('note'), evidence: rec.assessment.evidence, evidenceLabel: label('evidence')}}
            : {}),
        })
        // A region brief: which countries report each status, under the recommendation.
        if (rec.regional) body.blocks.push({type: 'paragraph', kind: 'caption', runs: regionalRuns(rec.regional)})
      }
    }
  })
}

/** Where the text comes from and how to cite it. */
function sourceSection({view, label, tagged}: PlanContext, body: PlanBody): void {
  // On a country brief it starts a page of its own: where the last guideline,
  // with its status lines, ends differs between Word and LibreOffice by a few
  // lines, and the contents' page number must hold in both.
  body.heading1(label('source'), Boolean(view.country))
  const sourceNote = (title: string, text: string | null, fromSource = false) => {
    if (text) body.blocks.push({type: 'paragraph', kind: 'note', runs: [{text: `${title}: `, bold: true}, fromSource ? tagged({text}) : {text}]})
  }
  if (view.translation) body.blocks.push(translationParagraph(view.translation, 'note'))
  if (view.source.citation) {
    body.blocks.push({type: 'paragraph', kind: 'note', runs: [{text: `${label('howToCite')}: `, bold: true}, ...citedRuns(view.source.citation, view.source.title).map(tagged)]})
  }
  body.blocks.push({type: 'paragraph', kind: 'note', runs: [{text: label('panoramaNote')}]})
  sourceNote(label(view.translation ? 'translation.originalAuthors' : 'preparedBy'), view.source.authors, true)
  sourceNote(label('copyright'), [view.source.copyright, view.source.symbol].filter(Boolean).join(' · ') || null)
}

/** The document properties Word shows under File › Info. */
function propertiesOf(view: View, label: (key: LabelKey) => string, date: Date): DocxProperties {
  return {
    title: view.title,
    subject: view.meta.subject,
    keywords: view.meta.keywords.join(', '),
    creator: view.meta.author,
    lastModifiedBy: view.meta.author,
    description: `${view.subtitle}. ${label('generatedFrom')}: ${view.source.title}${view.source.year ? ` (${view.source.year})` : ''}.${view.translation ? ` ${view.translation.notice} ${view.translation.citation}` : ''}`,
    date: date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }
}

/** "Source: ECLAC, <title>, 2025." with the title in its own language. */
function sourceLineRuns(view: View): PlanRun[] {
  const [before = '', after = ''] = view.labels.sourceLine.split('{title}')
  const fill = (text: string) => format(text, {year: view.source.year ?? ''})
  const title: PlanRun = view.source.titleLangTag === view.langTag ? {text: view.source.title} : {text: view.source.title, lang: view.source.titleLangTag}
  return [{text: fill(before)}, title, {text: fill(after)}].filter((run) => run.text !== '')
}

function coverLine(title: string, text: string): PlanBlock {
  return {type: 'paragraph', kind: 'coverLine', runs: [{text: `${title}: `, bold: true}, {text}]}
}

function count(labels: Labels, key: Parameters<typeof countLabel>[1], n: number): string {
  return countLabel(labels, key, n)
}

function recommendationsOf(view: View): ViewRecommendation[] {
  return view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations))
}

/** Word numbers footnotes 1, 2, … in order of reference; the source's ids ("2", "3") map onto that. */
function numberFootnotes(view: View): Map<string, number> {
  const numbers = new Map<string, number>()
  for (const rec of recommendationsOf(view)) {
    for (const id of rec.footnotes) if (!numbers.has(id)) numbers.set(id, numbers.size + 1)
  }
  return numbers
}

/** "Página {page} de {total}" → text and field parts. */
function footerParts(template: string): FooterPart[] {
  const parts: FooterPart[] = []
  for (const piece of template.split(/(\{page\}|\{total\})/)) {
    if (piece === '{page}') parts.push({field: 'page'})
    else if (piece === '{total}') parts.push({field: 'total'})
    else if (piece) parts.push({text: piece})
  }
  return parts
}

/**
 * Inline mdast as Word runs, from the shared inline runs (`inline-runs.ts`);
 * a footnote reference becomes Word's footnote number.
 */
export function phrasingRuns(nodes: readonly PhrasingContent[], footnotes: ReadonlyMap<string, number>): PlanRun[] {
  return inlineRuns(nodes).flatMap((run): PlanRun[] => {
    if ('footnote' in run) {
      const number = footnotes.get(run.footnote)
      return number === undefined ? [] : [{footnote: number}]
    }
    return [{text: run.text, ...(run.em ? {italics: true as const} : {}), ...(run.strong ? {bold: true as const} : {})}]
  })
}
