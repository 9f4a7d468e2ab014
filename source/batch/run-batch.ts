import {existsSync, statSync} from 'node:fs'
import type {Project} from '../annotate/load-project.js'
import {usageError} from '../errors.js'
import {safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {BrowserManager, type BrowserHandle} from '../render/browser.js'
import {browserFormats, rendererFor, type RenderOptions} from '../render/index.js'
import {select} from '../select/index.js'
import type {BriefSpec} from '../select/spec.js'
import type {BatchPlan} from './config.js'
import {documentName} from './document-name.js'
import {sha256} from './fingerprint.js'
import {WorkerPool} from './worker-pool.js'
import {limitPages} from '../render/print-pdf.js'
import {entriesOnDisk, readManifest, writeManifest, type ManifestEntry} from './manifest.js'
import type {View} from '../view/view.js'
import type {Format} from '../model/vocabulary.js'

/** Formats rendered on worker threads: CPU-bound work in this process. */
const workerFormats: ReadonlySet<Format> = new Set(['docx', 'pptx'])

export interface BatchJob {
  readonly view: View
  readonly spec: BriefSpec
  readonly format: Format
  /** Absolute path of the document. */
  readonly path: string
  /** Path relative to the output folder (manifest key). */
  readonly name: string
  readonly inputsHash: string
  readonly options: Omit<RenderOptions, 'browser'>
}

export type BatchEvent =
  | {readonly type: 'start'; readonly total: number; readonly skipped: number}
  | {readonly type: 'done'; readonly job: BatchJob; readonly entry: ManifestEntry; readonly ms: number}
  | {readonly type: 'skipped'; readonly job: BatchJob}
  | {readonly type: 'retry'; readonly job: BatchJob; readonly error: string}
  | {readonly type: 'failed'; readonly job: BatchJob; readonly error: string}
  | {readonly type: 'browser-restarted'}

export interface BatchOptions {
  readonly project: Project
  readonly plan: BatchPlan
  readonly outDir: string
  readonly concurrency: number
  /** Worker threads for DOCX and PPTX (0: render them on the main thread). */
  readonly workers: number
  readonly force: boolean
  readonly date: Date
  /** Project version and templates fingerprint: part of every inputs hash. */
  readonly version: string
  readonly templatesHash: string
  /**
   * A browser manager lent by the caller (`briefs serve` lends its one): used,
   * never closed by the batch. Without it the batch owns a manager of its own.
   */
  readonly browsers?: BrowserManager | undefined
  /** The plan's jobs when the caller has made them already (`planJobs`, as `briefs site` does): not planned again. */
  readonly jobs?: readonly BatchJob[] | undefined
  readonly onEvent?: ((event: BatchEvent, context: {browser: BrowserHandle | null}) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface BatchResult {
  readonly documents: ManifestEntry[]
  readonly rendered: number
  readonly skipped: number
  readonly failed: {readonly path: string; readonly error: string}[]
  readonly pages: number
  readonly ms: number
  readonly interrupted: boolean
  readonly browserRestarts: number
}

/** Every document of the plan, with where it goes and what it is made from. */
export function planJobs(options: Pick<BatchOptions, 'project' | 'plan' | 'outDir' | 'date' | 'version' | 'templatesHash'>): BatchJob[] {
  const jobs: BatchJob[] = []
  const seen = new Map<string, BriefSpec>()
  for (const brief of options.plan.briefs) {
    const view = select(options.project, brief.spec)
    const viewHash = sha256(JSON.stringify(view))
    // The first paper's documents under the plain names, each further paper's named with it.
    for (const [i, {paper, formats}] of brief.papers.entries()) {
      for (const format of formats) {
        const name = documentName(view.slug, format, i > 0 ? paper : null)
        if (seen.has(name)) throw usageError(`Two briefs of the batch would both write ${name}; give one a different title or filters`)
        seen.set(name, brief.spec)
        const renderOptions = {paper, templates: options.plan.templates, date: options.date, handoutLayout: options.plan.handoutLayout}
        jobs.push({
          view, spec: brief.spec, format, name,
          path: safeJoin(options.outDir, name),
          options: renderOptions,
          inputsHash: inputsHash({version: options.version, templatesHash: options.templatesHash, viewHash, format, options: renderOptions}),
        })
      }
    }
  }
  return jobs
}

/** sha256 of everything a document is made from: the manifest's `inputsHash` (and the key of `briefs serve`'s cache). */
export function inputsHash(of: {version: string; templatesHash: string; viewHash: string; format: Format; options: Omit<RenderOptions, 'browser'>}): string {
  const renderOptions = {...of.options, date: of.options.date.toISOString()}
  return sha256(JSON.stringify({version: of.version, templates: of.templatesHash, viewHash: of.viewHash, format: of.format, renderOptions}))
}

/** What the steps of `runBatch` share while it runs. */
interface BatchRun {
  readonly options: BatchOptions
  readonly browsers: BrowserManager
  /** Whether the browser manager was lent by the caller (then never closed here). */
  readonly lent: boolean
  readonly pool: WorkerPool | null
  readonly emit: (event: BatchEvent) => void
  /** Every complete document on disk, by manifest key. */
  readonly documents: Map<string, ManifestEntry>
  /** Manifest keys in plan order. */
  readonly order: string[]
  readonly failed: {path: string; error: string}[]
  rendered: number
  /** When the manifest was last written during the run (`performance.now()`). */
  manifestWritten: number
  readonly restartsBefore: number
  /** Stop listening to the manager's restarts. */
  readonly stopListening: () => void
}

/** Render a batch on one shared browser with a pool of pages; failures are retried once, then reported. */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now()
  const jobs = options.jobs ?? planJobs(options)
  const todo = options.force ? [...jobs] : staleJobs(jobs, options.outDir)
  const {browserQueue, otherQueue} = queuesOf(todo)

  const opened = openRun(options, jobs)
  opened.emit({type: 'start', total: jobs.length, skipped: jobs.length - todo.length})
  for (const job of jobs) if (!todo.includes(job)) opened.emit({type: 'skipped', job})
  const pool = options.workers > 0 && otherQueue.some((j) => workerFormats.has(j.format)) ? new WorkerPool(options.workers) : null
  const run: BatchRun = {...opened, pool}
  try {
    await renderQueues(run, browserQueue, otherQueue)
  } catch (error) {
    // What was made before the failure stays listed (the manifest is written at most once a second while rendering).
    try {
      writeManifest(options.outDir, options.version, run.documents, run.order)
    } catch {
      // The first error is the one to report.
    }
    throw error
  }
  // The manifest lists, plan order first, every document that exists and is complete.
  writeManifest(options.outDir, options.version, run.documents, run.order)
  const list = jobs.flatMap((job) => (run.documents.has(job.name) ? [run.documents.get(job.name)!] : []))
  return {
    documents: list,
    rendered: run.rendered,
    skipped: jobs.length - todo.length,
    failed: run.failed,
    pages: list.reduce((sum, d) => sum + (d.pages ?? 0), 0),
    ms: performance.now() - started,
    interrupted: options.signal?.aborted ?? false,
    browserRestarts: run.browsers.restarts - run.restartsBefore,
  }
}

/** The browser manager and manifest entries a batch renders with (the worker pool comes after the start events). */
function openRun(options: BatchOptions, jobs: readonly BatchJob[]): Omit<BatchRun, 'pool'> {
  // A lent manager outlives the batch: the batch listens to its restarts only while it runs, and never closes it.
  const lent = options.browsers
  const browsers = lent ?? new BrowserManager()
  const restartsBefore = browsers.restarts
  const emit = (event: BatchEvent) => options.onEvent?.(event, {browser: browsers.current})
  const stopListening = browsers.onRestart(() => emit({type: 'browser-restarted'}))
  return {
    options, browsers, lent: lent !== undefined, emit, restartsBefore, stopListening,
    // Every complete file on disk keeps its entry until replaced: the manifest matches the disk at every moment.
    documents: entriesOnDisk(options.outDir),
    order: jobs.map((job) => job.name),
    failed: [],
    rendered: 0,
    manifestWritten: 0,
  }
}

/** The jobs whose document is missing, changed on disk, or made from other inputs than the manifest records. */
function staleJobs(jobs: readonly BatchJob[], outDir: string): BatchJob[] {
  const previous = readManifest(outDir)
  const fresh = (job: BatchJob) => {
    const entry = previous.get(job.name)
    return entry !== undefined && entry.inputsHash === job.inputsHash && existsSync(job.path) && statSync(job.path).size === entry.size
  }
  return jobs.filter((job) => !fresh(job))
}

/** One queue for the browser's pages, one for everything else, each largest brief first. */
function queuesOf(todo: BatchJob[]): {browserQueue: BatchJob[]; otherQueue: BatchJob[]} {
  // Largest briefs first, so no core sits idle at the end waiting for one long document.
  const bySize = (a: BatchJob, b: BatchJob) => b.view.counts.recommendations - a.view.counts.recommendations
  return {
    browserQueue: todo.filter((j) => browserFormats.has(j.format)).sort(bySize),
    otherQueue: todo.filter((j) => !browserFormats.has(j.format)).sort(bySize),
  }
}

/** Drain both queues side by side, then close what the batch owns; an abort closes it at once. */
async function renderQueues(run: BatchRun, browserQueue: BatchJob[], otherQueue: BatchJob[]): Promise<void> {
  const {options, browsers, lent, pool, stopListening} = run
  // Interrupted: stop the documents in progress now rather than waiting for them (they would not be written).
  const stopNow = () => {
    if (!lent) void browsers.close()
    void pool?.close()
  }
  options.signal?.addEventListener('abort', stopNow, {once: true})
  try {
    // Browser pages and worker threads work side by side, each on its own queue.
    await Promise.all([
      ...Array.from({length: browserDrains(run)}, () => drain(run, browserQueue)),
      ...Array.from({length: Math.max(1, options.workers)}, () => drain(run, otherQueue)),
    ])
  } finally {
    options.signal?.removeEventListener('abort', stopNow)
    stopListening()
    if (!lent) await browsers.close()
    await pool?.close()
  }
}

/** Render jobs off a shared queue until it is empty or the batch is aborted. */
async function drain(run: BatchRun, queue: BatchJob[]): Promise<void> {
  const signal = run.options.signal
  for (;;) {
    if (signal?.aborted) return
    const job = queue.shift()
    if (!job) return
    const t0 = performance.now()
    const bytes = await renderWithRetry(run, job)
    if (bytes === null || signal?.aborted) continue
    await recordDocument(run, job, bytes, t0)
  }
}

/** The document's bytes, trying twice; null when both tries failed (reported) or the batch was aborted. */
async function renderWithRetry(run: BatchRun, job: BatchJob): Promise<Uint8Array | null> {
  const signal = run.options.signal
  try {
    return await renderOnce(run, job)
  } catch (error) {
    if (signal?.aborted) return null
    run.emit({type: 'retry', job, error: messageOf(error)})
  }
  try {
    // A page that failed is not printed in again; a dead browser is replaced by `browsers.get()`.
    return await renderOnce(run, job)
  } catch (again) {
    if (signal?.aborted) return null
    run.failed.push({path: job.path, error: messageOf(again)})
    run.emit({type: 'failed', job, error: messageOf(again)})
    return null
  }
}

/**
 * Documents rendered side by side on the browser's queue. A browser the batch owns gets twice
 * `--concurrency` of them and a limit of `--concurrency` pages printing at once (`limitPages`):
 * a handout waiting for the deck its slides are printing, or a brief in its PDF post-processing,
 * then leaves its page to another document instead of holding one of the browser's turns (measured:
 * docs/benchmarks.md). A lent browser (`briefs serve`) keeps its owner's limits: one document a page.
 */
function browserDrains({options, lent}: BatchRun): number {
  const pages = Math.max(1, options.concurrency)
  return lent ? pages : 2 * pages
}

async function renderOnce({pool, browsers, options, lent}: BatchRun, job: BatchJob): Promise<Uint8Array> {
  if (pool && workerFormats.has(job.format)) return pool.render(job.format, job.view, job.options)
  const render = await rendererFor(job.format)
  const shared = browserFormats.has(job.format) ? await browsers.get() : undefined
  if (shared && !lent) limitPages(shared, Math.max(1, options.concurrency))
  return render(job.view, {...job.options, browser: shared})
}

/** Milliseconds between the manifest's writes during a run. */
const manifestInterval = 1000

/** Write the document, then its manifest entry: the manifest never lists a file not yet complete. */
async function recordDocument(run: BatchRun, job: BatchJob, bytes: Uint8Array, started: number): Promise<void> {
  writeFileAtomic(job.path, bytes)
  const entry: ManifestEntry = {
    path: job.name,
    format: job.format,
    spec: specRecord(job.spec),
    inputsHash: job.inputsHash,
    sha256: sha256(bytes),
    size: bytes.length,
    pages: await countPages(job.format, bytes),
  }
  run.documents.set(job.name, entry)
  // Written at most once a second while rendering (and once at the end): each write serializes every
  // entry, and after each of 405 documents that was about 2 s of the main thread's CPU. A hard kill
  // loses at most the last second's entries, whose files the next run makes again.
  const now = performance.now()
  if (now - run.manifestWritten >= manifestInterval) {
    writeManifest(run.options.outDir, run.options.version, run.documents, run.order)
    run.manifestWritten = now
  }
  run.rendered++
  run.emit({type: 'done', job, entry, ms: performance.now() - started})
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error)
}

function specRecord(spec: BriefSpec): Record<string, unknown> {
  const {origin: _origin, ...rest} = spec
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>
}

/** Pages of a PDF, slides of a PPTX; null where the reader paginates. */
async function countPages(format: Format, bytes: Uint8Array): Promise<number | null> {
  if (format === 'pdf' || format === 'slides' || format === 'handout') {
    // Our PDFs are saved by pdf-lib without object streams: each page is a plain `/Type /Page`
    // dictionary, found in milliseconds where parsing the whole file again took 50–300 ms a file.
    const pages = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0
    // pdf-lib only when that fails: a batch with nothing to make does not load it (about 90 ms).
    return pages > 0 ? pages : (await (await import('pdf-lib')).PDFDocument.load(bytes, {updateMetadata: false})).getPageCount()
  }
  if (format === 'pptx') {
    // Zip entry names are stored uncompressed: count the slide parts.
    const names = new Set(Buffer.from(bytes).toString('latin1').match(/ppt\/slides\/slide\d+\.xml/g) ?? [])
    return names.size
  }
  return null
}
