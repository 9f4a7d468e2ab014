import {existsSync, statSync} from 'node:fs'
import {PDFDocument} from 'pdf-lib'
import type {Project} from '../annotate/load-project.js'
import {usageError} from '../errors.js'
import {safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {BrowserManager, type BrowserHandle} from '../render/browser.js'
import {browserFormats, extensions, rendererFor, type RenderOptions} from '../render/index.js'
import {select} from '../select/index.js'
import type {BriefSpec} from '../select/spec.js'
import type {BatchPlan} from './config.js'
import {sha256} from './fingerprint.js'
import {WorkerPool} from './worker-pool.js'
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
    for (const format of brief.formats) {
      const name = `${view.slug}.${extensions[format]}`
      if (seen.has(name)) throw usageError(`Two briefs of the batch would both write ${name}; give one a different title or filters`)
      seen.set(name, brief.spec)
      const renderOptions = {paper: brief.paper, templates: options.plan.templates, date: options.date, handoutLayout: options.plan.handoutLayout}
      jobs.push({
        view, spec: brief.spec, format, name,
        path: safeJoin(options.outDir, name),
        options: renderOptions,
        inputsHash: inputsHash({version: options.version, templatesHash: options.templatesHash, viewHash, format, options: renderOptions}),
      })
    }
  }
  return jobs
}

/** sha256 of everything a document is made from: the manifest's `inputsHash` (and the key of `briefs serve`'s cache). */
export function inputsHash(of: {version: string; templatesHash: string; viewHash: string; format: Format; options: Omit<RenderOptions, 'browser'>}): string {
  const renderOptions = {...of.options, date: of.options.date.toISOString()}
  return sha256(JSON.stringify({version: of.version, templates: of.templatesHash, viewHash: of.viewHash, format: of.format, renderOptions}))
}

/** Render a batch on one shared browser with a pool of pages; failures are retried once, then reported. */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now()
  const jobs = planJobs(options)
  const previous = readManifest(options.outDir)
  const fresh = (job: BatchJob) => {
    const entry = previous.get(job.name)
    return entry !== undefined && entry.inputsHash === job.inputsHash && existsSync(job.path) && statSync(job.path).size === entry.size
  }
  const todo = options.force ? jobs : jobs.filter((job) => !fresh(job))
  // Every complete file on disk keeps its entry until replaced: the manifest matches the disk at every moment.
  const documents = entriesOnDisk(options.outDir)
  const order = jobs.map((job) => job.name)

  // A lent manager outlives the batch: the batch listens to its restarts only while it runs, and never closes it.
  const lent = options.browsers
  const browsers = lent ?? new BrowserManager()
  const restartsBefore = browsers.restarts
  const emit = (event: BatchEvent) => options.onEvent?.(event, {browser: browsers.current})
  const stopListening = browsers.onRestart(() => emit({type: 'browser-restarted'}))

  emit({type: 'start', total: jobs.length, skipped: jobs.length - todo.length})
  for (const job of jobs) if (!todo.includes(job)) emit({type: 'skipped', job})

  const failed: {path: string; error: string}[] = []
  let rendered = 0
  // Largest briefs first, so no core sits idle at the end waiting for one long document.
  const bySize = (a: BatchJob, b: BatchJob) => b.view.counts.recommendations - a.view.counts.recommendations
  const browserQueue = todo.filter((j) => browserFormats.has(j.format)).sort(bySize)
  const otherQueue = todo.filter((j) => !browserFormats.has(j.format)).sort(bySize)
  const pool = options.workers > 0 && otherQueue.some((j) => workerFormats.has(j.format)) ? new WorkerPool(options.workers) : null

  const renderOnce = async (job: BatchJob): Promise<Uint8Array> => {
    if (pool && workerFormats.has(job.format)) return pool.render(job.format, job.view, job.options)
    const render = await rendererFor(job.format)
    const shared = browserFormats.has(job.format) ? await browsers.get() : undefined
    return render(job.view, {...job.options, browser: shared})
  }

  const drain = async (queue: BatchJob[]) => {
    for (;;) {
      if (options.signal?.aborted) return
      const job = queue.shift()
      if (!job) return
      const t0 = performance.now()
      let bytes: Uint8Array | null = null
      try {
        bytes = await renderOnce(job)
      } catch (error) {
        if (options.signal?.aborted) return
        emit({type: 'retry', job, error: messageOf(error)})
        try {
          // A fresh page comes with every render; a dead browser is replaced by `browser()`.
          bytes = await renderOnce(job)
        } catch (again) {
          if (options.signal?.aborted) return
          failed.push({path: job.path, error: messageOf(again)})
          emit({type: 'failed', job, error: messageOf(again)})
          continue
        }
      }
      if (options.signal?.aborted) return
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
      documents.set(job.name, entry)
      writeManifest(options.outDir, options.version, documents, order)
      rendered++
      emit({type: 'done', job, entry, ms: performance.now() - t0})
    }
  }

  // Interrupted: stop the documents in progress now rather than waiting for them (they would not be written).
  const stopNow = () => {
    if (!lent) void browsers.close()
    void pool?.close()
  }
  options.signal?.addEventListener('abort', stopNow, {once: true})
  try {
    // Browser pages and worker threads work side by side, each on its own queue.
    await Promise.all([
      ...Array.from({length: Math.max(1, options.concurrency)}, () => drain(browserQueue)),
      ...Array.from({length: Math.max(1, options.workers)}, () => drain(otherQueue)),
    ])
  } finally {
    options.signal?.removeEventListener('abort', stopNow)
    stopListening()
    if (!lent) await browsers.close()
    await pool?.close()
  }
  // The manifest lists, plan order first, every document that exists and is complete.
  writeManifest(options.outDir, options.version, documents, order)
  const list = jobs.flatMap((job) => (documents.has(job.name) ? [documents.get(job.name)!] : []))
  return {
    documents: list,
    rendered,
    skipped: jobs.length - todo.length,
    failed,
    pages: list.reduce((sum, d) => sum + (d.pages ?? 0), 0),
    ms: performance.now() - started,
    interrupted: options.signal?.aborted ?? false,
    browserRestarts: browsers.restarts - restartsBefore,
  }
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
    return pages > 0 ? pages : (await PDFDocument.load(bytes, {updateMetadata: false})).getPageCount()
  }
  if (format === 'pptx') {
    // Zip entry names are stored uncompressed: count the slide parts.
    const names = new Set(Buffer.from(bytes).toString('latin1').match(/ppt\/slides\/slide\d+\.xml/g) ?? [])
    return names.size
  }
  return null
}
