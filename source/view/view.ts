import type {PhrasingContent} from 'mdast'
import type {Labels} from '../labels/label-schema.js'
import type {AssessmentStatus, BriefKind, Language} from '../model/vocabulary.js'

/** An id with its label resolved in the brief's language. */
export interface Labelled {
  readonly id: string
  readonly label: string
}

export interface ViewAssessment {
  /** `null` when the profile gives no assessment ("not assessed"). */
  readonly status: AssessmentStatus | null
  /** Localised status label ("No evaluada", "En curso", …). */
  readonly statusLabel: string
  readonly note: string | null
  readonly evidence: string | null
}

export interface ViewRecommendation {
  readonly number: number
  readonly guideline: string
  readonly group: string | null
  /** Plain text (no page reference, no footnote markers, no trailing period). */
  readonly text: string
  /** Inline formatting; footnote markers are `footnoteReference` nodes (identifier = footnote id). */
  readonly children: PhrasingContent[]
  readonly pages: number[]
  /** Localised page reference: "pág. 94", "págs. 86 y 87", "p. 94", "pp. 86 and 87". */
  readonly pageLabel: string
  readonly footnotes: string[]
  readonly audiences: Labelled[]
  readonly themes: Labelled[]
  readonly countries: Labelled[]
  /** Present on country briefs only, and only where the country has answered. */
  readonly assessment?: ViewAssessment | undefined
  /** Present on region briefs: how many of the region's answering countries report each status, and which. */
  readonly regional?: ViewRegional | undefined
}

/** One recommendation across the countries of a region that have answered it. */
export interface ViewRegional {
  /** Answered statuses in `assessmentStatuses` order, only those some country reports. */
  readonly statuses: {readonly status: AssessmentStatus; readonly label: string; readonly count: number; readonly countries: string[]}[]
  /** "Not yet answered by 10 of 13 countries", or null when every country has answered it. */
  readonly unansweredLabel: string | null
}

/** One cell of the country × guideline matrix: counts of the country's answers and the follow-up indicator. */
export interface ViewMatrixCell {
  readonly implemented: number
  readonly inProgress: number
  readonly notStarted: number
  readonly notApplicable: number
  /** Recommendations of the cell with no answer. */
  readonly unanswered: number
  /** (implemented + ½ in progress) ÷ answered applicable, 0–1; null when nothing applicable is answered. */
  readonly indicator: number | null
  /** The indicator's step on the design tokens' ramp (`indicatorRamp`, 0–4), or null with no value: every format shades the cell from it. */
  readonly step: number | null
  /** "63 %" or "—". */
  readonly label: string
  /** "5 impl. · 2 in prog. / 8": the figures behind the indicator. */
  readonly detail: string
}

/** A region brief: the follow-up of the self-assessments of a region's countries. */
export interface ViewRegion {
  readonly id: string
  /** "The Caribbean", "Latin America and the Caribbean". */
  readonly name: string
  /** "3 of 13 countries have sent a self-assessment". */
  readonly answeredLabel: string
  /** The countries with at least one answer, by name, with the date of their latest answer. */
  readonly answered: {
    readonly code: string; readonly name: string; readonly asOf: string | null; readonly asOfLabel: string | null; readonly illustrative: boolean
    /** What moved since the country's previous round, among the brief's recommendations; null with one round. */
    readonly change: ViewChange | null
  }[]
  /** The others, by name: never counted as zero. */
  readonly notAnswered: {readonly code: string; readonly name: string}[]
  readonly notAnsweredLabel: string | null
  /** The indicator's name and its formula, as the brief prints it. */
  readonly indicator: {readonly name: string; readonly formula: string}
  /** Countries (answered) × guidelines of the brief. */
  readonly matrix: {
    readonly columns: {readonly id: string; readonly title: string}[]
    readonly rows: {readonly code: string; readonly name: string; readonly cells: ViewMatrixCell[]; readonly total: ViewMatrixCell}[]
  }
  /** Per guideline: answers per status over the answering countries (order of `summary`), and the indicator over them. */
  readonly byGuideline: {readonly id: string; readonly title: string; readonly counts: number[]; readonly cell: ViewMatrixCell}[]
  /** Answers per status over every recommendation and answering country, then "not answered". */
  readonly summary: {readonly status: AssessmentStatus | null; readonly label: string; readonly count: number}[]
  /** The recommendations most often reported "not started" (up to ten), with the countries. */
  readonly mostNotStarted: {readonly number: number; readonly text: string; readonly pageLabel: string; readonly count: number; readonly countries: string[]}[]
  /** Set when any profile used is made up: every page says so. */
  readonly illustrative: boolean
}

export interface ViewGroup {
  /** Group heading, or null for recommendations outside any group. */
  readonly title: string | null
  readonly recommendations: ViewRecommendation[]
}

export interface ViewGuideline {
  /** Roman numeral. */
  readonly id: string
  readonly number: number
  readonly title: string
  readonly children: PhrasingContent[]
  /** Groups in source order; a guideline without groups has one group with `title: null`. */
  readonly groups: ViewGroup[]
  /** Count of selected recommendations under this guideline. */
  readonly count: number
}

export interface ViewFootnote {
  readonly id: string
  readonly text: string
  readonly children: PhrasingContent[]
}

export interface ViewCountry {
  readonly code: string
  /** Short name ("Bolivia"). */
  readonly name: string
  /** United Nations name ("Bolivia (Estado Plurinacional de)"), for the cover and metadata. */
  readonly formalName: string
  readonly subregion: string
  readonly language: string
  readonly context: string
  readonly focus: {
    readonly guidelines: Labelled[]
    readonly audiences: Labelled[]
    readonly themes: Labelled[]
  }
  /** Count of selected recommendations per status, in `assessmentStatuses` order then "not assessed". */
  readonly summary: {readonly status: AssessmentStatus | null; readonly label: string; readonly count: number}[]
  /** Per guideline of the brief: counts in the order of `summary` (the chart's bars). */
  readonly byGuideline: {readonly id: string; readonly title: string; readonly counts: number[]}[]
  /** `YYYY-MM-DD` of the latest answer, or null when nothing is assessed. */
  readonly asOf: string | null
  /** "Autoevaluación al 19 de agosto de 2026": the date written the language's way, or null. */
  readonly asOfLabel: string | null
  /** What moved since the previous round of self-assessment, or null when there has been one round only. */
  readonly change: ViewChange | null
  /** A made-up profile (`examples/`): every page says it is illustrative. */
  readonly illustrative: boolean
  /** Says the brief holds only the country's focus ("… 24 of 113 recommendations"), or null. */
  readonly focusNote: string | null
  /** How many of the brief's recommendations have an answer on record. */
  readonly answered: number
  /**
   * Set when none of the brief's recommendations has an answer: what the brief says instead
   * of a summary of zeros, an empty chart and a "not assessed" badge per recommendation
   * (the heading, then how the ministry sends its self-assessment).
   */
  readonly awaiting: {readonly title: string; readonly text: string[]} | null
  /** On a partly assessed brief: how many recommendations have no answer yet; else null. */
  readonly remainingNote: string | null
}

/** The change between a country's two latest rounds of self-assessment (source/annotate/rounds.ts), among the brief's recommendations. */
export interface ViewChange {
  /** The sentence a brief prints: "Since the previous round (2 March 2026): 5 recommendations moved to implemented, 3 to in progress; 2 new answers." */
  readonly text: string
  /** `YYYY-MM-DD` of the previous and the latest round. */
  readonly previous: string
  readonly latest: string
  /** Per status a recommendation moved to (implemented, in progress, not applicable, not started): the recommendations. */
  readonly moved: {readonly status: AssessmentStatus; readonly label: string; readonly numbers: number[]}[]
  /** Recommendations answered since the previous round. */
  readonly newAnswers: number[]
}

/** What a document made from a translated edition says about it. */
export interface ViewTranslation {
  /** "Unofficial translation". */
  readonly cover: string
  /** That it is an unofficial translation and the original is authoritative, ending where the citation follows. */
  readonly notice: string
  /** The original's citation, in the original's language. */
  readonly citation: string
  /** The original's title, as it stands in the citation (set in italics there). */
  readonly originalTitle: string
  /** "Original: Copyright © Naciones Unidas, 2025 · S.2500005[S]." in the original's language, or null. */
  readonly originalRights: string | null
  /** Who made the translation: the document's author in its metadata and colophon. */
  readonly author: string
  readonly citationLang: Language
  readonly citationLangTag: string
}

export interface ViewSource {
  /** Title of the source publication. */
  readonly title: string
  /** BCP 47 tag of the language the title is written in. */
  readonly titleLangTag: string
  readonly publisher: string
  readonly year: number | null
  readonly citation: string | null
  readonly authors: string | null
  readonly copyright: string | null
  readonly symbol: string | null
}

/** What every renderer receives: everything resolved, nothing left to look up. */
export interface View {
  readonly kind: BriefKind
  readonly lang: Language
  /** BCP 47 tag for document metadata: es-419, en, pt-BR. */
  readonly langTag: string
  /**
   * The language of the text drawn from the source (recommendations, guideline and
   * group titles, notes, citation): the edition's. It differs from `lang` when the
   * document has no edition in the brief's language; renderers tag those passages.
   */
  readonly textLang: Language
  readonly textLangTag: string
  /** Set when the text is an unofficial translation: what the cover, colophon and metadata say. */
  readonly translation: ViewTranslation | null
  readonly title: string
  /** Describes the brief kind and its subject ("Resumen del lineamiento VII", "Brief for Chile"). */
  readonly subtitle: string
  /** For running headers. */
  readonly shortTitle: string
  /** Stable file-name stem derived from the spec (safe characters only). */
  readonly slug: string
  readonly source: ViewSource
  readonly guidelines: ViewGuideline[]
  readonly footnotes: ViewFootnote[]
  readonly country?: ViewCountry | undefined
  readonly region?: ViewRegion | undefined
  readonly audience?: (Labelled & {readonly description: string}) | undefined
  /** Human description of the filters applied (empty for the full document). */
  readonly filters: string[]
  readonly counts: {readonly recommendations: number; readonly guidelines: number}
  /** Document metadata. */
  readonly meta: {readonly subject: string; readonly keywords: string[]; readonly author: string}
  /** Localised UI strings (from templates/locales/<lang>.yaml), typed by `source/labels/label-schema.ts`. */
  readonly labels: Labels
}
