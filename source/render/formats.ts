import type {Browser} from 'puppeteer-core'
import type {View} from '../view/view.js'
import type {Format, HandoutLayout, Paper} from '../model/vocabulary.js'

/** File extension per format. */
export const extensions = {
  html: 'html', pdf: 'pdf', docx: 'docx', slides: 'slides.pdf', handout: 'handout.pdf', pptx: 'pptx', md: 'md', json: 'json',
} as const satisfies Record<Format, string>

/** Formats whose pages have a paper size (A4 or Letter): a batch with several papers makes these once per paper. */
export const paperFormats: ReadonlySet<Format> = new Set(['pdf', 'handout', 'docx'])

/** Formats that need the browser. */
export const browserFormats: ReadonlySet<Format> = new Set(['pdf', 'slides', 'handout'])

export interface RenderOptions {
  /** Paper size for printed briefs and handouts. */
  readonly paper: Paper
  /** A folder whose templates and partials override the bundled ones by name. */
  readonly templates?: string | undefined
  /** The shared browser (PDF, slides, handout). */
  readonly browser?: Browser | undefined
  /** Date written into document metadata; fixed by default so the same inputs give the same bytes. */
  readonly date: Date
  /** Slides per handout page (`handoutLayouts`). */
  readonly handoutLayout: HandoutLayout
}

/** A renderer: a pure function from a view model to bytes. */
export type Renderer = (view: View, options: RenderOptions) => Promise<Uint8Array>

/** The date written into metadata unless `--date` says otherwise: the source's publication year. */
export const defaultDate = new Date('2025-01-01T00:00:00Z')
