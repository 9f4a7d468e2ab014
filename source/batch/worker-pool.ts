import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'
import {projectRoot} from '../content-paths.js'
import type {Format, RenderOptions} from '../render/index.js'
import type {View} from '../select/view.js'
import type {WorkerRequest, WorkerResponse} from './render-worker.js'

// Workers run compiled JavaScript: from the TypeScript sources (tests), use the build in dist/.
const workerUrl = import.meta.url.endsWith('.ts') ? pathToFileURL(join(projectRoot, 'dist', 'batch', 'render-worker.js')) : new URL('./render-worker.js', import.meta.url)

/** Renders on worker threads; one queue, each worker takes the next request when free. */
export class WorkerPool {
  readonly #workers: Worker[] = []
  readonly #idle: Worker[] = []
  readonly #queue: {request: WorkerRequest; resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void}[] = []
  readonly #pending = new Map<number, {resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void; worker: Worker}>()
  #next = 0

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerUrl)
      worker.on('message', (response: WorkerResponse) => {
        const pending = this.#pending.get(response.id)
        if (!pending) return
        this.#pending.delete(response.id)
        if ('bytes' in response) pending.resolve(response.bytes)
        else pending.reject(new Error(response.error))
        this.#release(worker)
      })
      worker.on('error', (error) => {
        for (const [id, pending] of this.#pending) {
          if (pending.worker === worker) {
            this.#pending.delete(id)
            pending.reject(error)
          }
        }
      })
      this.#workers.push(worker)
      this.#idle.push(worker)
    }
  }

  render(format: Format, view: View, options: Omit<RenderOptions, 'browser'>): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.#queue.push({request: {id: this.#next++, format, view, options}, resolve, reject})
      this.#dispatch()
    })
  }

  #release(worker: Worker): void {
    this.#idle.push(worker)
    this.#dispatch()
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!
      const {request, resolve, reject} = this.#queue.shift()!
      this.#pending.set(request.id, {resolve, reject, worker})
      worker.postMessage(request)
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()))
  }
}
