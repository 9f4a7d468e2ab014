import type {PhrasingContent} from 'mdast'

/** A point in the source text (1-based line and column, 0-based offset). */
export interface Point {
  readonly line: number
  readonly column: number
  readonly offset?: number | undefined
}

/** Where an item stands in the source text. */
export interface Position {
  readonly start: Point
  readonly end: Point
}

/** A paragraph of running text (preamble, colophon). */
export interface Block {
  /** Plain text. */
  readonly text: string
  /** Inline formatting as mdast phrasing content. */
  readonly children: PhrasingContent[]
  readonly position: Position
}

export interface Guideline {
  /** Roman numeral, e.g. `"VII"`. */
  readonly id: string
  /** 1-based number, e.g. `7`. */
  readonly number: number
  readonly title: string
  readonly children: PhrasingContent[]
  readonly groups: Group[]
  /** Numbers of the recommendations under this guideline, in source order. */
  readonly recommendations: number[]
  readonly position: Position
}

/** A heading inside a guideline ("Recomendaciones para escalar los esfuerzos"). */
export interface Group {
  /** Stable id within the document, e.g. `"I-1"`. */
  readonly id: string
  readonly guideline: string
  readonly title: string
  readonly recommendations: number[]
  readonly position: Position
}

export interface Recommendation {
  /** The number the source gives it (never renumbered). */
  readonly number: number
  /** Guideline id (Roman numeral). */
  readonly guideline: string
  /** Group title, or null when the guideline has no groups. */
  readonly group: string | null
  /** Page references into the Panorama 2024. */
  readonly pages: number[]
  /** Footnote ids referenced by this recommendation (e.g. `["2"]`). */
  readonly footnotes: string[]
  /** Plain text, without the page reference, footnote markers or trailing period. */
  readonly text: string
  /** The same text with inline formatting; footnote markers become `footnoteReference` nodes. */
  readonly children: PhrasingContent[]
  /** Audience ids (from annotations). */
  readonly audiences: string[]
  /** Theme ids (from annotations). */
  readonly themes: string[]
  /** ISO 3166-1 alpha-2 codes of countries the text names. */
  readonly countries: string[]
  readonly position: Position
}

export interface Footnote {
  /** The marker, as ASCII digits (`"2"` for `²`). */
  readonly id: string
  readonly text: string
  readonly children: PhrasingContent[]
  readonly position: Position
}

export interface Colophon {
  readonly blocks: Block[]
  /** The paragraph naming the authors. */
  readonly authors: string | null
  /** "Esta publicación debe citarse como: …" — the citation itself. */
  readonly citation: string | null
  readonly copyright: string | null
  /** Document symbol, e.g. `S.2500005[S]`. */
  readonly symbol: string | null
}

export interface Meta {
  readonly title: string
  readonly publisher: string
  readonly year: number | null
  /** BCP 47 language of the source text. */
  readonly language: string
  /** Counts the text announces ("113 recomendaciones", "14 lineamientos"). */
  readonly announced: {readonly recommendations: number | null; readonly guidelines: number | null}
  readonly counts: {readonly recommendations: number; readonly guidelines: number; readonly footnotes: number}
}

/** The recommendation model: what `briefs model` prints. */
export interface Model {
  readonly meta: Meta
  readonly preamble: Block[]
  readonly guidelines: Guideline[]
  readonly recommendations: Recommendation[]
  readonly footnotes: Footnote[]
  readonly colophon: Colophon
}
