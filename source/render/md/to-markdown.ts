import type {List, ListItem, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import type {Model} from '../../model/types.js'
import {digitsToSuperscript} from '../../parse/inline.js'
import {format, loadLabels, pageLabel, type LabelKey} from '../../labels/index.js'
import type {Renderer} from '../formats.js'
import {briefContext} from '../html/brief-context.js'
import type {View} from '../../model/view.js'

const processor = unified().use(remarkStringify, {bullet: '-', emphasis: '*', strong: '*', incrementListMarker: true})

interface Numbered {
  readonly number: number
  readonly children: PhrasingContent[]
  readonly pageLabel: string
  /** Written after the page reference (a country brief's assessment). */
  readonly suffix?: string | undefined
}

/** Footnote markers back to superscript digits, as the source writes them. */
function withMarkers(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  return nodes.map((node): PhrasingContent => {
    if (node.type === 'footnoteReference') return {type: 'text', value: digitsToSuperscript(node.identifier)}
    if ('children' in node) return {...node, children: withMarkers(node.children as PhrasingContent[])} as PhrasingContent
    return node
  })
}

/** Recommendations as ordered lists that keep their real numbers (one list per consecutive run). */
function numberedLists(items: readonly Numbered[]): List[] {
  const lists: List[] = []
  let previous = -1
  for (const item of items) {
    const paragraph: Paragraph = {
      type: 'paragraph',
      children: [...withMarkers(item.children), {type: 'text', value: `${item.pageLabel ? ` (${item.pageLabel})` : ''}${item.suffix ?? ''}.`}],
    }
    const listItem: ListItem = {type: 'listItem', spread: false, children: [paragraph]}
    const last = lists.at(-1)
    if (last && item.number === previous + 1) last.children.push(listItem)
    else lists.push({type: 'list', ordered: true, start: item.number, spread: false, children: [listItem]})
    previous = item.number
  }
  return lists
}

const paragraph = (children: PhrasingContent[]): Paragraph => ({type: 'paragraph', children: withMarkers(children)})
const text = (value: string): PhrasingContent => ({type: 'text', value})

/** The whole model back as markdown; parsing the result gives the same model. */
export function modelToMarkdown(model: Model): string {
  const es = loadLabels('es')
  const out: RootContent[] = model.preamble.map((b) => paragraph(b.children))
  const written = new Set<string>()
  for (const g of model.guidelines) {
    out.push({type: 'heading', depth: 2, children: [text(`${g.id}. `), ...withMarkers(g.children)]})
    const recs = model.recommendations.filter((r) => r.guideline === g.id)
    let group: string | null = null
    let run: Numbered[] = []
    const flush = () => {
      out.push(...numberedLists(run))
      run = []
    }
    for (const rec of recs) {
      if (rec.group !== group && rec.group !== null) {
        flush()
        out.push({type: 'heading', depth: 3, children: [text(rec.group)]})
      }
      group = rec.group
      run.push({number: rec.number, children: rec.children, pageLabel: pageLabel(rec.pages, es)})
    }
    flush()
    for (const f of model.footnotes) {
      if (!written.has(f.id) && recs.some((r) => r.footnotes.includes(f.id))) {
        out.push(paragraph([text(`${digitsToSuperscript(f.id)} `), ...f.children]))
        written.add(f.id)
      }
    }
  }
  for (const f of model.footnotes) if (!written.has(f.id)) out.push(paragraph([text(`${digitsToSuperscript(f.id)} `), ...f.children]))
  out.push(...model.colophon.blocks.map((b) => paragraph(b.children)))
  const root: Root = {type: 'root', children: out}
  return processor.stringify(root)
}

/** A brief as markdown: title, guidelines, recommendations with their numbers and pages, notes, citation. */
export function viewToMarkdown(view: View): string {
  // The same derived labels as the HTML brief (counts, source line), so the two carry the same text.
  const context = briefContext(view, {print: false, paper: 'a4', breakGuidelines: false})
  const label = (key: LabelKey) => view.labels[key]
  const out: RootContent[] = [
    {type: 'heading', depth: 1, children: [text(view.title)]},
    {type: 'paragraph', children: [{type: 'emphasis', children: [text(view.subtitle)]}]},
  ]
  if (view.translation) out.push(translationNotice(view.translation))
  if (view.audience) out.push(paragraph([{type: 'strong', children: [text(view.audience.label)]}, text(` — ${view.audience.description}`)]))
  out.push(paragraph([text(`${context.countLabel} · ${context.guidelinesCountLabel}`)]))
  if (view.filters.length) out.push({type: 'paragraph', children: [text(view.filters.join(' · '))]})
  out.push(paragraph([text(`${format(view.labels.sourceLine, {title: view.source.title, year: view.source.year ?? ''})} ${label('panoramaNote')}`)]))
  if (view.country) out.push(...countryMarkdown(view))
  for (const [index, g] of view.guidelines.entries()) {
    out.push({type: 'heading', depth: 2, children: [text(`${g.id}. `), ...withMarkers(g.children)]})
    out.push(paragraph([{type: 'emphasis', children: [text(`${label('guideline')} · ${context.guidelines[index]!.countLabel}`)]}]))
    for (const group of g.groups) {
      if (group.title) out.push({type: 'heading', depth: 3, children: [text(group.title)]})
      out.push(
        ...numberedLists(
          group.recommendations.map((r) => ({
            ...r,
            suffix: r.assessment
              ? ` — ${view.labels['assessment']}: ${r.assessment.statusLabel}${r.assessment.note ? `; ${view.labels['note']}: ${r.assessment.note}` : ''}${r.assessment.evidence ? `; ${view.labels['evidence']}: ${r.assessment.evidence}` : ''}`
              : undefined,
          })),
        ),
      )
    }
  }
  if (view.footnotes.length) {
    out.push({type: 'heading', depth: 2, children: [text(view.labels['footnotes']!)]})
    for (const f of view.footnotes) out.push(paragraph([text(`${digitsToSuperscript(f.id)} `), ...f.children]))
  }
  out.push({type: 'heading', depth: 2, children: [text(label('howToCite'))]})
  if (view.source.citation) out.push(paragraph([text(view.source.citation)]))
  if (view.source.authors) out.push({type: 'heading', depth: 3, children: [text(label('preparedBy'))]}, paragraph([text(view.source.authors)]))
  out.push(paragraph([text(`${label('generatedFrom')}: `), {type: 'emphasis', children: [text(view.source.title)]}, text(`${view.source.year ? ` (${view.source.year})` : ''}. ${label('panoramaNote')}`)]))
  const rights = [view.source.copyright, view.source.symbol].filter(Boolean).join(' · ')
  if (rights) out.push(paragraph([text(rights)]))
  if (view.source.publisher) out.push(paragraph([text(view.source.publisher)]))
  if (view.translation) out.push(translationNotice(view.translation))
  const root: Root = {type: 'root', children: out}
  return processor.stringify(root)
}

/** Markdown has no language tags: the notice is said in words, with the original's citation. */
function translationNotice(translation: NonNullable<View['translation']>): RootContent {
  return {type: 'paragraph', children: [{type: 'strong', children: [text(`${translation.cover}.`)]}, text(` ${translation.notice} ${translation.citation}`)]}
}

/** The country profile section, as the HTML brief has it: facts, focus, context and the status summary. */
function countryMarkdown(view: View): RootContent[] {
  const country = view.country!
  const label = (key: LabelKey) => view.labels[key]
  const out: RootContent[] = []
  if (country.illustrative) out.push(paragraph([{type: 'strong', children: [text(label('assessment.illustrative'))]}]))
  if (country.focusNote) out.push(paragraph([text(country.focusNote)]))
  out.push(
    {type: 'heading', depth: 2, children: [text(`${label('brief.countryProfile')}: ${country.name}`)]},
    {
      type: 'list', ordered: false, spread: false,
      children: [
        [label('subregion'), country.subregion],
        ...(country.language ? [[label('officialLanguage'), country.language]] : []),
      ].map(([key, value]) => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children: [text(`${key}: ${value}`)]}]}) as ListItem),
    },
    {type: 'heading', depth: 3, children: [text(label('focus'))]},
  )
  const focus = (['guidelines', 'audiences', 'themes'] as const).filter((k) => country.focus[k].length > 0)
  if (focus.length === 0) out.push(paragraph([text(label('noFocus'))]))
  else {
    out.push({
      type: 'list', ordered: false, spread: false,
      children: focus.map((k) => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children: [text(`${label(k)}: ${country.focus[k].map((f) => f.label).join('; ')}`)]}]}) as ListItem),
    })
  }
  out.push({type: 'heading', depth: 3, children: [text(label('context'))]}, paragraph([text(country.context || label('noContext'))]))
  const asOf = country.asOf ? ` (${format(label('assessment.asOf'), {date: country.asOf})})` : ''
  out.push({type: 'heading', depth: 3, children: [text(`${label('assessmentSummary')}${asOf}`)]})
  // The chart's title and caption, as the HTML's figure says them (the counts follow as a list).
  out.push(paragraph([{type: 'strong', children: [text(label('assessment.chartTitle'))]}, text(`. ${label('assessment.chartCaption')}`)]))
  // A list, not a table: plain CommonMark has no tables. Its heading row as a line.
  out.push(paragraph([text(`${label('status')} · ${label('recommendations')}`)]))
  out.push({
    type: 'list', ordered: false, spread: false,
    children: country.summary.map((row) => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children: [text(`${row.label}: ${row.count}`)]}]}) as ListItem),
  })
  return out
}

export const renderMarkdown: Renderer = async (view) => new TextEncoder().encode(viewToMarkdown(view))

export const renderJson: Renderer = async (view) => new TextEncoder().encode(`${JSON.stringify(view, null, 2)}\n`)
