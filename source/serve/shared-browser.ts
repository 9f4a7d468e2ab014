import type {Browser} from 'puppeteer-core'
import {BrowserManager} from '../render/browser.js'
import {HttpError} from './http-error.js'

export interface SharedBrowserOptions {
  /** Renders at once on the browser. */
  readonly concurrency: number
  /** How long a render may wait for its turn before the request is answered 503. */
  readonly queueTimeoutMs: number
}

/**
 * The server's render slots over its one `BrowserManager` (which launches the
 * browser on first need, again if it died, and closes it when the server
 * stops). Renders take a slot; a request that cannot get one in time is
 * refused with 503 and `Retry-After`, never left hanging. Batches borrow the
 * same manager (`manager`), so the server runs one browser, never two.
 */
export class SharedBrowser {
  readonly #options: SharedBrowserOptions
  /** The server's one browser life; lent to batches (`runBatch({browsers})`), closed only by `close()`. */
  readonly manager = new BrowserManager()
  #active = 0
  readonly #waiting: {grant: () => void; timer: NodeJS.Timeout}[] = []
  #closed = false

  constructor(options: SharedBrowserOptions) {
    this.#options = options
  }

  get active(): number {
    return this.#active
  }

  get queued(): number {
    return this.#waiting.length
  }

  /** The browser, launched if needed (an environment error when there is none: 503). */
  async browser(): Promise<Browser> {
    if (this.#closed) throw new HttpError(503, 'The server is stopping', {headers: {'retry-after': '5'}})
    return this.manager.get()
  }

  /** Run `work` with a render slot and the browser. */
  async withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
    await this.#acquire()
    try {
      return await work(await this.browser())
    } finally {
      this.#release()
    }
  }

  #acquire(): Promise<void> {
    if (this.#active < this.#options.concurrency) {
      this.#active++
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer)
          this.#active++
          resolve()
        },
        timer: setTimeout(() => {
          const index = this.#waiting.indexOf(entry)
          if (index >= 0) this.#waiting.splice(index, 1)
          const seconds = Math.max(1, Math.ceil(this.#options.queueTimeoutMs / 1000))
          reject(new HttpError(503, `Every renderer is busy (${this.#active} at work, ${this.#waiting.length} waiting); try again in ${seconds} s`, {headers: {'retry-after': String(seconds)}}))
        }, this.#options.queueTimeoutMs),
      }
      this.#waiting.push(entry)
    })
  }

  #release(): void {
    this.#active--
    this.#waiting.shift()?.grant()
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const entry of this.#waiting.splice(0)) clearTimeout(entry.timer)
    await this.manager.close()
  }
}
