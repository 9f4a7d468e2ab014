import {execFileSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sharedBrowser, withPage} from '../helpers/browser.js'
import {answering, writeIllustrativeProfiles} from '../helpers/illustrative.js'
import {startServer, type RunningServer} from './server-process.js'

/** The Region page of `briefs serve` (issue 23, part 4), in a real browser, over three illustrative Caribbean profiles. */

const browser = sharedBrowser()
let server: RunningServer
beforeAll(async () => {
  server = await startServer()
  writeIllustrativeProfiles(join(server.content, 'countries'))
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

describe('the Region page', () => {
  it('lists who has answered and who has not, each linking to its profile page, and draws the matrix', async () => {
    await withPage(browser(), async (page) => {
      await page.goto(`${server.url}region?region=caribbean&lang=en`)
      expect(await page.$eval('#answered', (e) => e.textContent?.trim())).toBe('3 of 13 countries have sent a self-assessment')
      const answered = await page.$$eval('#answered-list a', (links) => links.map((a) => (a as HTMLAnchorElement).pathname))
      expect(answered.sort()).toEqual(Object.keys(answering).map((c) => `/countries/${c}`).sort())
      expect(await page.$$eval('#not-yet-list a', (links) => links.length)).toBe(10)
      expect(await page.$$eval('#matrix tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset['country']).sort())).toEqual(Object.keys(answering).sort())
      // 14 guidelines and the total; each cell coloured from the ramp or marked empty.
      expect(await page.$$eval('#matrix thead th', (cells) => cells.length)).toBe(16)
      const shaded = await page.$$eval('#matrix tbody td', (cells) => cells.map((c) => getComputedStyle(c).backgroundColor))
      expect(new Set(shaded).size).toBeGreaterThan(2)
      // A profile link opens the country's page.
      await Promise.all([page.waitForNavigation(), page.click('#answered-list a')])
      expect(new URL(page.url()).pathname).toMatch(/^\/countries\/(JM|BB|TT)$/)
    })
  }, 120_000)

  it('filters by region and guideline through its form (no script needed)', async () => {
    await withPage(browser(), async (page) => {
      await page.setJavaScriptEnabled(false)
      await page.goto(`${server.url}region?lang=en`)
      expect(await page.$eval('#answered', (e) => e.textContent?.trim())).toBe('3 of 33 countries have sent a self-assessment')
      await page.select('select[name=region]', 'caribbean')
      await page.select('select[name=guideline]', 'VII')
      await Promise.all([page.waitForNavigation(), page.click('#region-filters button[type=submit]')])
      expect(await page.$$eval('#matrix thead th', (cells) => cells.map((c) => c.textContent?.trim()))).toEqual(['Country', 'VII', 'Total'])
      await page.select('select[name=region]', 'south-america')
      await Promise.all([page.waitForNavigation(), page.click('#region-filters button[type=submit]')])
      expect(await page.$eval('#answered', (e) => e.textContent?.trim())).toBe('0 of 10 countries have sent a self-assessment')
      expect(await page.$('#matrix')).toBeNull()
    })
  }, 120_000)

  it('downloads the region brief it shows', async () => {
    await withPage(browser(), async (page) => {
      await page.goto(`${server.url}region?region=caribbean&guideline=VII&lang=en`)
      const href = await page.$eval('#downloads a[href*="format=pdf"]', (a) => (a as HTMLAnchorElement).href)
      const response = await fetch(href)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="region-caribbean-g-vii-en.pdf"')
      const file = join(mkdtempSync(join(tmpdir(), 'briefs-region-page-')), 'region.pdf')
      writeFileSync(file, Buffer.from(await response.arrayBuffer()))
      const text = execFileSync('pdftotext', [file, '-'], {encoding: 'utf8'}).replace(/\s+/g, ' ')
      expect(text).toContain('3 of 13 countries have sent a self-assessment')
      expect(text).toContain('Illustrative example — not an official assessment')
    })
  }, 120_000)
})
