import type {PhrasingContent} from 'mdast'
import {format} from '../../select/locales.js'
import type {View, ViewRecommendation} from '../../select/view.js'
import type {RenderOptions} from '../formats.js'

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
  | {readonly text: string; readonly italics?: true; readonly bold?: true}
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
  | {readonly type: 'heading1'; readonly text: string; readonly pageBreakBefore?: true}
  | {readonly type: 'heading2'; readonly text: string}
  | {readonly type: 'recommendation'; readonly number: number; readonly runs: readonly PlanRun[]; readonly pageLabel: string}
  | {
      readonly type: 'table'
      readonly columns: readonly PlanTableColumn[]
      /** One string per column; the header row repeats on every page. */
      readonly rows: readonly (readonly string[])[]
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
  const label = (key: string): string => labels[key] ?? key
  const footnoteNumbers = numberFootnotes(view)
  const runsOf = (nodes: readonly PhrasingContent[]) => phrasingRuns(nodes, footnoteNumbers)
  const blocks: PlanBlock[] = []

  // Cover.
  blocks.push({type: 'paragraph', kind: 'kicker', runs: [{text: labels['publishedBy'] ?? view.source.publisher}]})
  blocks.push({type: 'paragraph', kind: 'title', runs: [{text: view.title}]})
  blocks.push({type: 'paragraph', kind: 'subtitle', runs: [{text: view.subtitle}]})
  if (view.country) {
    blocks.push(coverLine(label('country'), `${view.country.name} (${view.country.subregion})`))
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
    runs: [{text: format(label('sourceLine'), {title: view.source.title, year: view.source.year ?? ''})}],
  })

  // Table of contents: guidelines, then groups.
  const entries: TocEntry[] = []
  const body: PlanBlock[] = []
  const heading1 = (text: string, pageBreakBefore = false) => {
    entries.push({level: 1, text})
    body.push(pageBreakBefore ? {type: 'heading1', text, pageBreakBefore: true} : {type: 'heading1', text})
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
    body.push({type: 'heading2', text: label('assessmentSummary')})
    entries.push({level: 2, text: label('assessmentSummary')})
    body.push({
      type: 'table',
      compact: true,
      columns: [{header: label('status'), width: 55}, {header: label('recommendations'), width: 45}],
      rows: country.summary.map((s) => [s.label, String(s.count)]),
    })
  }

  view.guidelines.forEach((guideline, index) => {
    // The country section already starts the body on a new page.
    heading1(`${guideline.id}. ${guideline.title}`, index === 0 && !view.country)
    body.push({type: 'paragraph', kind: 'caption', runs: [{text: `${label('guideline')} ${guideline.id} · ${count(labels, 'recommendationsCount', guideline.count)}`}]})
    for (const group of guideline.groups) {
      if (group.title) {
        entries.push({level: 2, text: group.title})
        body.push({type: 'heading2', text: group.title})
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
  const sourceNote = (title: string, text: string | null) => {
    if (text) body.push({type: 'paragraph', kind: 'note', runs: [{text: `${title}: `, bold: true}, {text}]})
  }
  sourceNote(label('howToCite'), view.source.citation)
  body.push({type: 'paragraph', kind: 'note', runs: [{text: label('panoramaNote')}]})
  sourceNote(label('preparedBy'), view.source.authors)
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
      description: `${view.subtitle}. ${label('generatedFrom')}: ${view.source.title}${view.source.year ? ` (${view.source.year})` : ''}.`,
      date: options.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    header: view.shortTitle,
    footer: footerParts(label('pageOf')),
    blocks,
    footnotes: view.footnotes
      .filter((f) => footnoteNumbers.has(f.id))
      .map((f) => ({number: footnoteNumbers.get(f.id)!, id: f.id, runs: runsOf(f.children)}))
      .sort((a, b) => a.number - b.number),
  }
}

function coverLine(title: string, text: string): PlanBlock {
  return {type: 'paragraph', kind: 'coverLine', runs: [{text: `${title}: `, bold: true}, {text}]}
}

function count(labels: Readonly<Record<string, string>>, key: string, n: number): string {
  const one = labels[`${key}One`]
  if (n === 1 && one) return one
  return format(labels[key] ?? `{count}`, {count: n})
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
 * Inline mdast to runs. Raw HTML is shown as text; links keep their text
 * only (a brief must not point anywhere); adjacent runs with the same
 * formatting are merged so the plan stays readable.
 */
export function phrasingRuns(nodes: readonly PhrasingContent[], footnotes: ReadonlyMap<string, number>): PlanRun[] {
  const runs: PlanRun[] = []
  const push = (text: string, italics: boolean, bold: boolean) => {
    if (!text) return
    const last = runs.at(-1)
    if (last && 'text' in last && Boolean(last.italics) === italics && Boolean(last.bold) === bold) {
      runs[runs.length - 1] = {...last, text: last.text + text}
      return
    }
    runs.push({text, ...(italics ? {italics: true as const} : {}), ...(bold ? {bold: true as const} : {})})
  }
  const walk = (list: readonly PhrasingContent[], italics: boolean, bold: boolean) => {
    for (const node of list) {
      switch (node.type) {
        case 'text':
        case 'html':
        case 'inlineCode':
          push(node.value, italics, bold)
          break
        case 'emphasis':
          walk(node.children, true, bold)
          break
        case 'strong':
          walk(node.children, italics, true)
          break
        case 'delete':
        case 'link':
        case 'linkReference':
          walk(node.children, italics, bold)
          break
        case 'break':
          push(' ', italics, bold)
          break
        case 'image':
        case 'imageReference':
          push(node.alt ?? '', italics, bold)
          break
        case 'footnoteReference': {
          const number = footnotes.get(node.identifier)
          if (number !== undefined) runs.push({footnote: number})
          break
        }
        default:
          break
      }
    }
  }
  walk(nodes, false, false)
  return runs
}
