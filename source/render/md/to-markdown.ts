import {format} from '../../select/locales.js'
import type {List, ListItem, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import type {Model} from '../../model/types.js'
import {digitsToSuperscript} from '../../parse/inline.js'
import {loadLabels, pageLabel} from '../../select/index.js'
import type {View} from '../../select/view.js'
import type {Renderer} from '../formats.js'

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
  return processor.stringify({type: 'root', children: out} as Root)
}

/** A brief as markdown: title, guidelines, recommendations with their numbers and pages, notes, citation. */
export function viewToMarkdown(view: View): string {
  const out: RootContent[] = [
    {type: 'heading', depth: 1, children: [text(view.title)]},
    {type: 'paragraph', children: [{type: 'emphasis', children: [text(view.subtitle)]}]},
  ]
  if (view.filters.length) out.push({type: 'paragraph', children: [text(view.filters.join(' · '))]})
  const country = view.country
  if (country) {
    if (country.illustrative) out.push({type: 'paragraph', children: [{type: 'strong', children: [text(view.labels['assessment.illustrative']!)]}]})
    if (country.focusNote) out.push({type: 'paragraph', children: [text(country.focusNote)]})
    const asOf = country.asOf ? ` (${format(view.labels['assessment.asOf']!, {date: country.asOf})})` : ''
    out.push({type: 'paragraph', children: [text(`${view.labels['assessmentSummary']}${asOf}: ${country.summary.map((s) => `${s.label} ${s.count}`).join(' · ')}`)]})
  }
  for (const g of view.guidelines) {
    out.push({type: 'heading', depth: 2, children: [text(`${g.id}. `), ...withMarkers(g.children)]})
    for (const group of g.groups) {
      if (group.title) out.push({type: 'heading', depth: 3, children: [text(group.title)]})
      out.push(
        ...numberedLists(
          group.recommendations.map((r) => ({
            ...r,
            suffix: r.assessment ? ` — ${view.labels['assessment']}: ${r.assessment.statusLabel}${r.assessment.note ? ` (${r.assessment.note})` : ''}${r.assessment.evidence ? ` — ${view.labels['evidence']}: ${r.assessment.evidence}` : ''}` : undefined,
          })),
        ),
      )
    }
  }
  if (view.footnotes.length) {
    out.push({type: 'heading', depth: 2, children: [text(view.labels['footnotes']!)]})
    for (const f of view.footnotes) out.push(paragraph([text(`${digitsToSuperscript(f.id)} `), ...f.children]))
  }
  if (view.source.citation) {
    out.push({type: 'heading', depth: 2, children: [text(view.labels['howToCite']!)]}, {type: 'paragraph', children: [text(view.source.citation)]})
  }
  return processor.stringify({type: 'root', children: out} as Root)
}

export const renderMarkdown: Renderer = async (view) => new TextEncoder().encode(viewToMarkdown(view))

export const renderJson: Renderer = async (view) => new TextEncoder().encode(`${JSON.stringify(view, null, 2)}\n`)
