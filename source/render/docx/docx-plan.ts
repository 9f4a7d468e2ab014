import type {PhrasingContent} from 'mdast'
import {inlineRuns} from '../inline-runs.js'
import {countLabel, format, type LabelKey, type Labels} from '../../labels/index.js'
import type {ChartData} from '../status-chart.js'
import type {RenderOptions} from '../formats.js'
import type {View, ViewRecommendation} from '../../view/view.js'

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
  | {readonly type: 'recommendation'; readonly number: number; readonly runs: readonly PlanRun[]; readonly pageLabel: string}
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
      /** BCP 47 tag of a column whose text is in another language than the document's. */
      readonly columnLangs?: readonly (string | null)[]
      /** A small summary table, drawn at 60 % of the text width. */
      readonly compact?: true
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

/** Plan a Word brief from a view: a pure function, JSON in and JSON out. */
export function planDocx(view: View, options: Pick<RenderOptions, 'date'>): DocxPlan {
  const labels = view.labels
  const label = (key: LabelKey): string => labels[key]
  const footnoteNumbers = numberFootnotes(view)
  // Text from the source carries its own language when it is not the document's (w:lang on the run).
  const textLang = view.textLang === view.lang ? undefined : view.textLangTag
  const tagged = <T extends object>(value: T): T => (textLang ? {...value, lang: textLang} : value)
  const runsOf = (nodes: readonly PhrasingContent[]) => phrasingRuns(nodes, footnoteNumbers).map((run) => ('text' in run ? tagged(run) : run))
  const blocks: PlanBlock[] = []

  // Cover.
  blocks.push({type: 'paragraph', kind: 'kicker', runs: [{text: labels['publishedBy'] ?? view.source.publisher}]})
  blocks.push({type: 'paragraph', kind: 'title', runs: [{text: view.title}]})
  blocks.push({type: 'paragraph', kind: 'subtitle', runs: [{text: view.subtitle}]})
  if (view.country) {
    blocks.push(coverLine(label('country'), `${view.country.formalName} (${view.country.subregion})`))
    if (view.country.asOf) blocks.push({type: 'paragraph', kind: 'coverLine', runs: [{text: format(label('assessment.asOf'), {date: view.country.asOf})}]})
    if (view.country.illustrative) blocks.push({type: 'paragraph', kind: 'coverLine', runs: [{text: label('assessment.illustrative'), bold: true}]})
  }
  if (view.audience) blocks.push(coverLine(label('audience'), view.audience.label))
  if (view.filters.length > 0 && view.kind === 'custom') {
    blocks.push(coverLine(label('filters'), view.filters.join('; ')))
  }
  blocks.push({
    type: 'paragraph',
    kind: 'coverLine',
    runs: [{text: `${count(labels, 'recommendationsCount', view.counts.recommendations)} · ${count(labels, 'docx.guidelinesCount', view.counts.guidelines)}`, bold: true}],
  })
  blocks.push({
    type: 'paragraph',
    kind: 'coverLine',
    runs: sourceLineRuns(view),
  })
  if (view.translation) {
    blocks.push({
      type: 'paragraph', kind: 'coverLine',
      runs: [{text: `${view.translation.cover}. `, bold: true}, {text: `${view.translation.notice} `}, {text: view.translation.citation, lang: view.translation.citationLangTag}],
    })
  }

  // Table of contents: guidelines, then groups.
  const entries: TocEntry[] = []
  const body: PlanBlock[] = []
  const heading1 = (text: string, pageBreakBefore = false, fromSource = false) => {
    entries.push({level: 1, text})
    const block: PlanBlock = pageBreakBefore ? {type: 'heading1', text, pageBreakBefore: true} : {type: 'heading1', text}
    body.push(fromSource ? tagged(block) : block)
  }

  if (view.country) {
    const country = view.country
    heading1(label('context'), true)
    body.push({type: 'paragraph', kind: 'body', runs: [{text: country.context.trim() || label('noContext')}]})
    const focus = [...country.focus.guidelines, ...country.focus.audiences, ...country.focus.themes].map((f) => f.label)
    body.push({
      type: 'paragraph',
      kind: 'body',
      runs: [{text: `${label('focus')}: `, bold: true}, {text: focus.length > 0 ? focus.join('; ') : label('noFocus')}],
    })
    if (country.focusNote) body.push({type: 'paragraph', kind: 'body', runs: [{text: country.focusNote, italics: true}]})
    body.push({type: 'heading2', text: label('assessmentSummary')})
    entries.push({level: 2, text: label('assessmentSummary')})
    body.push({
      type: 'table',
      compact: true,
      columns: [{header: label('status'), width: 55}, {header: label('recommendations'), width: 45}],
      rows: country.summary.map((s) => [s.label, String(s.count)]),
    })
    body.push({type: 'paragraph', kind: 'caption', runs: [{text: label('assessment.chartTitle'), bold: true}, {text: ` ${label('assessment.chartCaption')}`}]})
    body.push({type: 'chart', title: label('assessment.chartTitle'), data: {summary: country.summary, byGuideline: country.byGuideline}})
    body.push({
      type: 'table',
      columns: [{header: label('guideline'), width: 15}, ...country.summary.map((s) => ({header: s.label, width: 17}))],
      rows: country.byGuideline.map((g) => [g.id, ...g.counts.map(String)]),
    })
  }

  view.guidelines.forEach((guideline, index) => {
    // The country section already starts the body on a new page.
    heading1(`${guideline.id}. ${guideline.title}`, index === 0 && !view.country, true)
    body.push({type: 'paragraph', kind: 'caption', runs: [{text: `${label('guideline')} ${guideline.id} · ${count(labels, 'recommendationsCount', guideline.count)}`}]})
    for (const group of guideline.groups) {
      if (group.title) {
        entries.push({level: 2, text: group.title})
        body.push(tagged({type: 'heading2', text: group.title}))
      }
      for (const rec of group.recommendations) {
        body.push({type: 'recommendation', number: rec.number, runs: runsOf(rec.children), pageLabel: rec.pageLabel})
      }
    }
  })

  if (view.country) {
    heading1(label('assessment'), true)
    body.push({type: 'paragraph', kind: 'body', runs: [{text: label('docx.assessmentIntro')}]})
    body.push({
      type: 'table',
      columns: [
        {header: label('number'), width: 7},
        {header: label('recommendation'), width: 51},
        {header: label('status'), width: 15},
        {header: label('note'), width: 27},
      ],
      ...(textLang ? {columnLangs: [null, textLang, null, null]} : {}),
      rows: recommendationsOf(view).map((rec) => [
        String(rec.number),
        rec.text,
        rec.assessment?.statusLabel ?? label('status.none'),
        [rec.assessment?.note, rec.assessment?.evidence].filter(Boolean).join(' — '),
      ]),
    })
  }

  // Where the text comes from and how to cite it. After the long assessment
  // table it starts a page of its own: where the table ends on its last page
  // differs between Word and LibreOffice by a few lines, and the contents'
  // page number must hold in both.
  heading1(label('source'), Boolean(view.country))
  const sourceNote = (title: string, text: string | null, fromSource = false) => {
    if (text) body.push({type: 'paragraph', kind: 'note', runs: [{text: `${title}: `, bold: true}, fromSource ? tagged({text}) : {text}]})
  }
  if (view.translation) {
    body.push({
      type: 'paragraph', kind: 'note',
      runs: [{text: `${view.translation.cover}. `, bold: true}, {text: `${view.translation.notice} `}, {text: view.translation.citation, lang: view.translation.citationLangTag}],
    })
  }
  sourceNote(label('howToCite'), view.source.citation, true)
  body.push({type: 'paragraph', kind: 'note', runs: [{text: label('panoramaNote')}]})
  sourceNote(label('preparedBy'), view.source.authors, true)
  sourceNote(label('copyright'), [view.source.copyright, view.source.symbol].filter(Boolean).join(' · ') || null)

  blocks.push({type: 'toc', title: label('contents'), levels: '1-2', entries})
  blocks.push(...body)

  return {
    language: view.langTag,
    properties: {
      title: view.title,
      subject: view.meta.subject,
      keywords: view.meta.keywords.join(', '),
      creator: view.meta.author,
      lastModifiedBy: view.meta.author,
      description: `${view.subtitle}. ${label('generatedFrom')}: ${view.source.title}${view.source.year ? ` (${view.source.year})` : ''}.${view.translation ? ` ${view.translation.cover}. ${view.translation.notice} ${view.translation.citation}` : ''}`,
      date: options.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    // A made-up profile says so in the running header, on every page but the cover (which says it too).
    header: view.country?.illustrative ? `${view.shortTitle} — ${label('assessment.illustrative')}` : view.shortTitle,
    footer: footerParts(label('pageOf')),
    blocks,
    footnotes: view.footnotes
      .filter((f) => footnoteNumbers.has(f.id))
      .map((f) => ({number: footnoteNumbers.get(f.id)!, id: f.id, runs: runsOf(f.children)}))
      .sort((a, b) => a.number - b.number),
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
