import type {Browser, Page} from 'puppeteer-core'
import {afterAll, beforeAll} from 'vitest'
import {BrowserManager} from '../../source/render/browser.js'

/** One Chromium for a test file, from the same manager build and batch use: launched before its tests, closed (with its profile) after. Call at the top level. */
export function sharedBrowser(): () => Browser {
  const browsers = new BrowserManager()
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await browsers.get()
  }, 180_000)
  afterAll(async () => {
    await browsers.close()
  })
  return () => {
    if (!browser) throw new Error('Cannot use the shared browser before the tests start')
    return browser
  }
}

/** Run `use` on a new page of `browser`, closing the page however it ends. */
export async function withPage<T>(browser: Browser, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage()
  try {
    return await use(page)
  } finally {
    await page.close()
  }
}
