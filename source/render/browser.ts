import {existsSync} from 'node:fs'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import puppeteer, {type Browser, type Page} from 'puppeteer-core'
import {environmentError} from '../errors.js'
import {fontFile} from './fonts.js'

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
  close(): Promise<void>
}

/** Launch one headless browser for the whole process; the caller closes it (also on error). */
export async function launchBrowser(executablePath: string = findBrowser()): Promise<BrowserHandle> {
  const profile = mkdtempSync(join(tmpdir(), 'briefs-chrome-'))
  let browser: Browser
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      // The batch handles Ctrl-C itself (finish cleanly, no partial files); puppeteer would exit the process.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
        '--font-render-hinting=none',
      ],
    })
  } catch (error) {
    rmSync(profile, {recursive: true, force: true})
    throw environmentError(`Cannot start the browser at ${executablePath}: ${(error as Error).message.split('\n')[0]}\n${installHint}`)
  }
  return {
    browser,
    async close() {
      await browser.close().catch(() => {})
      rmSync(profile, {recursive: true, force: true})
    },
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
export async function openInertPage(browser: Browser): Promise<{page: Page; blocked: string[]}> {
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
