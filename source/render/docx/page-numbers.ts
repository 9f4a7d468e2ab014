import {createHash} from 'node:crypto'
import type {EstimatedPageNumbers, PageNumberEstimator} from 'docx'
import {cacheDir, cacheKey, readCache, writeCache} from '../../content-cache.js'

/**
 * One estimator for the process, made when first needed: docx's layout engine is 1.8 MB of
 * JavaScript, which a Word brief whose page numbers are in the content cache never runs (loading it
 * cost a one-brief process about 50 ms). It has no `listNumbers`: docx would read the whole
 * document a second time to number headings in lists, and a brief's headings are not in lists.
 */
let laidOut: Promise<PageNumberEstimator> | undefined
const layoutEstimator = (): Promise<PageNumberEstimator> =>
  (laidOut ??= import('docx/layout').then(({estimatePageNumbersWith}) => estimatePageNumbersWith({guess: true})))

/** What laying out pages cost this process (read by `npm run bench`): documents and CPU microseconds. */
export const estimateCost = {documents: 0, cpuMicroseconds: 0}

const measured = (estimator: PageNumberEstimator): PageNumberEstimator => (body, context) => {
  const start = process.cpuUsage()
  try {
    return estimator(body, context)
  } finally {
    const used = process.cpuUsage(start)
    estimateCost.documents++
    estimateCost.cpuMicroseconds += used.user + used.system
  }
}

/**
 * A cached estimate that does not fit the body it is given (its bookmarks are not all there): never
 * for the same plan, but a damaged cache must not give wrong numbers. The document is then built
 * again with the layout engine (`docxFromPlan`).
 */
export class StaleEstimate extends Error {}

/** The estimate as JSON: maps as entries, bookmark names as their order in the body. */
interface StoredEstimate {
  readonly bookmarks: [number, string][]
  readonly pageCount?: number
  readonly sectionPageCounts?: (number | null)[]
  readonly bookmarkPageNumbers?: [number, number][]
  readonly relativePositions?: [number, (string | null)[]][]
}

/**
 * Page numbers for the table of contents and "Página X de Y", worked out by
 * laying out the pages as Word does (docx's layout engine: most of the time
 * a Word brief takes), and kept in the content cache: a document is a pure
 * function of its plan and paper, so the same plan gives the same numbers.
 * Bookmark names come from a counter shared by the documents a process
 * builds, so they are stored by their order in the body. With `fresh`, the
 * cache is not read (see `StaleEstimate`).
 */
export async function pageNumbersFor(identity: unknown, {fresh = false}: {fresh?: boolean} = {}): Promise<PageNumberEstimator> {
  const key = pageNumbersKey(identity)
  // Without a cache there is nothing to map back: skip reading the bookmark names from the whole body.
  if (key === null || cacheDir() === null) return measured(await layoutEstimator())
  const namesIn = (body: unknown) => [...new Set(JSON.stringify(body).match(/_Toc\d+/g) ?? [])]
  const stored = fresh ? undefined : readCache<StoredEstimate>('docx-pages', key)
  if (stored) {
    return (body) => {
      const names = namesIn(body)
      if (!stored.bookmarks.every(([index]) => index < names.length)) throw new StaleEstimate()
      return restore(stored, names)
    }
  }
  const estimate = measured(await layoutEstimator())
  return (body, context) => {
    const names = namesIn(body)
    const result = estimate(body, context)
    const kept = store(result, new Map(names.map((name, index) => [name, index])))
    if (kept) writeCache('docx-pages', key, kept, {many: true})
    return result
  }
}

/** The content cache's key for the page numbers of a document (`identity`: its plan and paper), or null without a cache. */
export function pageNumbersKey(identity: unknown): string | null {
  return cacheKey('docx-pages', {files: [], extra: createHash('sha256').update(JSON.stringify(identity)).digest('hex')})
}

/** Undefined when the estimate names a bookmark that is not a heading's (nothing the cache could map back). */
function store(result: EstimatedPageNumbers, order: ReadonlyMap<string, number>): StoredEstimate | undefined {
  const index = (name: string) => order.get(name)
  const entries = <T>(map: ReadonlyMap<string, T> | undefined): [number, T][] | undefined => {
    if (!map) return undefined
    const out: [number, T][] = []
    for (const [name, value] of map) {
      const i = index(name)
      if (i === undefined) throw new Unstorable()
      out.push([i, value])
    }
    return out
  }
  try {
    const bookmarkPageNumbers = entries(result.bookmarkPageNumbers)
    const relativePositions = entries(result.relativePositions)?.map(([i, list]): [number, (string | null)[]] => [i, list.map((v) => v ?? null)])
    return {
      bookmarks: entries(result.bookmarks)!,
      ...(result.pageCount === undefined ? {} : {pageCount: result.pageCount}),
      ...(result.sectionPageCounts ? {sectionPageCounts: result.sectionPageCounts.map((n) => n ?? null)} : {}),
      ...(bookmarkPageNumbers ? {bookmarkPageNumbers} : {}),
      ...(relativePositions ? {relativePositions} : {}),
    }
  } catch (error) {
    if (error instanceof Unstorable) return undefined
    throw error
  }
}

class Unstorable extends Error {}

function restore(stored: StoredEstimate, names: readonly string[]): EstimatedPageNumbers {
  const map = <T>(entries: [number, T][]) => new Map(entries.map(([i, value]) => [names[i]!, value]))
  return {
    bookmarks: map(stored.bookmarks),
    ...(stored.pageCount === undefined ? {} : {pageCount: stored.pageCount}),
    ...(stored.sectionPageCounts ? {sectionPageCounts: stored.sectionPageCounts.map((n) => n ?? undefined)} : {}),
    ...(stored.bookmarkPageNumbers ? {bookmarkPageNumbers: map(stored.bookmarkPageNumbers)} : {}),
    ...(stored.relativePositions ? {relativePositions: map(stored.relativePositions.map(([i, list]) => [i, list.map((v) => v ?? undefined)]))} : {}),
  }
}
