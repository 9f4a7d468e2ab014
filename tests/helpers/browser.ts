import type {Browser} from 'puppeteer-core'
import {afterAll, beforeAll} from 'vitest'
import {launchBrowser, type BrowserHandle} from '../../source/render/browser.js'

/** One Chromium for a test file, as a batch shares one: launched before its tests, closed after. Call at the top level. */
export function sharedBrowser(): () => Browser {
  let handle: BrowserHandle | undefined
  beforeAll(async () => {
    handle = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await handle?.close()
  })
  return () => {
    if (!handle) throw new Error('Cannot use the shared browser before the tests start')
    return handle.browser
  }
}
