import {slugOfDocument} from '../batch/document-name.js'
import type {ManifestEntry} from '../batch/manifest.js'
import type {BatchJob} from '../batch/run-batch.js'
import {format, type Labels} from '../labels/index.js'
import {paperFormats} from '../render/formats.js'
import {isLanguage, langTags, papers, type Format, type Language, type Paper} from '../model/vocabulary.js'
import {stemOf} from './site-pages.js'

/** The folder of the site where the batch writes the documents. */
export const downloadsFolder = 'downloads'

/** The order a page lists its files in: the brief, then the talk, then the editable files. */
const formatOrder: readonly Format[] = ['pdf', 'docx', 'slides', 'handout', 'pptx', 'html', 'md', 'json']

const mimeTypes: Record<Format, string> = {
  pdf: 'application/pdf', slides: 'application/pdf', handout: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  html: 'text/html', md: 'text/markdown', json: 'application/json',
}

/** A document of the batch as a page links it. */
export interface SiteDownload {
  readonly format: Format
  /** Relative to a language folder: `../downloads/guideline-vii-es.pdf`. */
  readonly href: string
  readonly type: string
  /** "PDF · A4", "Word · Letter", "PowerPoint": the format, and the paper of a document that has one. */
  readonly formatLabel: string
  readonly paper: Paper | null
  /** "1.2 MB · 24 pages". */
  readonly meta: string
  readonly size: number
  readonly pages: number | null
}

/** A page's files: in its own language, or else in the languages the batch made the brief in. */
export interface PageDownloads {
  readonly here: SiteDownload[]
  readonly other: {readonly lang: Language; readonly langTag: string; readonly label: string; readonly files: SiteDownload[]}[]
}

/** A document of the batch with the paper it was made on (null for a format without pages). */
export type DownloadEntry = ManifestEntry & {readonly paper: Paper | null}

/** The batch's documents by brief stem and language. */
export type DownloadIndex = ReadonlyMap<string, ReadonlyMap<Language, DownloadEntry[]>>

/** The paper of each paper-dependent document of the batch, by manifest path. */
export function downloadPapers(jobs: readonly BatchJob[]): ReadonlyMap<string, Paper> {
  return new Map(jobs.filter((job) => paperFormats.has(job.format)).map((job) => [job.name, job.options.paper]))
}

/** Index the documents by the brief they belong to: `guideline-vii-es.letter.pdf` is guideline VII's, in Spanish. */
export function downloadIndex(documents: readonly ManifestEntry[], paperOf: ReadonlyMap<string, Paper>): DownloadIndex {
  const index = new Map<string, Map<Language, DownloadEntry[]>>()
  for (const entry of documents) {
    const slug = slugOfDocument(entry.path, entry.format)
    if (!slug) continue
    const lang = slug.slice(slug.lastIndexOf('-') + 1)
    if (!isLanguage(lang)) continue
    const stem = stemOf(slug, lang)
    const byLang = index.get(stem) ?? new Map<Language, DownloadEntry[]>()
    index.set(stem, byLang)
    byLang.set(lang, [...(byLang.get(lang) ?? []), {...entry, paper: paperOf.get(entry.path) ?? null}])
  }
  return index
}

/** What the page of `stem` in `lang` offers to download, labelled in `labels` (the page's language). */
export function pageDownloads(index: DownloadIndex, stem: string, lang: Language, labels: Labels): PageDownloads {
  const byLang = index.get(stem)
  const files = (entries: readonly DownloadEntry[] | undefined) => [...(entries ?? [])].sort(byFormatThenPaper).map((entry) => siteDownload(entry, labels, lang))
  const here = files(byLang?.get(lang))
  const other = here.length > 0 || !byLang
    ? []
    : [...byLang.keys()].sort().map((l) => ({lang: l, langTag: langTags[l], label: format(labels['site.downloadsIn'], {language: labels[`site.lang.${l}`]}), files: files(byLang.get(l))}))
  return {here, other}
}

/** The brief, then the talk, then the editable files; each format's A4 before its Letter. */
function byFormatThenPaper(a: DownloadEntry, b: DownloadEntry): number {
  const paperIndex = (entry: DownloadEntry) => (entry.paper === null ? -1 : papers.indexOf(entry.paper))
  return formatOrder.indexOf(a.format) - formatOrder.indexOf(b.format) || paperIndex(a) - paperIndex(b)
}

function siteDownload(entry: DownloadEntry, labels: Labels, lang: Language): SiteDownload {
  const formatName = labels[`web.format.${entry.format}`]
  const pages = entry.pages === null ? null : pagesLabel(entry.format, entry.pages, labels)
  return {
    format: entry.format,
    href: `../${downloadsFolder}/${encodeURIComponent(entry.path)}`,
    type: mimeTypes[entry.format],
    formatLabel: entry.paper ? `${formatName} · ${labels[`site.paper.${entry.paper}`]}` : formatName,
    paper: entry.paper,
    meta: [sizeLabel(entry.size, lang), ...(pages ? [pages] : [])].join(' · '),
    size: entry.size,
    pages: entry.pages,
  }
}

function pagesLabel(fmt: Format, count: number, labels: Labels): string {
  const slides = fmt === 'pptx' || fmt === 'slides'
  if (count === 1) return slides ? labels['site.slidesOne'] : labels['site.pagesOne']
  return format(slides ? labels['site.slides'] : labels['site.pages'], {count})
}

/** "1.2 MB", "1,2 MB", "640 KB": decimal units, the language's decimal mark. */
export function sizeLabel(bytes: number, lang: Language): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(langTags[lang], {maximumFractionDigits: digits}).format(value)
  if (bytes >= 1_000_000) return `${number(bytes / 1_000_000, 1)} MB`
  return `${number(Math.max(1, Math.round(bytes / 1000)), 0)} KB`
}
