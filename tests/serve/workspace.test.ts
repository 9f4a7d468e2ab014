import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {sharedBrowser} from '../helpers/browser.js'
import {sharedServer} from './server-process.js'

const browser = sharedBrowser()
const server = sharedServer()

const profilePath = () => join(server().content, 'countries', 'CL.yaml')

describe('briefs serve in a real browser', () => {
  it('prints its URL first, on a free port of 127.0.0.1', () => {
    expect(server().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(server().port).toBeGreaterThan(0)
  })

  it('composes Chile + guideline VII: 17 recommendations, and the downloaded PDF holds them', async () => {
    const page = await browser().newPage()
    try {
      await page.goto(`${server().url}?lang=en`)
      await page.select('select[name=country]', 'CL')
      await page.click('input[name=guideline][value=VII]')
      // Script on: the count follows the form without a submit.
      await page.waitForFunction(() => document.getElementById('count')?.dataset['count'] === '17', {timeout: 20_000})
      expect(await page.$eval('#count', (e) => e.textContent)).toBe('17 recommendations')
      expect(await page.$$eval('#recs li', (items) => items.length)).toBe(17)
      const href = await page.$eval('#downloads a[data-format=pdf]', (a) => (a as HTMLAnchorElement).href)
      const response = await fetch(href)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="country-cl-g-vii-en.pdf"')
      const file = join(tmpdir(), `serve-${process.pid}.pdf`)
      writeFileSync(file, Buffer.from(await response.arrayBuffer()))
      const text = execFileSync('pdftotext', ['-layout', file, '-'], {encoding: 'utf8'}).replace(/\s+/g, ' ')
      expect(text).toContain('Brief for Chile')
      const select = (await (await fetch(`${server().url}api/select?country=CL&guideline=VII`)).json()) as {recommendations: {number: number}[]}
      expect(select.recommendations).toHaveLength(17)
      for (const {number} of select.recommendations) expect(text).toMatch(new RegExp(`(^|\\D)${number}(\\D|$)`))
    } finally {
      await page.close()
    }
  }, 120_000)

  it('compose works with script disabled: the form submits and the page shows the selection', async () => {
    const page = await browser().newPage()
    try {
      await page.setJavaScriptEnabled(false)
      await page.goto(server().url)
      await page.select('select[name=country]', 'CL')
      await page.click('input[name=guideline][value=VII]')
      await Promise.all([page.waitForNavigation(), page.click('#compose button[type=submit]')])
      expect(new URL(page.url()).searchParams.get('country')).toBe('CL')
      expect(await page.$eval('#count', (e) => (e as HTMLElement).dataset['count'])).toBe('17')
      expect(await page.$$eval('#recs li', (items) => items.length)).toBe(17)
      expect(await page.$eval('#preview', (e) => e.getAttribute('src'))).toContain('guideline=VII')
    } finally {
      await page.close()
    }
  }, 60_000)

  it('edits CL\'s profile: save, reload, the change is there and the file keeps its comments', async () => {
    const page = await browser().newPage()
    try {
      await page.goto(`${server().url}countries/CL?guideline=VII`)
      await page.$eval('textarea[name=context]', (e) => ((e as HTMLTextAreaElement).value = 'Contexto escrito desde el navegador.'))
      const first = await page.$eval('#profile tbody tr', (tr) => tr.id.slice(4))
      await page.select(`select[name="a.${first}.status"]`, 'in-progress')
      await page.type(`textarea[name="a.${first}.note"]`, 'Mesa de trabajo instalada.')
      await Promise.all([page.waitForNavigation(), page.click('#profile button[type=submit]')])
      expect(await page.$('#saved')).not.toBeNull()
      await page.reload()
      expect(await page.$eval('textarea[name=context]', (e) => (e as HTMLTextAreaElement).value)).toBe('Contexto escrito desde el navegador.')
      expect(await page.$eval(`select[name="a.${first}.status"]`, (e) => (e as HTMLSelectElement).value)).toBe('in-progress')
      const yaml = readFileSync(profilePath(), 'utf8')
      expect(yaml).toContain('# Perfil de país: Chile (CL)')
      expect(yaml).toContain('Mesa de trabajo instalada.')
      expect(yaml).toMatch(new RegExp(`\\n  ${first}:\\n    status: in-progress`))
    } finally {
      await page.close()
    }
  }, 60_000)

  it('two tabs saving the same profile: the second gets the conflict, sees the first\'s version, and keeps its own text', async () => {
    const [a, b] = [await browser().newPage(), await browser().newPage()]
    try {
      await a.goto(`${server().url}countries/CL?guideline=I`)
      await b.goto(`${server().url}countries/CL?guideline=I`)
      await a.bringToFront()
      await a.$eval('textarea[name=context]', (e) => ((e as HTMLTextAreaElement).value = 'Versión de la pestaña A.'))
      await Promise.all([a.waitForNavigation(), a.click('#profile button[type=submit]')])
      expect(await a.$('#saved')).not.toBeNull()
      await b.bringToFront()
      await b.$eval('textarea[name=context]', (e) => ((e as HTMLTextAreaElement).value = 'Versión de la pestaña B.'))
      const [response] = await Promise.all([b.waitForNavigation(), b.click('#profile button[type=submit]')])
      expect(response?.status()).toBe(409)
      expect(await b.$('#conflict')).not.toBeNull()
      expect(await b.$eval('#theirs', (e) => e.textContent)).toContain('Versión de la pestaña A.')
      expect(await b.$eval('textarea[name=context]', (e) => (e as HTMLTextAreaElement).value)).toBe('Versión de la pestaña B.')
      // Nothing lost: the file holds A's save; B's text is still in B's form.
      expect(readFileSync(profilePath(), 'utf8')).toContain('Versión de la pestaña A.')
      // Having seen A's version, B saves on purpose.
      await Promise.all([b.waitForNavigation(), b.click('#profile button[type=submit]')])
      expect(await b.$('#saved')).not.toBeNull()
      expect(readFileSync(profilePath(), 'utf8')).toContain('Versión de la pestaña B.')
    } finally {
      await a.close()
      await b.close()
    }
  }, 60_000)

  it('shows a field\'s problem beside it and writes nothing', async () => {
    const before = readFileSync(profilePath(), 'utf8')
    const page = await browser().newPage()
    try {
      await page.goto(`${server().url}countries/CL?guideline=III&lang=en`)
      const first = await page.$eval('#profile tbody tr', (tr) => tr.id.slice(4))
      await page.select(`select[name="a.${first}.status"]`, 'implemented')
      await page.type(`input[name="a.${first}.evidence"]`, 'not a url')
      const [response] = await Promise.all([page.waitForNavigation(), page.click('#profile button[type=submit]')])
      expect(response?.status()).toBe(422)
      const message = await page.$eval(`#rec-${first} input[name="a.${first}.evidence"] + .field-error`, (e) => e.textContent)
      expect(message).toMatch(/URL/i)
      expect(readFileSync(profilePath(), 'utf8')).toBe(before)
    } finally {
      await page.close()
    }
  }, 60_000)

  it('downloads the self-assessment spreadsheet, and imports it filled in: the profile shows the answer', async () => {
    const response = await fetch(`${server().url}api/countries/CL/assessment.xlsx`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="CL-assessment.xlsx"')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never)
    const sheet = book.getWorksheet('Evaluación')!
    const row = sheet.getRow(2)
    const number = Number(row.getCell('A').value)
    row.getCell('D').value = 'Implementada'
    row.getCell('E').value = 'Importado desde la planilla.'
    const dir = join(tmpdir(), `serve-upload-${process.pid}`)
    mkdirSync(dir, {recursive: true})
    const file = join(dir, 'CL-assessment.xlsx')
    await book.xlsx.writeFile(file)
    const page = await browser().newPage()
    try {
      await page.goto(`${server().url}countries/CL`)
      const input = await page.$('#upload input[type=file]')
      await (input as unknown as {uploadFile(path: string): Promise<void>}).uploadFile(file)
      await Promise.all([page.waitForNavigation(), page.click('#upload button[type=submit]')])
      expect(await page.$eval('#imported', (e) => e.textContent)).toMatch(/1/)
      expect(await page.$eval(`select[name="a.${number}.status"]`, (e) => (e as HTMLSelectElement).value)).toBe('implemented')
      const yaml = readFileSync(profilePath(), 'utf8')
      expect(yaml).toContain('Importado desde la planilla.')
      expect(yaml).toMatch(/imported:\n  form: CL-assessment\.xlsx/)
      // A form for another country is refused with the CLI's message, and nothing changes.
      const before = readFileSync(profilePath(), 'utf8')
      const other = join(dir, 'AR-assessment.xlsx')
      await book.xlsx.writeFile(other)
      await page.goto(`${server().url}countries/CL`)
      await (await page.$('#upload input[type=file]') as unknown as {uploadFile(path: string): Promise<void>}).uploadFile(other)
      const [answer] = await Promise.all([page.waitForNavigation(), page.click('#upload button[type=submit]')])
      expect(answer?.status()).toBe(422)
      expect(await page.$eval('#upload-error', (e) => e.textContent)).toMatch(/AR-assessment\.xlsx: the file name says AR but the form is for CL/)
      expect(readFileSync(profilePath(), 'utf8')).toBe(before)
    } finally {
      await page.close()
    }
  }, 120_000)

  it('the language switch follows the editions: a page in English shows the English edition\'s titles and texts', async () => {
    const project = loadProject()
    const en = project.edition('en')!.model
    const es = project.primary.model
    const title = (model: typeof en, id: string) => model.guidelines.find((g) => g.id === id)!.title
    // Otherwise the test could not tell the editions apart.
    expect(title(en, 'VII')).not.toBe(title(es, 'VII'))
    const page = await browser().newPage()
    try {
      await page.setJavaScriptEnabled(false)
      const guidelineLabel = () => page.$eval('input[name=guideline][value=VII]', (input) => input.parentElement!.textContent!.trim())
      await page.goto(`${server().url}?lang=en`)
      expect(await guidelineLabel()).toBe(`VII. ${title(en, 'VII')}`)
      await page.goto(`${server().url}?lang=es`)
      expect(await guidelineLabel()).toBe(`VII. ${title(es, 'VII')}`)

      // The profile form lists each recommendation in the page's language.
      await page.goto(`${server().url}countries/CL?lang=en&guideline=VII`)
      const texts = await page.$$eval('td.text', (cells) => cells.map((c) => c.textContent!.trim()))
      const wanted = en.recommendations.filter((r) => r.guideline === 'VII').map((r) => r.text.trim())
      expect(texts).toEqual(wanted)
      expect(texts).not.toEqual(es.recommendations.filter((r) => r.guideline === 'VII').map((r) => r.text.trim()))
    } finally {
      await page.close()
    }
    // The API's selection too: the same numbers, the English edition's text.
    const select = (await (await fetch(`${server().url}api/select?guideline=VII&lang=en`)).json()) as {lang: string; recommendations: {number: number; text: string}[]}
    expect(select.lang).toBe('en')
    for (const r of select.recommendations) expect(r.text).toBe(en.recommendations.find((x) => x.number === r.number)!.text)
  }, 120_000)

  it('pages carry a strict CSP and no inline script', async () => {
    for (const path of ['', 'countries', 'countries/CL', 'batch']) {
      const response = await fetch(`${server().url}${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
      const body = await response.text()
      expect(body.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull()
    }
    const preview = await fetch(`${server().url}preview?guideline=VII`)
    expect(preview.headers.get('content-security-policy')).toMatch(/sandbox/)
  })
})
