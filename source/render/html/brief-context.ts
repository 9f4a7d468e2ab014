import {format, type LabelKey} from '../../labels/index.js'
import {escapeHtml, phrasingToHtml} from '../phrasing-html.js'
import {hyphenator} from '../hyphenate.js'
import {tie} from '../ties.js'
import {citationParts} from '../cited.js'
import {rampClass, rampLegend} from '../design-tokens.js'
import {statusChartSvg} from '../status-chart.js'
import type {View, ViewAssessment, ViewGroup, ViewGuideline, ViewMatrixCell, ViewRecommendation} from '../../view/view.js'
import type {Paper} from '../../model/vocabulary.js'

/** How a brief is laid out: on screen (HTML file) or for print (PDF). */
export interface BriefLayout {
  /** Print layout (pages, running header and footer) rather than screen. */
  readonly print: boolean
  readonly paper: Paper
  /** Start each guideline on a new page (long briefs). */
  readonly breakGuidelines: boolean
  /** Printed page of each contents entry by anchor (see `tocAnchors`); absent on screen and in the first print pass. */
  readonly tocPages?: ReadonlyMap<string, number> | undefined
}

/** Paper sizes in millimetres; the cover is a little shorter than the page so it never spills. */
const paperSizes = {a4: {width: 210, height: 297}, letter: {width: 215.9, height: 279.4}} as const satisfies Record<Paper, {width: number; height: number}>

/** The anchor of a guideline section; the PDF's named destinations use it too. */
export function guidelineAnchor(id: string): string {
  return `g-${id}`
}

/** The anchor of a recommendation, the same in every language and edition: links to `…#rec-47` (web edition) keep working across rebuilds. */
export function recommendationAnchor(number: number): string {
  return `rec-${number}`
}

/** Fixed anchors of the sections around the guidelines. */
export const sectionAnchors = {country: 'country', region: 'region', notes: 'notes', cite: 'cite'} as const

/** The anchors the contents lists, in order: their printed pages are measured. */
export function tocAnchors(view: View): string[] {
  return [
    ...(view.country ? [sectionAnchors.country] : []),
    ...(view.region ? [sectionAnchors.region] : []),
    ...view.guidelines.map((g) => guidelineAnchor(g.id)),
    ...(view.footnotes.length > 0 ? [sectionAnchors.notes] : []),
    sectionAnchors.cite,
  ]
}

export interface RecommendationContext extends ViewRecommendation {
  /** The text as HTML, footnote markers linked to the notes, closing period added. */
  readonly html: string
  readonly anchor: string
  readonly assessment?: (ViewAssessment & {readonly statusClass: string}) | undefined
}

export interface GuidelineContext extends Omit<ViewGuideline, 'groups'> {
  readonly anchor: string
  readonly titleHtml: string
  readonly countLabel: string
  readonly groups: (Omit<ViewGroup, 'recommendations'> & {readonly recommendations: RecommendationContext[]})[]
}

/** A label in the brief's language, its placeholders filled. */
type Label = (key: LabelKey, values?: Record<string, string | number>) => string

/** Footnote markers as HTML, and how often each note has been cited so far. */
interface FootnoteRefs {
  readonly footnote: (id: string) => string
  readonly citations: ReadonlyMap<string, number>
}

/**
 * What the brief templates see: the view as it is, plus presentation derived
 * from it (HTML of inline text, anchors, localised counts, table-of-contents
 * pages). No filtering and no look-ups beyond the view happen here.
 */
export function briefContext(view: View, layout: BriefLayout) {
  const label: Label = (key, values = {}) => format(view.labels[key], values)
  const countLabel = (count: number) => (count === 1 ? label('recommendationsCountOne') : label('recommendationsCount', {count}))
  const refs = footnoteRefs(label)
  // Guidelines first: their footnote markers record the citations the notes link back to.
  // Print only: on screen the browser hyphenates (or not) and copied text stays clean.
  const hyphenate = layout.print ? hyphenator(view.textLang) : undefined
  const guidelines = view.guidelines.map((guideline) => guidelineContext(guideline, countLabel, refs.footnote, hyphenate))
  const notes = noteContexts(view, refs.citations, hyphenate)
  const documentTitle = view.kind === 'full' ? view.title : `${view.subtitle} — ${view.title}`
  return {
    ...view,
    documentTitle,
    /** ` lang="…"` on passages of the source text when they are not in the brief's language, else nothing. */
    textLangAttr: view.textLang === view.lang ? '' : ` lang="${escapeHtml(view.textLangTag)}"`,
    guidelines,
    notes,
    hasNotes: notes.length > 0,
    /** The title as the cover sets it: "113 recomendaciones" kept on one line. */
    coverTitle: tie(view.title),
    countLabel: tie(countLabel(view.counts.recommendations)),
    guidelinesCountLabel: tie(view.counts.guidelines === 1 ? label('brief.guidelinesCountOne') : label('brief.guidelinesCount', {count: view.counts.guidelines})),
    /** "Source: ECLAC, <title>, 2025." with the title in its own language. */
    sourceLineHtml: sourceLineHtml(view),
    /** The colophon's citation, the cited title in italics as on the cover. */
    citationHtml: view.source.citation ? citedHtml(view.source.citation, view.source.title) : '',
    /** A translation's statement: the notice, then the original's citation and rights in the original's language. */
    translationHtml: view.translation ? translationHtml(view.translation) : '',
    /** The cover names the subject once: no filter line repeating the country, audience or guideline it already shows. */
    coverFilters: coverFilters(view, label),
    /** The formal name only when it is not the name the kicker already gives ("Brief for Jamaica"). */
    coverCountryName: view.country && view.country.formalName !== view.country.name ? view.country.formalName : null,
    sourceTitleLangAttr: view.source.titleLangTag === view.langTag ? '' : ` lang="${escapeHtml(view.source.titleLangTag)}"`,
    toc: guidelineTocEntries(guidelines, layout),
    ...sectionTocEntries(view, notes.length > 0, layout, label),
    anchors: sectionAnchors,
    ...countryContext(view, label),
    layout: layoutContext(layout),
  }
}

/** Footnote markers linking to the notes; a note may be cited more than once. */
function footnoteRefs(label: Label): FootnoteRefs {
  // The first citation is the one its back-reference returns to.
  const citations = new Map<string, number>()
  const footnote = (id: string) => {
    const seen = (citations.get(id) ?? 0) + 1
    citations.set(id, seen)
    const refId = seen === 1 ? `fnref-${id}` : `fnref-${id}-${seen}`
    return `<sup class="fn-ref"><a href="#fn-${escapeHtml(id)}" id="${escapeHtml(refId)}" aria-label="${escapeHtml(label('brief.noteRef', {id}))}">${escapeHtml(id)}</a></sup>`
  }
  return {footnote, citations}
}

function guidelineContext(guideline: ViewGuideline, countLabel: (count: number) => string, footnote: (id: string) => string, hyphenate: ((text: string) => string) | undefined): GuidelineContext {
  return {
    ...guideline,
    anchor: guidelineAnchor(guideline.id),
    titleHtml: phrasingToHtml(guideline.children),
    countLabel: tie(countLabel(guideline.count)),
    groups: guideline.groups.map((group) => ({
      ...group,
      recommendations: group.recommendations.map((rec): RecommendationContext => ({
        ...rec,
        anchor: recommendationAnchor(rec.number),
        pageLabel: tie(rec.pageLabel),
        html: closeSentence(phrasingToHtml(rec.children, {footnote, hyphenate})),
        assessment: rec.assessment ? {...rec.assessment, statusClass: rec.assessment.status ?? 'none'} : undefined,
      })),
    })),
  }
}

/** The notes, each linking back to its first citation (if it was cited). */
function noteContexts(view: View, citations: ReadonlyMap<string, number>, hyphenate: ((text: string) => string) | undefined) {
  return view.footnotes.map((note) => ({
    ...note,
    anchor: `fn-${note.id}`,
    html: phrasingToHtml(note.children, {hyphenate}),
    backref: citations.has(note.id) ? `#fnref-${note.id}` : null,
  }))
}

function guidelineTocEntries(guidelines: GuidelineContext[], layout: BriefLayout) {
  return guidelines.map((g) => ({
    id: g.id,
    href: `#${g.anchor}`,
    titleHtml: g.titleHtml,
    countLabel: g.countLabel,
    page: layout.tocPages?.get(g.anchor) ?? null,
  }))
}

function sectionTocEntries(view: View, hasNotes: boolean, layout: BriefLayout, label: Label) {
  const section = (anchor: string, title: string) => ({href: `#${anchor}`, title, page: layout.tocPages?.get(anchor) ?? null})
  return {
    /** Contents entries for the sections before and after the guidelines. */
    tocBefore: [
      ...(view.country ? [section(sectionAnchors.country, `${label('brief.countryProfile')}: ${view.country.name}`)] : []),
      ...(view.region ? [section(sectionAnchors.region, `${label('region.heading')}: ${view.region.name}`)] : []),
    ],
    tocAfter: [
      ...(hasNotes ? [section(sectionAnchors.notes, label('footnotes'))] : []),
      section(sectionAnchors.cite, label('howToCite')),
    ],
  }
}

/** What a country brief adds; empty values on other briefs. */
function countryContext(view: View, label: Label) {
  return {
    /** The self-assessment chart (SVG) and its figures as a table, on country briefs. */
    statusChart: view.country && !view.country.awaiting ? statusChartSvg(view.country, {title: label('assessment.chartTitle')}) : null,
    statusTable: view.country
      ? {
          head: view.country.summary.map((s) => ({label: s.label, statusClass: s.status ?? 'none'})),
          rows: view.country.byGuideline.map((g) => ({id: g.id, title: g.title, counts: g.counts})),
          totals: view.country.summary.map((s) => s.count),
        }
      : null,
    asOfLabel: view.country?.asOfLabel ?? null,
    /** Printed on every page of a brief made from a made-up profile (a region brief: from any). */
    illustrativeLabel: view.country?.illustrative || view.region?.illustrative ? label('assessment.illustrative') : null,
    regionMatrix: view.region ? regionMatrix(view.region) : null,
    /** Whether any answering country has two rounds: the list then says what moved for each. */
    regionHasRounds: view.region?.answered.some((c) => c.change !== null) ?? false,
    hasCountryFocus: view.country
      ? view.country.focus.guidelines.length + view.country.focus.audiences.length + view.country.focus.themes.length > 0
      : false,
  }
}

/** The matrix as the template draws it: each cell's ramp colour (the indicator's encoding), its figure and the counts behind it. */
function regionMatrix(region: NonNullable<View['region']>) {
  // A class per ramp step, no inline style.
  const shade = (cell: ViewMatrixCell) => ({...cell, step: rampClass(cell.step)})
  return {
    columns: region.matrix.columns,
    rows: region.matrix.rows.map((row) => ({...row, cells: row.cells.map(shade), total: shade(row.total)})),
    totals: region.byGuideline.map((g) => shade(g.cell)),
    ramp: rampLegend(),
  }
}

/** How far the cover box stops short of the page's foot, in mm. */
const coverGap = 6

function layoutContext(layout: BriefLayout) {
  const paper = paperSizes[layout.paper]
  return {
    print: layout.print,
    paper: layout.paper,
    breakGuidelines: layout.breakGuidelines,
    /** A TOC page number placeholder is as wide as a real one, so pass 2 lays out like pass 1. */
    tocMeasured: layout.tocPages !== undefined,
    pageWidth: `${paper.width}mm`,
    pageHeight: `${paper.height}mm`,
    coverHeight: `${paper.height - coverGap}mm`,
    /** The cover's shadow fills exactly the gap left under it, so nothing spills onto page 2. */
    coverBleed: `${coverGap}mm`,
  }
}

export type BriefContext = ReturnType<typeof briefContext>

/** A citation with its title in italics (`<cite>`); the text as it is when the title is not in it. */
function citedHtml(citation: string, title: string): string {
  const parts = citationParts(citation, title)
  return parts ? `${escapeHtml(parts.before)}<cite>${escapeHtml(parts.title)}</cite>${escapeHtml(parts.after)}` : escapeHtml(citation)
}

function translationHtml(translation: NonNullable<View['translation']>): string {
  const rights = translation.originalRights ? ` ${escapeHtml(translation.originalRights)}` : ''
  return `${escapeHtml(translation.notice)} <span lang="${escapeHtml(translation.citationLangTag)}">${citedHtml(translation.citation, translation.originalTitle)}</span>${rights}`
}

function coverFilters(view: View, label: Label): string[] {
  const shown = [
    ...(view.country ? [`${label('country')}:`] : []),
    ...(view.audience ? [`${label('audience')}:`] : []),
    ...(view.kind === 'guideline' ? [`${label('guideline')}:`] : []),
  ]
  return view.filters.filter((line) => !shown.some((prefix) => line.startsWith(prefix)))
}

function sourceLineHtml(view: View): string {
  const [before = '', after = ''] = view.labels.sourceLine.split('{title}')
  const lang = view.source.titleLangTag === view.langTag ? '' : ` lang="${escapeHtml(view.source.titleLangTag)}"`
  const fill = (text: string) => escapeHtml(format(text, {year: view.source.year ?? ''}))
  return `${fill(before)}<cite${lang}>${escapeHtml(view.source.title)}</cite>${fill(after)}`
}

/** Recommendations are stored without their closing period; print them as sentences. */
function closeSentence(html: string): string {
  // A closing footnote marker follows the period in the source's style ("…sector.²").
  const marker = /(<sup class="fn-ref">(?:(?!<sup).)*<\/sup>)$/.exec(html)
  const body = marker ? html.slice(0, marker.index) : html
  const end = /[.!?…]$/.test(body.trimEnd()) ? body : `${body.trimEnd()}.`
  return marker ? end + marker[1] : end
}
