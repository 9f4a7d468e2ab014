import type {ListItem, PhrasingContent, Root, RootContent} from 'mdast'
import {digitsToSuperscript} from '../../parse/inline.js'
import {numberedLists, paragraph, stringifyMarkdown, text, withMarkers} from '../../parse/markdown-blocks.js'
import {format, type LabelKey} from '../../labels/index.js'
import type {Renderer} from '../formats.js'
import {briefContext} from '../html/brief-context.js'
import {citationParts} from '../cited.js'
import type {View} from '../../view/view.js'

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
  if (view.region) out.push(...regionMarkdown(view.region, label))
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
              : r.regional ? regionalSuffix(r.regional) : undefined,
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
  if (view.source.citation) out.push(paragraph(cited(view.source.citation, view.source.title)))
  if (view.source.authors) out.push({type: 'heading', depth: 3, children: [text(label(view.translation ? 'translation.originalAuthors' : 'preparedBy'))]}, paragraph([text(view.source.authors)]))
  out.push(paragraph([text(`${label('generatedFrom')}: `), {type: 'emphasis', children: [text(view.source.title)]}, text(`${view.source.year ? ` (${view.source.year})` : ''}. ${label('panoramaNote')}`)]))
  const rights = [view.source.copyright, view.source.symbol].filter(Boolean).join(' · ')
  if (rights) out.push(paragraph([text(rights)]))
  if (view.source.publisher) out.push(paragraph([text(view.source.publisher)]))
  if (view.translation) out.push(translationNotice(view.translation))
  const root: Root = {type: 'root', children: out}
  return stringifyMarkdown(root)
}

/** Markdown has no language tags: the notice is said in words, with the original's citation. */
function translationNotice(translation: NonNullable<View['translation']>): RootContent {
  return {
    type: 'paragraph',
    children: [
      {type: 'strong', children: [text(`${translation.cover}.`)]}, text(` ${translation.notice} `),
      ...cited(translation.citation, translation.originalTitle),
      ...(translation.originalRights ? [text(` ${translation.originalRights}`)] : []),
    ],
  }
}

/** A citation with its title in italics. */
function cited(citation: string, title: string): PhrasingContent[] {
  const parts = citationParts(citation, title)
  if (!parts) return [text(citation)]
  const nodes: PhrasingContent[] = [text(parts.before), {type: 'emphasis', children: [text(parts.title)]}, text(parts.after)]
  return nodes.filter((node) => node.type !== 'text' || node.value !== '')
}

/** One line of a bulleted list. */
const bullet = (value: string): ListItem => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children: [text(value)]}]})

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
      ].map(([key, value]) => bullet(`${key}: ${value}`)),
    },
    {type: 'heading', depth: 3, children: [text(label('focus'))]},
  )
  const focus = (['guidelines', 'audiences', 'themes'] as const).filter((k) => country.focus[k].length > 0)
  if (focus.length === 0) out.push(paragraph([text(label('noFocus'))]))
  else {
    out.push({
      type: 'list', ordered: false, spread: false,
      children: focus.map((k) => bullet(`${label(k)}: ${country.focus[k].map((f) => f.label).join('; ')}`)),
    })
  }
  out.push({type: 'heading', depth: 3, children: [text(label('context'))]}, paragraph([text(country.context || label('noContext'))]))
  const asOf = country.asOfLabel ? ` (${country.asOfLabel})` : ''
  out.push({type: 'heading', depth: 3, children: [text(`${label('assessmentSummary')}${asOf}`)]})
  if (country.awaiting) {
    // No answers: the note the HTML's box gives, instead of a list of zeros.
    out.push(paragraph([{type: 'strong', children: [text(country.awaiting.title)]}]), ...country.awaiting.text.map((line) => paragraph([text(line)])))
    return out
  }
  if (country.change) out.push(paragraph([text(country.change.text)]))
  if (country.remainingNote) out.push(paragraph([text(country.remainingNote)]))
  // The chart's title and caption, as the HTML's figure says them (the counts follow as a list).
  out.push(paragraph([{type: 'strong', children: [text(label('assessment.chartTitle'))]}, text(`. ${label('assessment.chartCaption')}`)]))
  // A list, not a table: plain CommonMark has no tables. Its heading row as a line.
  out.push(paragraph([text(`${label('status')} · ${label('recommendations')}`)]))
  out.push({
    type: 'list', ordered: false, spread: false,
    children: country.summary.map((row) => bullet(`${row.label}: ${row.count}`)),
  })
  return out
}

/** "— Implemented 2: Barbados, Jamaica; Not started 1: Trinidad and Tobago; not yet answered by 10 of 13 countries". */
function regionalSuffix(regional: NonNullable<View['guidelines'][number]['groups'][number]['recommendations'][number]['regional']>): string {
  const parts = regional.statuses.map((s) => `${s.label} ${s.count}: ${s.countries.join(', ')}`)
  if (regional.unansweredLabel) parts.push(regional.unansweredLabel)
  return ` — ${parts.join('; ')}`
}

/** A region brief's follow-up: who has answered, the indicator per country and guideline as lists (CommonMark has no tables). */
function regionMarkdown(region: NonNullable<View['region']>, label: (key: LabelKey) => string): RootContent[] {
  const out: RootContent[] = [
    {type: 'heading', depth: 2, children: [text(`${label('region.heading')}: ${region.name}`)]},
    paragraph([{type: 'strong', children: [text(region.answeredLabel)]}]),
    ...(region.illustrative ? [paragraph([{type: 'strong', children: [text(label('assessment.illustrative'))]}])] : []),
  ]
  if (region.answered.length > 0) {
    out.push({type: 'list', ordered: false, spread: false, children: region.answered.map((c) => bullet(`${c.name}${c.asOfLabel ? ` — ${label('region.latest')}: ${c.asOfLabel}` : ''}${c.change ? `. ${c.change.text}` : ''}`))})
  } else out.push(paragraph([text(label('region.none'))]))
  if (region.notAnsweredLabel) out.push(paragraph([text(region.notAnsweredLabel)]))
  if (region.answered.length === 0) return out
  out.push(
    {type: 'heading', depth: 3, children: [text(label('region.matrixTitle'))]},
    paragraph([{type: 'strong', children: [text(region.indicator.name)]}, text(` = ${region.indicator.formula}. ${label('region.matrixCaption')}`)]),
    {
      type: 'list', ordered: false, spread: false,
      children: region.matrix.rows.map((row) => bullet(`${row.name}: ${row.cells.map((c, i) => `${region.matrix.columns[i]!.id} ${c.label} (${c.detail})`).join('; ')}; ${label('region.total')} ${row.total.label} (${row.total.detail})`)),
    },
    {type: 'heading', depth: 3, children: [text(label('region.byGuideline'))]},
    paragraph([text(region.summary.map((s) => s.label).join(' · '))]),
    {type: 'list', ordered: false, spread: false, children: region.byGuideline.map((g) => bullet(`${g.id}: ${g.counts.join(' · ')}`))},
  )
  if (region.mostNotStarted.length > 0) {
    out.push(
      {type: 'heading', depth: 3, children: [text(label('region.mostNotStarted'))]},
      {type: 'list', ordered: false, spread: false, children: region.mostNotStarted.map((r) => bullet(`${r.number}. ${r.text} (${r.pageLabel}) — ${r.count}: ${r.countries.join(', ')}`))},
    )
  }
  return out
}

export const renderMarkdown: Renderer = async (view) => new TextEncoder().encode(viewToMarkdown(view))
