import {execFileSync} from 'node:child_process'
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import JSZip from 'jszip'
import {describe, expect, it} from 'vitest'
import {sharedBrowser} from '../helpers/browser.js'
import {createServer} from '../../source/serve/server.js'
import {contentCopy, startServer} from './server-process.js'

describe('briefs serve renders on one shared browser', () => {
  it('a request that waits too long for a render slot gets 503 with Retry-After; the others are answered', async () => {
    const {root, content, out} = contentCopy()
    const {app, url} = await createServer({host: '127.0.0.1', port: 0, token: null, content, out, renderConcurrency: 1, queueTimeoutMs: 300})
    try {
      await app.listen({host: '127.0.0.1', port: 0})
      const answers = await Promise.all(['VII', 'III', 'IX'].map((g) => fetch(`${url()}api/build?guideline=${g}&format=pdf`)))
      const statuses = answers.map((a) => a.status)
      expect(statuses).toContain(200)
      expect(statuses).toContain(503)
      const busy = answers.find((a) => a.status === 503)!
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(((await busy.json()) as {error: string}).error).toMatch(/busy/)
      // The same document again comes from the cache keyed by the manifest's inputs hash: no slot needed.
      const done = ['VII', 'III', 'IX'][statuses.indexOf(200)]
      const again = await fetch(`${url()}api/build?guideline=${done}&format=pdf`)
      expect(again.status).toBe(200)
    } finally {
      await app.close()
      rmSync(root, {recursive: true, force: true})
    }
  }, 120_000)

  it('no browser: a PDF gets 503 with the install hint, while HTML still works', async () => {
    const server = await startServer([], {BRIEFS_CHROME: '/nonexistent/chromium'})
    try {
      const pdf = await fetch(`${server.url}api/build?guideline=VII&format=pdf`)
      expect(pdf.status).toBe(503)
      expect(((await pdf.json()) as {error: string}).error).toMatch(/BRIEFS_CHROME/)
      const md = await fetch(`${server.url}api/build?guideline=VII&format=md`)
      expect(md.status).toBe(200)
      expect(await md.text()).toContain('VII')
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('runs a batch config from the content folder with server-sent progress, then lists and serves its documents', async () => {
    const server = await startServer()
    try {
      mkdirSync(join(server.content, 'batches'))
      writeFileSync(join(server.content, 'batches', 'small.yaml'), 'formats: [pdf, md]\nbriefs:\n  - guidelines: [VII]\n  - audiences: [development-banks]\n')
      const start = await fetch(`${server.url}api/batch`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({config: 'batches/small.yaml'})})
      expect(start.status).toBe(202)
      const events: {type: string; done?: number; total?: number}[] = []
      const stream = await fetch(`${server.url}batch/events`)
      expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
      const text = await stream.text()
      for (const block of text.split('\n\n')) if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)))
      expect(events.at(-1)?.type).toBe('end')
      expect(events.filter((e) => e.type === 'progress').map((e) => e.done)).toEqual([1, 2, 3, 4])
      const state = (await (await fetch(`${server.url}api/batch`)).json()) as {documents: {path: string}[]}
      const names = state.documents.map((d) => d.path).sort()
      expect(names).toEqual(['audience-development-banks-es.md', 'audience-development-banks-es.pdf', 'guideline-vii-es.md', 'guideline-vii-es.pdf'])
      const pdf = await fetch(`${server.url}out/guideline-vii-es.pdf`)
      expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="guideline-vii-es.pdf"')
      const file = join(tmpdir(), `serve-batch-${process.pid}.pdf`)
      writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
      expect(execFileSync('pdftotext', [file, '-'], {encoding: 'utf8'})).toMatch(/LINEAMIENTO VII|Lineamiento VII/i)
      const page = await (await fetch(`${server.url}batch`)).text()
      expect(page).toContain('href="/out/guideline-vii-es.pdf"')
    } finally {
      await server.stop()
    }
  }, 180_000)
})

describe('downloads and the batch page in a real browser', () => {
  const browser = sharedBrowser()

  it('"all formats" is one zip holding every format of the brief', async () => {
    const server = await startServer()
    try {
      const response = await fetch(`${server.url}api/build?guideline=VII&format=all`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="guideline-vii-es.zip"')
      const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()))
      expect(Object.keys(zip.files).sort()).toEqual(['guideline-vii-es.docx', 'guideline-vii-es.handout.pdf', 'guideline-vii-es.html', 'guideline-vii-es.json', 'guideline-vii-es.md', 'guideline-vii-es.pdf', 'guideline-vii-es.pptx', 'guideline-vii-es.slides.pdf'])
      expect(await zip.file('guideline-vii-es.md')!.async('string')).toMatch(/Profundizar la territorializaci[oó]n/i)
      expect((await zip.file('guideline-vii-es.pdf')!.async('nodebuffer')).subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      await server.stop()
    }
  }, 180_000)

  it('the batch page runs a batch, shows how it ended and links the documents', async () => {
    const server = await startServer()
    const page = await browser().newPage()
    try {
      mkdirSync(join(server.content, 'batches'))
      writeFileSync(join(server.content, 'batches', 'one.yaml'), 'formats: [pdf, md]\nbriefs:\n  - guidelines: [IX]\n')
      await page.goto(`${server.url}batch?lang=en`)
      await page.select('select[name=config]', 'batches/one.yaml')
      await Promise.all([page.waitForNavigation(), page.click('#batch button[type=submit]')])
      await page.waitForFunction(() => document.querySelectorAll('#documents a[href^="/out/"]').length === 2, {timeout: 120_000})
      expect(await page.$eval('#progress', (e) => e.textContent)).toMatch(/Finished: 2 made, 0 unchanged, 0 failed/)
      expect(await page.$$eval('#documents a', (links) => links.map((a) => a.getAttribute('href')).sort())).toEqual(['/out/guideline-ix-es.md', '/out/guideline-ix-es.pdf'])
    } finally {
      await page.close()
      await server.stop()
    }
  }, 180_000)
})
