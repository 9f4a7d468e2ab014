import type {PhrasingContent} from 'mdast'
import {countLabel as countOf, format, pageLabel, type LabelKey, type Labels} from '../../labels/index.js'
import {slideBoxes} from '../design-tokens.js'
import {inlineRuns} from '../inline-runs.js'
import type {View, ViewGuideline, ViewRecommendation} from '../../view/view.js'
import type {AssessmentStatus} from '../../model/vocabulary.js'
import {regionSlides} from './region-slides.js'

/**
 * The slide plan: decided once from the view, then drawn by the slide PDF,
 * the handout and the PowerPoint file, so all three have the same slides in
 * the same order. Plain data (JSON-serialisable), no markup.
 */
export interface SlidePlan {
  readonly lang: string
  readonly langTag: string
  /** The language of text from the source when it is not the deck's (tag it), else null. */
  readonly textLangTag: string | null
  readonly title: string
  readonly shortTitle: string
  /** "Illustrative example — not an official assessment" on every slide of a made-up profile, else null. */
  readonly illustrative: string | null
  readonly slides: Slide[]
}

/** A piece of inline text with its formatting; footnote markers are `sup` runs. */
export interface Run {
  readonly text: string
  readonly em?: true
  readonly strong?: true
  readonly sup?: true
}

export interface SlideBase {
  /** 1-based position in the deck. */
  readonly index: number
  /**
   * Speaker notes, one paragraph each: what the slide does not show (where in
   * the Panorama, the guideline's aim, audiences and themes, the country's
   * answers), never the slide's own text again.
   */
  readonly notes: string[]
}

export interface TitleSlide extends SlideBase {
  readonly type: 'title'
  readonly title: string
  readonly subtitle: string
  /** Filters, country, audience: one line each. */
  readonly details: string[]
  /** "113 recomendaciones · 14 lineamientos". */
  readonly overview: string
  /** "Unofficial translation" when the text is one (the closing slide says the rest). */
  readonly translation: string | null
  readonly publisher: string
  readonly year: number | null
}

export interface AgendaSlide extends SlideBase {
  readonly type: 'agenda'
  readonly heading: string
  readonly continued: boolean
  /** `compact` when a smaller type lets every guideline stand on one slide. */
  readonly size: Size
  readonly items: {readonly id: string; readonly title: string; readonly count: string}[]
}

export interface SectionSlide extends SlideBase {
  readonly type: 'section'
  readonly guideline: string
  /** "Lineamiento" (localised). */
  readonly label: string
  readonly title: string
  readonly count: string
  /** Group headings of the guideline, if it has any. */
  readonly groups: string[]
}

export interface PlannedRecommendation {
  readonly kind: 'recommendation'
  readonly number: number
  readonly text: string
  readonly runs: Run[]
  readonly pageLabel: string
  readonly status?: {readonly id: AssessmentStatus | 'none'; readonly label: string; readonly note: string | null}
}

export interface PlannedGroup {
  readonly kind: 'group'
  readonly title: string
  readonly continued: boolean
}

export interface RecommendationsSlide extends SlideBase {
  readonly type: 'recommendations'
  readonly guideline: string
  /** "Lineamiento VII · Recomendaciones 62 a 66". */
  readonly heading: string
  readonly title: string
  readonly continued: boolean
  /** `compact` only for a single recommendation too long for the normal size. */
  readonly size: 'normal' | 'compact'
  readonly blocks: (PlannedGroup | PlannedRecommendation)[]
}

export interface ClosingSlide extends SlideBase {
  readonly type: 'closing'
  readonly heading: string
  readonly continued: boolean
  readonly citeHeading: string
  readonly citation: string | null
  /** On the first closing slide of a translated deck: the notice and the original's citation. */
  readonly translation: {readonly cover: string; readonly notice: string; readonly citation: string; readonly citationLangTag: string} | null
  readonly footnotesHeading: string
  readonly footnotes: {readonly id: string; readonly text: string}[]
}

/** A country's self-assessment at a glance: the stacked-bar chart and its totals. */
export interface AssessmentSlide extends SlideBase {
  readonly type: 'assessment'
  readonly heading: string
  readonly caption: string
  /** "Autoevaluación al 2026-03-20", or null when nothing is assessed. */
  readonly asOf: string | null
  /** In chart order (the statuses, then "not assessed"), with the brief's totals. */
  readonly summary: {readonly status: AssessmentStatus | null; readonly label: string; readonly count: number}[]
  readonly byGuideline: {readonly id: string; readonly title: string; readonly counts: number[]}[]
  /** No answer yet: the slide says so and how to send one, instead of an empty chart. */
  readonly awaiting: {readonly title: string; readonly text: string[]} | null
  /** Partly answered: how many recommendations have no answer yet, else null. */
  readonly remainingNote: string | null
}

/** A region brief's "who has answered": the count sentence, the answering countries with their latest answer, the others by name. */
export interface RegionAnsweredSlide extends SlideBase {
  readonly type: 'region-answered'
  readonly heading: string
  readonly continued: boolean
  /** "3 of 13 countries have sent a self-assessment". */
  readonly answeredLabel: string
  /** The column heading over the dates ("Latest answer"). */
  readonly latestLabel: string
  readonly answered: {readonly name: string; readonly asOfLabel: string}[]
  /** "Not yet answered: Antigua and Barbuda, …." for the countries of this slide, or null. */
  readonly notAnswered: string | null
}

/** One cell of a matrix slide: the follow-up indicator, the counts behind it, its step on the ramp (null: no value). */
export interface PlannedMatrixCell {
  readonly label: string
  readonly detail: string
  readonly step: number | null
}

/** A region brief's country × guideline matrix, or the part of it (columns, rows) that fits one slide legibly. */
export interface RegionMatrixSlide extends SlideBase {
  readonly type: 'region-matrix'
  readonly heading: string
  readonly continued: boolean
  /** Guideline numerals, and "Total" for the countries' totals. */
  readonly columns: {readonly id: string; readonly title: string}[]
  /** Countries, and the region's total row last. */
  readonly rows: {readonly name: string; readonly total: boolean; readonly cells: PlannedMatrixCell[]}[]
  /** "Follow-up indicator = (implemented + ½ × in progress) ÷ (answered − not applicable)". */
  readonly formula: string
}

/** A region brief's recommendations most often reported as not started: number, page, how many countries and which. */
export interface RegionNotStartedSlide extends SlideBase {
  readonly type: 'region-not-started'
  readonly heading: string
  readonly continued: boolean
  readonly items: {readonly number: number; readonly pageLabel: string; readonly count: number; readonly countries: string}[]
}

export type Slide = TitleSlide | AgendaSlide | AssessmentSlide | RegionAnsweredSlide | RegionMatrixSlide | RegionNotStartedSlide | SectionSlide | RecommendationsSlide | ClosingSlide
export type SlideType = Slide['type']
type Unindexed = Slide extends infer S ? (S extends Slide ? Omit<S, 'index'> : never) : never

/** Width of the slide's content regions (px). */
const contentWidth = slideBoxes.width - 2 * slideBoxes.padX

/**
 * The plan's text budget on the slide boxes of the design tokens, which the
 * slide CSS draws and the PowerPoint file places: a 1280×720 px slide. Sizes
 * are px; 1 px = 0.75 pt in PowerPoint's 13.33 × 7.5 in widescreen layout.
 */
export const geometry = {
  width: slideBoxes.width,
  height: slideBoxes.height,
  padX: slideBoxes.padX,
  contentWidth,
  /** Height the body of a recommendation slide may fill (its box less 12 px kept free for the estimate's error). */
  bodyHeight: slideBoxes.body.height - 12,
  /** Width of the text column of an item: the content width less the number column, and 24 px kept free. */
  textWidth: contentWidth - slideBoxes.badge.width - slideBoxes.badge.gap - 24,
  /**
   * Body text at 27 px = 20.25 pt, the least a projected slide's body may be
   * (issue 22); `compact` keeps the size and only tightens the leading, for a
   * single recommendation too long for the normal spacing.
   */
  normal: {font: 27, line: 1.3, gap: 20, padTop: 3, minItem: 46},
  compact: {font: 27, line: 1.2, gap: 14, padTop: 3, minItem: 46},
  /** Page references and status pills run on after the text at 20 px = 15 pt (≥ 14 pt). */
  pageRef: 20,
  group: {font: 20, height: 28, gap: 8, after: 10},
  /** Assumed average glyph width, as a share of the font size: conservative for Source Sans 3. */
  glyph: 0.46,
  /** Smallest font size (px) any text box of a slide may use: 15 pt projected, and ≥ 6.9 pt on the handout. */
  minFont: 20,
  /** The agenda's list: its box height and the width of a title (1152 px less the numeral and count columns). */
  agenda: {
    height: slideBoxes.list.height,
    titleWidth: 840,
    normal: {font: 27, line: 33, gap: 14, badge: 44},
    compact: {font: 24, line: 29, gap: 10, badge: 44},
  },
  footnoteChars: 900,
} as const

/**
 * How much a slide may say (issue 22: slides that present, not walls of
 * text): at most 3 recommendations and at most 90 words, counting every word
 * the slide shows (header, page references, footer), whichever limit comes
 * first. A recommendation longer than that stands alone on its slide.
 */
export const density = {maxRecommendations: 3, maxWords: 90} as const

/** Words as a reader counts them (and `scripts/publication-figures.mjs`): runs of non-space holding a letter or digit. */
export function wordCount(...texts: readonly (string | null | undefined)[]): number {
  return texts.reduce((n: number, text) => n + (text ? text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0), 0)
}

export type Size = 'normal' | 'compact'

/** Plans by view: a batch's deck, handout and PowerPoint of one brief share one view object. */
const plans = new WeakMap<View, SlidePlan>()

/** Decide the slides for a view (once per view object: views are not changed after `select`). */
export function planSlides(view: View): SlidePlan {
  let plan = plans.get(view)
  if (!plan) plans.set(view, (plan = decideSlides(view)))
  return plan
}

function decideSlides(view: View): SlidePlan {
  const labels = view.labels
  const label = (key: LabelKey) => labels[key]
  const slides: Unindexed[] = []
  const illustrative = view.country?.illustrative || view.region?.illustrative ? label('assessment.illustrative') : null
  /** Every word a content slide's footer shows: the short title, the illustrative mark, the slide number. */
  const footerWords = wordCount(footerTitle(view), illustrative) + 1
  const notes = deckNotes(view)

  slides.push({
    type: 'title',
    title: view.title,
    subtitle: summarySubtitle(view),
    details: view.filters.filter((detail) => !namedIn(detail, view.subtitle)),
    overview: format(label('slides.overview'), {
      recommendations: countLabel(view.counts.recommendations, labels),
      guidelines: view.counts.guidelines === 1 ? label('slides.guidelinesCountOne') : format(label('slides.guidelinesCount'), {count: view.counts.guidelines}),
    }),
    translation: view.translation?.cover ?? null,
    publisher: view.source.publisher,
    year: view.source.year,
    notes: notes.title,
  } satisfies Omit<TitleSlide, 'index'>)

  if (view.region) slides.push(...regionSlides(view, view.region, footerWords))

  if (view.guidelines.length > 1) {
    const items = view.guidelines.map((g) => ({id: g.id, title: g.title, count: countLabel(g.count, labels)}))
    const chrome = wordCount(label('agenda'), `(${label('continued')})`) + footerWords
    const {size, parts} = agendaParts(items, chrome)
    parts.forEach((part, i) =>
      slides.push({
        type: 'agenda', heading: label('agenda'), continued: i > 0, size, items: part,
        notes: part.map((item) => notes.agendaItem(view.guidelines.find((g) => g.id === item.id)!)),
      } satisfies Omit<AgendaSlide, 'index'>),
    )
  }

  if (view.country) {
    const country = view.country
    // No answer yet: the note, its paragraphs on as many slides as the word budget asks (each under the note's title).
    const awaiting = country.awaiting
    const notesParts: (AssessmentSlide['awaiting'])[] = []
    if (awaiting) {
      const chrome = wordCount(label('assessment'), awaiting.title) + footerWords
      let part: string[] = []
      for (const paragraph of awaiting.text) {
        if (part.length > 0 && chrome + wordCount(...part, paragraph) > density.maxWords) {
          notesParts.push({title: awaiting.title, text: part})
          part = []
        }
        part.push(paragraph)
      }
      notesParts.push({title: awaiting.title, text: part})
    } else notesParts.push(null)
    notesParts.forEach((part, i) =>
      slides.push({
        type: 'assessment',
        heading: awaiting ? label('assessment') : label('assessment.chartTitle'),
        caption: awaiting ? '' : label('assessment.chartCaption'),
        asOf: country.asOfLabel,
        summary: country.summary,
        byGuideline: country.byGuideline,
        awaiting: part,
        // With the change since the previous round, when there are two.
        remainingNote: [country.remainingNote, country.change?.text].filter(Boolean).join(' ') || null,
        notes: i === 0 ? notes.assessment : [],
      } satisfies Omit<AssessmentSlide, 'index'>),
    )
  }

  for (const guideline of view.guidelines) {
    slides.push({
      type: 'section',
      guideline: guideline.id,
      label: label('guideline'),
      title: guideline.title,
      count: countLabel(guideline.count, labels),
      groups: guideline.groups.flatMap((g) => (g.title ? [g.title] : [])),
      notes: notes.section(guideline),
    } satisfies Omit<SectionSlide, 'index'>)
    slides.push(...recommendationSlides(view, guideline, footerWords, notes))
  }

  // The closing slides' heading and footer count against the words their notes may take.
  const closingChrome = wordCount(label('closing'), `(${label('continued')})`, label('footnotes')) + footerWords
  // The first closing slide cites the source (a translated deck's holds no footnote at all, see below): its notes get what is left.
  const citationWords = view.translation ? 0 : wordCount(label('howToCite'), view.source.citation)
  const chunks = chunkFootnotes(view.footnotes.map((f) => ({id: f.id, text: f.text})), geometry.footnoteChars, density.maxWords - closingChrome, citationWords)
  const translation = view.translation
    ? {cover: view.translation.cover, notice: view.translation.notice, citation: view.translation.citation, citationLangTag: view.translation.citationLangTag}
    : null
  type Closing = Pick<ClosingSlide, 'citation' | 'translation' | 'footnotes'>
  const closings: Closing[] = []
  if (translation) {
    // A translated deck's notice and the original's citation follow the citation, on a slide of their own when together they are too many words.
    const together = closingChrome + wordCount(label('howToCite'), view.source.citation, translation.cover, translation.notice, translation.citation) <= density.maxWords
    if (together) closings.push({citation: view.source.citation, translation, footnotes: []})
    else closings.push({citation: view.source.citation, translation: null, footnotes: []}, {citation: null, translation, footnotes: []})
    closings.push(...chunks.filter((chunk) => chunk.length > 0).map((footnotes) => ({citation: null, translation: null, footnotes})))
  } else {
    chunks.forEach((footnotes, i) => closings.push({citation: i === 0 ? view.source.citation : null, translation: null, footnotes}))
  }
  closings.forEach((closing, i) =>
    slides.push({
      type: 'closing',
      heading: label('closing'),
      continued: i > 0,
      citeHeading: label('howToCite'),
      ...closing,
      footnotesHeading: label('footnotes'),
      notes: i === 0 ? notes.closing : [],
    } satisfies Omit<ClosingSlide, 'index'>),
  )

  return {
    lang: view.lang,
    langTag: view.langTag,
    textLangTag: view.textLang === view.lang ? null : view.textLangTag,
    title: view.title,
    shortTitle: footerTitle(view),
    illustrative,
    slides: slides.map((slide, i): Slide => ({...slide, index: i + 1})),
  }
}

/**
 * The title slide's subtitle. A summary of one guideline says which one it
 * summarises, by its aim ("Resumen del lineamiento VII: Profundizar la
 * territorialización…"), not only by its numeral.
 */
function summarySubtitle(view: View): string {
  const only = view.guidelines.length === 1 ? view.guidelines[0]! : null
  return view.kind === 'guideline' && only && namedIn(only.id, view.subtitle) ? `${view.subtitle}: ${only.title}` : view.subtitle
}

/**
 * Whether `text` ("Lineamiento: VII", "País: Chile", or a bare value) names
 * nothing `subtitle` does not already name: each of its values stands in the
 * subtitle as a whole word, so the title slide does not say it twice.
 */
function namedIn(text: string, subtitle: string): boolean {
  const colon = text.indexOf(': ')
  const values = (colon >= 0 ? text.slice(colon + 2) : text).split(', ').map((v) => v.trim()).filter(Boolean)
  const fold = (s: string) => s.toLocaleLowerCase().normalize('NFC')
  const words = ` ${fold(subtitle).replace(/[^\p{L}\p{N}]+/gu, ' ')} `
  return values.length > 0 && values.every((value) => words.includes(` ${fold(value).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `))
}

/** The speaker notes of each kind of slide, from the view. */
interface DeckNotes {
  readonly title: string[]
  readonly assessment: string[]
  readonly closing: string[]
  agendaItem(guideline: ViewGuideline): string
  section(guideline: ViewGuideline): string[]
  recommendations(guideline: ViewGuideline, recs: readonly ViewRecommendation[]): string[]
}

function deckNotes(view: View): DeckNotes {
  const labels = view.labels
  const recsOf = (g: ViewGuideline) => g.groups.flatMap((group) => group.recommendations)
  const pagesOf = (recs: readonly ViewRecommendation[]) => pageLabel([...new Set(recs.flatMap((r) => r.pages))].sort((a, b) => a - b), labels)
  const terms = (key: 'audiences' | 'themes', list: readonly {label: string}[]) => (list.length > 0 ? `${labels[key]}: ${list.map((t) => t.label).join(', ')}.` : '')
  const union = (recs: readonly ViewRecommendation[], key: 'audiences' | 'themes') =>
    [...new Map(recs.flatMap((r) => r[key]).map((t) => [t.id, t])).values()]
  const aim = (g: ViewGuideline) => format(labels['slides.notes.aim'], {id: g.id, aim: g.title})
  const country = view.country
  const countryNotes = country ? [country.context, country.focusNote ?? '', country.asOfLabel ? `${country.asOfLabel}.` : ''] : []
  return {
    title: [labels['panoramaNote'], ...countryNotes, view.audience?.description ?? ''].filter(Boolean),
    assessment: country
      ? [country.remainingNote ?? '', ...country.summary.filter((s) => s.count > 0).map((s) => `${s.label}: ${s.count}.`)].filter(Boolean)
      : [],
    closing: [labels['panoramaNote'], view.source.copyright ?? ''].filter(Boolean),
    agendaItem: (g) => `${g.id}. ${format(labels['slides.notes.pages'], {pages: pagesOf(recsOf(g))})}`,
    section: (g) => {
      const recs = recsOf(g)
      return [aim(g), format(labels['slides.notes.pages'], {pages: pagesOf(recs)}), terms('audiences', union(recs, 'audiences')), terms('themes', union(recs, 'themes'))].filter(Boolean)
    },
    recommendations: (g, recs) => [
      aim(g),
      ...recs.map((rec) => {
        const status = rec.assessment
          ? `${labels['status']}: ${rec.assessment.statusLabel}.${rec.assessment.note ? ` ${labels['note']}: ${rec.assessment.note}` : ''}${rec.assessment.evidence ? ` ${labels['evidence']}: ${rec.assessment.evidence}` : ''}`
          : ''
        return [format(labels['slides.notes.recommendation'], {number: rec.number, page: rec.pageLabel}), terms('audiences', rec.audiences), terms('themes', rec.themes), status].filter(Boolean).join(' ')
      }),
    ],
  }
}

interface Item {
  readonly rec: PlannedRecommendation
  readonly source: ViewRecommendation
  readonly group: string | null
  /** First of its group: a group heading goes before it. */
  readonly opensGroup: boolean
}

function recommendationSlides(view: View, guideline: ViewGuideline, footerWords: number, notes: DeckNotes): Omit<RecommendationsSlide, 'index'>[] {
  const labels = view.labels
  const items: Item[] = guideline.groups.flatMap((group) =>
    group.recommendations.map((rec, i) => ({rec: plannedRecommendation(rec), source: rec, group: group.title, opensGroup: i === 0 && group.title !== null})),
  )
  const slideOf = (page: readonly Item[], i: number): Omit<RecommendationsSlide, 'index'> => {
    const blocks: (PlannedGroup | PlannedRecommendation)[] = []
    page.forEach((item, j) => {
      if (item.group !== null && (item.opensGroup || j === 0)) blocks.push({kind: 'group', title: item.group, continued: !item.opensGroup})
      blocks.push(item.rec)
    })
    const size: Size = page.length === 1 && layoutBlocks(blocks, 'normal').height > geometry.bodyHeight ? 'compact' : 'normal'
    const first = page[0]!.rec.number
    const last = page[page.length - 1]!.rec.number
    const range = first === last ? format(labels['slides.single'], {number: first}) : format(labels['slides.range'], {from: first, to: last})
    return {
      type: 'recommendations',
      guideline: guideline.id,
      heading: `${labels['guideline']} ${guideline.id} · ${range}`,
      title: guideline.title,
      continued: i > 0,
      size,
      blocks,
      notes: notes.recommendations(guideline, page.map((item) => item.source)),
    }
  }
  // Counted once an item, not once a candidate page: pagination tries many pages.
  const continued = wordCount(`(${labels['continued']})`)
  const chrome = wordCount(labels['guideline'], guideline.id, guideline.title) + continued + footerWords
  const itemWords = new Map(items.map((item) => [item, recommendationWords(item.rec)]))
  const groupWords = new Map(items.map((item) => [item, item.group === null ? 0 : wordCount(item.group) + continued]))
  const words = (page: readonly Item[]) => {
    const first = page[0]!.rec.number
    const last = page[page.length - 1]!.rec.number
    const range = first === last ? format(labels['slides.single'], {number: first}) : format(labels['slides.range'], {from: first, to: last})
    return chrome + wordCount(range) + page.reduce((n, item, j) => n + itemWords.get(item)! + (item.group !== null && (item.opensGroup || j === 0) ? groupWords.get(item)! : 0), 0)
  }
  const fits = (page: readonly Item[]) => page.length <= density.maxRecommendations && words(page) <= density.maxWords
  const slides = paginate(items, 'normal', fits).map(slideOf)
  return slides
}

/** Every word a recommendation shows on its slide: its number, text, footnote marks, page reference and status. */
function recommendationWords(rec: PlannedRecommendation): number {
  return 1 + wordCount(rec.text, rec.pageLabel, rec.status?.label, rec.runs.filter((run) => run.sup).map((run) => run.text).join(' '))
}

function plannedRecommendation(rec: ViewRecommendation): PlannedRecommendation {
  return {
    kind: 'recommendation',
    number: rec.number,
    text: rec.text,
    runs: toRuns(rec.children),
    pageLabel: rec.pageLabel,
    ...(rec.assessment ? {status: {id: rec.assessment.status ?? 'none', label: rec.assessment.statusLabel, note: rec.assessment.note}} : {}),
  }
}

/**
 * Split items into pages of at most `bodyHeight` that `fits` allows (the
 * density limits), balanced: first the fewest pages greedy packing allows,
 * then the smallest page height that still needs no more pages, so continued
 * slides are filled alike rather than one full and one nearly empty. A single
 * item always makes a page, however long.
 */
function paginate(items: readonly Item[], size: Size, fits: (page: readonly Item[]) => boolean): Item[][] {
  const height = (page: readonly Item[]) =>
    layoutBlocks(page.flatMap((item, i): (PlannedGroup | PlannedRecommendation)[] =>
      item.group !== null && (item.opensGroup || i === 0) ? [{kind: 'group', title: item.group, continued: false}, item.rec] : [item.rec]), size).height
  const pack = (limit: number): Item[][] => {
    const pages: Item[][] = []
    let page: Item[] = []
    for (const item of items) {
      const next = [...page, item]
      if (page.length > 0 && (height(next) > limit || !fits(next))) {
        pages.push(page)
        page = []
      }
      page.push(item)
    }
    if (page.length > 0) pages.push(page)
    return pages
  }
  const fewest = pack(geometry.bodyHeight).length
  let low = Math.max(...items.map((item) => height([item])), 0)
  let high = Math.max(low, geometry.bodyHeight)
  while (low < high) {
    const mid = Math.floor((low + high) / 2)
    if (pack(mid).length <= fewest) high = mid
    else low = mid + 1
  }
  return pack(high)
}

/** A block placed on the body of a recommendation slide (px from the body's top). */
export interface PlacedBlock {
  readonly block: PlannedGroup | PlannedRecommendation
  readonly top: number
  readonly height: number
}

/**
 * Estimated layout of a recommendation slide's blocks: the budget the plan
 * paginates by, and the positions the PowerPoint boxes take.
 */
export function layoutBlocks(blocks: readonly (PlannedGroup | PlannedRecommendation)[], size: Size): {placed: PlacedBlock[]; height: number} {
  const metrics = geometry[size]
  const placed: PlacedBlock[] = []
  let y = 0
  blocks.forEach((block, i) => {
    if (block.kind === 'group') {
      if (i > 0) y += metrics.gap + geometry.group.after
      placed.push({block, top: y, height: geometry.group.height})
      y += geometry.group.height + geometry.group.gap
    } else {
      if (i > 0 && blocks[i - 1]!.kind !== 'group') y += metrics.gap
      const height = recommendationHeight(block, size)
      placed.push({block, top: y, height})
      y += height
    }
  })
  return {placed, height: y}
}

/** Estimated lines of a recommendation's text at a size; the page reference and status pill run on after the text. */
export function recommendationLines(rec: PlannedRecommendation, size: Size): number {
  const metrics = geometry[size]
  const sup = rec.runs.filter((run) => run.sup).length
  const chars = rec.text.length + rec.pageLabel.length + 4 + (rec.status ? rec.status.label.length + 6 : 0) + sup * 2
  const perLine = Math.floor(geometry.textWidth / (metrics.font * geometry.glyph))
  return Math.ceil(chars / perLine)
}

function recommendationHeight(rec: PlannedRecommendation, size: Size): number {
  const metrics = geometry[size]
  return Math.max(metrics.minItem, Math.ceil(metrics.padTop + recommendationLines(rec, size) * metrics.font * metrics.line))
}

function countLabel(count: number, labels: Labels): string {
  return countOf(labels, 'recommendationsCount', count)
}

/** Estimated height (px) of agenda items stacked in the agenda's list. */
export function agendaHeight(items: readonly {readonly title: string}[], size: Size): number {
  const metrics = geometry.agenda[size]
  const perLine = Math.floor(geometry.agenda.titleWidth / (metrics.font * geometry.glyph))
  const rows = items.map((item) => Math.max(metrics.badge, Math.ceil(item.title.length / perLine) * metrics.line))
  return rows.reduce((sum, row) => sum + row, 0) + Math.max(0, items.length - 1) * metrics.gap
}

/**
 * The agenda on as few slides as its list and the word budget allow: one
 * slide at the normal size, else one at the compact size, else the fewest
 * slides at the normal size, filled alike (two slides of four would leave
 * both half empty where one slide holds all eight). `chrome` is the words
 * the slide shows besides its items (heading, footer).
 */
function agendaParts<T extends {readonly id: string; readonly title: string; readonly count: string}>(items: readonly T[], chrome: number): {size: Size; parts: T[][]} {
  const words = (part: readonly T[]) => chrome + part.reduce((n, item) => n + wordCount(item.id, item.title, item.count), 0)
  const fits = (part: readonly T[], size: Size) => agendaHeight(part, size) <= geometry.agenda.height && words(part) <= density.maxWords
  if (fits(items, 'normal')) return {size: 'normal', parts: [[...items]]}
  if (fits(items, 'compact')) return {size: 'compact', parts: [[...items]]}
  for (let count = 2; ; count++) {
    // `count` parts whose sizes differ by one at most (10 items: 3, 3, 2, 2, not 3, 3, 3, 1).
    const small = Math.floor(items.length / count)
    const large = items.length % count
    const parts = Array.from({length: count}, (_, i) => items.slice(i * small + Math.min(i, large), (i + 1) * small + Math.min(i + 1, large)))
    if (parts.every((part) => fits(part, 'normal')) || count >= items.length) return {size: 'normal', parts}
  }
}

/**
 * Footnotes in chunks of at most `maxChars` characters and `maxWords` words
 * (a longer footnote gets a chunk of its own), the first chunk sharing its
 * slide with `firstWords` words of other text; at least one chunk.
 */
function chunkFootnotes<T extends {id: string; text: string}>(list: readonly T[], maxChars: number, maxWords: number, firstWords: number): T[][] {
  const chunks: T[][] = [[]]
  let chars = 0
  let words = firstWords
  for (const entry of list) {
    const w = wordCount(entry.id, entry.text)
    if ((chars > 0 || words > 0) && (chars + entry.text.length > maxChars || words + w > maxWords)) {
      chunks.push([])
      chars = 0
      words = 0
    }
    chunks[chunks.length - 1]!.push(entry)
    chars += entry.text.length
    words += w
  }
  return chunks
}

/** Inline mdast as the slides' runs (the shared inline runs; footnote markers as `sup` runs). */
export function toRuns(nodes: readonly PhrasingContent[]): Run[] {
  return inlineRuns(nodes).map((run): Run =>
    'footnote' in run ? {text: run.footnote, sup: true} : {text: run.text, ...(run.em ? {em: true} : {}), ...(run.strong ? {strong: true} : {})},
  )
}

/** The footer of every slide (and handout page): the short title, and on a translation what it is ("… · Unofficial translation"). */
export function footerTitle(view: View): string {
  return view.translation ? `${view.shortTitle} · ${view.translation.cover}` : view.shortTitle
}
