import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'
import {projectRoot} from '../content-paths.js'
import {limits} from '../limits.js'
import type {RenderOptions} from '../render/index.js'
import type {WorkerRequest, WorkerResponse} from './render-worker.js'
import type {View} from '../view/view.js'
import type {Format} from '../model/vocabulary.js'
import {errorCode} from '../errors.js'

// Workers run compiled JavaScript: from the TypeScript sources (tests), use the build in dist/.
const workerUrl = import.meta.url.endsWith('.ts') ? pathToFileURL(join(projectRoot, 'dist', 'batch', 'render-worker.js')) : new URL('./render-worker.js', import.meta.url)

/**
 * The young generation of a worker's heap. V8's default (up to 48 MB on this kind of machine) is
 * mostly empty room between scavenges; 6 MB costs a few more of them and keeps the batch's peak
 * memory about 45 MiB lower (docs/benchmarks.md).
 */
const youngGenerationMb = 6

interface Pending {
  readonly resolve: (bytes: Uint8Array) => void
  readonly reject: (error: Error) => void
}

/**
 * Renders on worker threads; one queue, each worker takes the next request
 * when free. Each worker's heap is capped (limit `worker-memory`): a document
 * too large for it kills that worker only, fails that document (the batch
 * retries it once, then reports it) and a fresh worker takes its place.
 */
export class WorkerPool {
  readonly #idle: Worker[] = []
  readonly #busy = new Map<Worker, {id: number} & Pending>()
  readonly #queue: {request: WorkerRequest; pending: Pending}[] = []
  #next = 0
  #closed = false
  #live = 0

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.#idle.push(this.#spawn())
  }

  #spawn(): Worker {
    this.#live++
    const worker = new Worker(workerUrl, {resourceLimits: {maxOldGenerationSizeMb: limits.workerMemoryMb, maxYoungGenerationSizeMb: youngGenerationMb}})
    worker.on('message', (response: WorkerResponse) => {
      const pending = this.#busy.get(worker)
      if (!pending || pending.id !== response.id) return
      this.#busy.delete(worker)
      if ('bytes' in response) pending.resolve(response.bytes)
      else pending.reject(new Error(response.error))
      this.#idle.push(worker)
      this.#dispatch()
    })
    // An error the worker could not catch (out of memory above all) ends it; `exit` follows.
    let failure: Error | null = null
    worker.on('error', (error) => {
      failure = error
    })
    worker.on('exit', () => {
      const pending = this.#busy.get(worker)
      this.#busy.delete(worker)
      const index = this.#idle.indexOf(worker)
      if (index !== -1) this.#idle.splice(index, 1)
      this.#live--
      if (pending) pending.reject(describeWorkerFailure(failure))
      if (this.#closed) return
      // Replace a worker that died on a document; one that dies idle (on start) is not replaced, or it would loop.
      if (pending) {
        this.#idle.push(this.#spawn())
        this.#dispatch()
      } else if (this.#live === 0) {
        for (const queued of this.#queue.splice(0)) queued.pending.reject(describeWorkerFailure(failure))
      }
    })
    return worker
  }

  render(format: Format, view: View, options: Omit<RenderOptions, 'browser'>): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(new Error('The worker pool is closed'))
      if (this.#live === 0) this.#idle.push(this.#spawn())
      this.#queue.push({request: {id: this.#next++, format, view, options}, pending: {resolve, reject}})
      this.#dispatch()
    })
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!
      const {request, pending} = this.#queue.shift()!
      this.#busy.set(worker, {id: request.id, ...pending})
      worker.postMessage(request)
    }
  }

  /** Stop every worker; renders in progress or queued fail. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const {pending} of this.#queue.splice(0)) pending.reject(new Error('The worker pool is closed'))
    const workers = [...this.#idle, ...this.#busy.keys()]
    await Promise.all(workers.map((w) => w.terminate()))
  }
}

function describeWorkerFailure(error: Error | null): Error {
  if (errorCode(error) === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new Error(`the document needs more memory than a worker may use (limit worker-memory = ${limits.workerMemoryMb} MB; raise it with --limit worker-memory=MB)`)
  }
  return error ?? new Error('the worker stopped unexpectedly')
}
