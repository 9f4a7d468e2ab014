import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import puppeteer, {type Browser, type Page} from 'puppeteer-core'
import {environmentError, firstLine} from '../errors.js'
import {onExit} from '../shutdown.js'
import {fontFile} from './fonts.js'
import {isAlive} from '../is-alive.js'

/** Where Chromium or Chrome usually lives, after `BRIEFS_CHROME`. */
const candidates = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

export const installHint =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set BRIEFS_CHROME to the path of a Chromium or Chrome executable.'

/** The browser executable: `BRIEFS_CHROME`, then the usual locations. Exit 3 when none. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['BRIEFS_CHROME']
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw environmentError(`Cannot find the browser BRIEFS_CHROME points to: ${fromEnv}\n${installHint}`)
    return fromEnv
  }
  const found = candidates.find((path) => existsSync(path))
  if (!found) throw environmentError(`Cannot find Chromium or Chrome (looked in BRIEFS_CHROME and ${candidates.slice(0, 5).join(', ')}).\n${installHint}`)
  return found
}

export interface BrowserHandle {
  readonly browser: Browser
  /** The temporary profile folder, removed on close. */
  readonly profile: string
  close(): Promise<void>
}

/** Temporary profiles are named after the process that made them, so a later run can tell which are orphans. */
const profilePrefix = 'briefs-chrome-'
const profileName = new RegExp(`^${profilePrefix}(\\d+)-`)

/**
 * Remove the profiles of runs that no longer exist (a run killed with
 * SIGKILL cannot clean up; its Chromium exits by itself, since it talks to
 * us over a pipe, but the profile stays). Profiles of live processes are kept.
 */
export function sweepOrphanProfiles(dir: string = tmpdir()): string[] {
  const removed: string[] = []
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return removed
  }
  for (const name of names) {
    const pid = Number(profileName.exec(name)?.[1])
    if (!pid || pid === process.pid || isAlive(pid)) continue
    rmSync(join(dir, name), {recursive: true, force: true, maxRetries: 3})
    removed.push(name)
  }
  return removed
}

/**
 * Launch one headless browser. Prefer `BrowserManager`, which launches
 * lazily, relaunches after a crash and is disposed of on every way out; this
 * is the primitive under it. The browser is killed and its profile removed
 * when the process exits, even if `close()` was never called.
 */
export async function launchBrowser(executablePath: string = findBrowser()): Promise<BrowserHandle> {
  sweepOrphanProfiles()
  const profile = mkdtempSync(join(tmpdir(), `${profilePrefix}${process.pid}-`))
  let browser: Browser | undefined
  // Registered before launching: an exit during the launch must not leave the profile (or the browser).
  const unregister = onExit(() => {
    killBrowser(browser)
    // Interrupted while launching, puppeteer has not handed us the process yet: find it by its profile.
    killProfileProcesses(profile)
    rmSync(profile, {recursive: true, force: true, maxRetries: 3})
  })
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      // Over a pipe, Chromium exits when this process dies, however it dies (even SIGKILL).
      pipe: true,
      // Signals are handled once for the whole process (shutdown.ts); puppeteer would exit the process.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
        '--font-render-hinting=none',
        // Memory (issue 15): Chromium's low-end device mode keeps smaller caches in each renderer, and
        // no spare renderer is started ahead of the next page. A reused print page holds less of the
        // documents it printed before: peak memory of the default batch about 70 MiB lower, every byte of
        // its 406 files the same (docs/benchmarks.md).
        '--enable-low-end-device-mode',
        '--disable-features=SpareRendererForSitePerProcess',
      ],
    })
    // The tab Chromium opens at start is never printed in: its renderer would only hold memory.
    for (const tab of await browser.pages()) await tab.close()
  } catch (error) {
    unregister()
    rmSync(profile, {recursive: true, force: true, maxRetries: 3})
    throw environmentError(`Cannot start the browser at ${executablePath}: ${firstLine(error)}\n${installHint}`)
  }
  const launched = browser
  let closing: Promise<void> | null = null
  return {
    browser: launched,
    profile,
    close() {
      closing ??= (async () => {
        await Promise.race([launched.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000).unref())])
        killBrowser(launched)
        killProfileProcesses(profile)
        unregister()
        rmSync(profile, {recursive: true, force: true, maxRetries: 3})
      })()
      return closing
    },
  }
}

/**
 * SIGKILL every process started with this profile (Linux: read from /proc),
 * then wait briefly until they are gone, so none writes into the profile
 * after it is removed.
 */
function killProfileProcesses(profile: string): void {
  let pids: number[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number)
  } catch {
    return
  }
  const marker = `--user-data-dir=${profile}`
  const killed: number[] = []
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker)) continue
      process.kill(pid, 'SIGKILL')
      killed.push(pid)
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    } catch {
      return false
    }
  }
  const until = Date.now() + 2000
  const pause = new Int32Array(new SharedArrayBuffer(4))
  while (killed.some(alive) && Date.now() < until) Atomics.wait(pause, 0, 0, 20)
}

/** Kill the browser's whole process group at once (puppeteer starts it as a group leader). */
function killBrowser(browser: Browser | undefined): void {
  const pid = browser?.process()?.pid
  if (!pid) return
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/**
 * The one browser of a command (build, batch, serve, a test file): launched
 * on first need, launched again if it crashed, closed with its profile by
 * `close()` or `await using`, and on any way out of the process.
 *
 *     await using browsers = new BrowserManager()
 *     const browser = await browsers.get()
 */
export class BrowserManager implements AsyncDisposable {
  #handle: BrowserHandle | null = null
  #launching: Promise<BrowserHandle> | null = null
  #restarts = 0
  #closed = false
  readonly #executablePath: string | undefined
  readonly #restartListeners = new Set<() => void>()

  constructor(options: {executablePath?: string; onRestart?: () => void} = {}) {
    this.#executablePath = options.executablePath
    if (options.onRestart) this.#restartListeners.add(options.onRestart)
  }

  /**
   * Be told when a browser that stopped is replaced; returns the way to stop
   * listening. A manager lent to someone (a batch run by `briefs serve`) tells
   * its borrower this way.
   */
  onRestart(listener: () => void): () => void {
    this.#restartListeners.add(listener)
    return () => this.#restartListeners.delete(listener)
  }

  /** The browser, launched now if there is none or the last one stopped. */
  async get(): Promise<Browser> {
    return (await this.handle()).browser
  }

  /** Like `get`, with the profile folder (for tests and progress). */
  async handle(): Promise<BrowserHandle> {
    if (this.#closed) throw new Error('BrowserManager: get() after close()')
    if (this.#handle?.browser.connected) return this.#handle
    this.#launching ??= (async () => {
      const dead = this.#handle
      this.#handle = null
      if (dead) {
        await dead.close()
        this.#restarts++
        for (const listener of this.#restartListeners) listener()
      }
      const handle = await launchBrowser(this.#executablePath)
      if (this.#closed) {
        await handle.close()
        throw new Error('BrowserManager: closed while launching')
      }
      return (this.#handle = handle)
    })().finally(() => {
      this.#launching = null
    })
    return this.#launching
  }

  /** Times a browser that stopped was replaced. */
  get restarts(): number {
    return this.#restarts
  }

  /** True once `close()` was called: `get()` refuses from then on. */
  get closed(): boolean {
    return this.#closed
  }

  /** The running browser, if one is (without launching one). */
  get current(): BrowserHandle | null {
    return this.#handle
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#launching?.catch(() => {})
    await this.#handle?.close()
    this.#handle = null
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }
}

/** Requests a page made by an inert render may make: inline `data:` (and the initial about:blank); the bundled fonts are answered in process. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith('data:') || url === 'about:blank'
}

/**
 * A fresh page that runs no script and reaches no network: JavaScript off,
 * the project's own font files answered from memory, every other request
 * but `data:` refused. `blocked` records refused URLs.
 */
export interface InertPage {
  readonly page: Page
  /** URLs refused since the list was last emptied. */
  readonly blocked: string[]
}

export async function openInertPage(browser: Browser): Promise<InertPage> {
  const page = await browser.newPage()
  await page.setJavaScriptEnabled(false)
  return {page, blocked: await guardRequests(page)}
}

/**
 * A page with the same request policy but script on, for tests that measure
 * a layout in the page (never for rendering documents).
 */
export async function openMeasuringPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage()
  await guardRequests(page)
  return page
}

async function guardRequests(page: Page): Promise<string[]> {
  const blocked: string[] = []
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return
    const url = request.url()
    const font = fontFile(url)
    if (font) void request.respond({status: 200, contentType: 'font/woff2', headers: {'access-control-allow-origin': '*'}, body: Buffer.from(font)})
    else if (isAllowedRequest(url)) void request.continue()
    else {
      blocked.push(url)
      void request.abort('blockedbyclient')
    }
  })
  return blocked
}
