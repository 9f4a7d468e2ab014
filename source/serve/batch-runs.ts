import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {readBatchConfig} from '../batch/config.js'
import {hashFolders} from '../batch/fingerprint.js'
import {contentPaths} from '../content-paths.js'
import {readManifest, type ManifestEntry} from '../batch/manifest.js'
import {runBatch, type BatchEvent} from '../batch/run-batch.js'
import {lockOutputFolder, prepareOutputFolder} from '../output/output-folder.js'
import {removeStaleTemporaries} from '../output/write-atomic.js'
import {defaultDate} from '../render/formats.js'
import {version} from '../version.js'
import {HttpError} from './http-error.js'
import type {Workspace} from './workspace.js'

/** What a page or an event stream shows of a batch. */
export type RunEvent =
  | {readonly type: 'start'; readonly total: number; readonly skipped: number}
  | {readonly type: 'progress'; readonly done: number; readonly total: number; readonly name: string; readonly failed: boolean}
  | {readonly type: 'end'; readonly documents: number; readonly rendered: number; readonly skipped: number; readonly failed: string[]}
  | {readonly type: 'error'; readonly message: string}

export interface RunState {
  readonly config: string
  running: boolean
  done: number
  total: number
  readonly events: RunEvent[]
}

/** Batch configs a page may run: `batch.yaml` and `batches/*.yaml` of the content folder, by name only. */
export function batchConfigs(ws: Workspace): string[] {
  const names = existsSync(ws.paths.batch) ? ['batch.yaml'] : []
  const dir = join(ws.content, 'batches')
  if (existsSync(dir)) for (const name of readdirSync(dir).sort()) if (/^[a-z0-9][a-z0-9-]*\.yaml$/.test(name)) names.push(`batches/${name}`)
  return names
}

/** One batch at a time, on the server's browser; its events kept for the page and every listener. */
export class BatchRuns {
  readonly #ws: Workspace
  #state: RunState | null = null
  readonly #listeners = new Set<(event: RunEvent) => void>()

  constructor(ws: Workspace) {
    this.#ws = ws
  }

  get state(): RunState | null {
    return this.#state
  }

  documents(): ManifestEntry[] {
    return [...readManifest(this.#ws.out).values()]
  }

  listen(listener: (event: RunEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #emit(event: RunEvent): void {
    this.#state?.events.push(event)
    for (const listener of this.#listeners) listener(event)
  }

  /** Start a batch (409 while one runs); resolves when it has started, not when it ends. */
  start(config: string): void {
    if (!batchConfigs(this.#ws).includes(config)) throw new HttpError(400, `Unknown batch config \`${config.slice(0, 80)}\`. Valid values: ${batchConfigs(this.#ws).join(', ')}`)
    if (this.#state?.running) throw new HttpError(409, 'A batch is already running; wait for it to end')
    const project = this.#ws.project()
    const plan = readBatchConfig(join(this.#ws.content, config), project)
    // The CLI's output folder rules: checked and created one level at a time, and held so a `briefs batch` into it refuses.
    const outDir = prepareOutputFolder(this.#ws.out)
    const unlock = lockOutputFolder(outDir, `serve batch ${config}`)
    const state: RunState = {config, running: true, done: 0, total: 0, events: []}
    this.#state = state
    removeStaleTemporaries(outDir)
    const onEvent = (event: BatchEvent) => {
      if (event.type === 'start') {
        state.total = event.total - event.skipped
        this.#emit({type: 'start', total: state.total, skipped: event.skipped})
      } else if (event.type === 'done' || event.type === 'failed') {
        state.done++
        this.#emit({type: 'progress', done: state.done, total: state.total, name: event.job.name, failed: event.type === 'failed'})
      }
    }
    void runBatch({
      project, plan, outDir: this.#ws.out, concurrency: 2, workers: 1, force: false, date: defaultDate, version,
      templatesHash: plan.templates ? hashFolders([contentPaths.templates, plan.templates]) : this.#ws.templatesHash,
      browsers: this.#ws.browser.manager,
      onEvent,
    })
      .finally(unlock)
      .then((result) => {
        state.running = false
        this.#emit({type: 'end', documents: result.documents.length, rendered: result.rendered, skipped: result.skipped, failed: result.failed.map((f) => f.path)})
      })
      .catch((error: unknown) => {
        state.running = false
        this.#emit({type: 'error', message: error instanceof Error ? error.message : String(error)})
      })
  }
}
