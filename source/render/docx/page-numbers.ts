import {createHash} from 'node:crypto'
import type {EstimatedPageNumbers, PageNumberEstimator} from 'docx'
import {estimatePageNumbersWith} from 'docx/layout'
import {cacheDir, cacheKey, readCache, writeCache} from '../../content-cache.js'

/**
 * One estimator for the process. It has no `listNumbers`: docx would read the
 * whole document a second time to number headings in lists, and a brief's
 * headings are not in lists.
 */
const laidOut = estimatePageNumbersWith({guess: true})

/** What laying out pages cost this process (read by `npm run bench`): documents and CPU microseconds. */
export const estimateCost = {documents: 0, cpuMicroseconds: 0}

const estimate: PageNumberEstimator = (body, context) => {
  const start = process.cpuUsage()
  try {
    return laidOut(body, context)
  } finally {
    const used = process.cpuUsage(start)
    estimateCost.documents++
    estimateCost.cpuMicroseconds += used.user + used.system
  }
}

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
 * builds, so they are stored by their order in the body.
 */
export function pageNumbersFor(identity: unknown): PageNumberEstimator {
  const key = cacheKey('docx-pages', {files: [], extra: createHash('sha256').update(JSON.stringify(identity)).digest('hex')})
  // Without a cache there is nothing to map back: skip reading the bookmark names from the whole body.
  if (key === null || cacheDir() === null) return estimate
  return (body, context) => {
    const names = [...new Set(JSON.stringify(body).match(/_Toc\d+/g) ?? [])]
    const order = new Map(names.map((name, index) => [name, index]))
    const stored = readCache<StoredEstimate>('docx-pages', key)
    if (stored && stored.bookmarks.every(([index]) => index < names.length)) return restore(stored, names)
    const result = estimate(body, context)
    const kept = store(result, order)
    if (kept) writeCache('docx-pages', key, kept, {many: true})
    return result
  }
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
