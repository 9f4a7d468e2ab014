import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {dirname, join, relative, resolve, sep} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Page} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {loadLabels} from '../../source/labels/index.js'
import {languages, type Language} from '../../source/model/vocabulary.js'
import type {Model} from '../../source/model/types.js'
import {sharedBrowser, withPage} from '../helpers/browser.js'
import {briefs, type Run} from '../helpers/cli.js'
import {startServer, type RunningServer} from '../serve/server-process.js'

/**
 * The web edition (issue 24), built once by `briefs site` over a small batch
 * config (guideline VII as PDF and Word in Spanish and English: the pages are
 * every brief's all the same), then read as a visitor does: in Chromium from
 * file://, and as files.
 */

const require = createRequire(import.meta.url)
const browser = sharedBrowser()
const project = loadProject()
const root = mkdtempSync(join(tmpdir(), 'briefs-site-'))
const dir = join(root, 'site')
const config = join(root, 'small.yaml')
let first: Run
let second: Run
let mtimesAfterFirst: Map<string, number>

beforeAll(() => {
  writeFileSync(config, 'formats: [pdf, docx]\nbriefs:\n  - {kind: guideline, guidelines: [VII], lang: [es, en]}\n')
  first = briefs(['site', config, '--out', dir, '--no-reuse'])
  mtimesAfterFirst = mtimes()
  second = briefs(['site', config, '--out', dir, '--no-reuse'])
}, 300_000)

function model(lang: Language): Model {
  return (project.edition(lang) ?? project.primary).model
}

/** Every file of the site (downloads included), relative, `/`-separated. */
function siteFiles(): string[] {
  const files: string[] = []
  const walk = (d: string) => {
    for (const entry of readdirSync(d, {withFileTypes: true})) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else files.push(relative(dir, path).split(sep).join('/'))
    }
  }
  walk(dir)
  return files.sort()
}

function mtimes(): Map<string, number> {
  return new Map(siteFiles().map((f) => [f, statSync(join(dir, f)).mtimeMs]))
}

const htmlFiles = () => siteFiles().filter((f) => f.endsWith('.html') && !f.startsWith('downloads/'))
const read = (file: string) => readFileSync(join(dir, file), 'utf8')
const url = (file: string) => {
  const [path, query] = file.split('?')
  return pathToFileURL(join(dir, path!)).href + (query === undefined ? '' : `?${query}`)
}

/** The folding the search promises: no accents, any case. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** The recommendations with a word beginning with `query` (folded), as the model has them: what a search must find. */
function containing(lang: Language, query: string): number[] {
  return model(lang).recommendations.filter((r) => r.text.split(/[\n\r\p{Z}\p{P}]+/u).some((word) => fold(word).startsWith(fold(query)))).map((r) => r.number)
}

/** Text of an HTML fragment as a reader sees it: markers of notes out, tags out, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<sup class="fn-ref">[\s\S]*?<\/sup>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&amp;/g, '&')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
}

const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`).replace(/[\s\u00a0]+/g, ' ')

/** Load a page from file:// while recording every request; any outside the site folder is a failure. */
async function visit(page: Page, file: string, options: {width?: number} = {}): Promise<string[]> {
  const outside: string[] = []
  const inside = pathToFileURL(dir).href + '/'
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    if (!request.url().startsWith(inside)) {
      outside.push(request.url())
      void request.abort()
    } else void request.continue()
  })
  await page.setViewport({width: options.width ?? 1200, height: 900})
  await page.goto(url(file), {waitUntil: 'load'})
  await page.evaluate(() => document.fonts.ready)
  return outside
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({path: require.resolve('axe-core/axe.min.js')})
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{violations: {id: string; impact: string; nodes: {target: string[]}[]}[]}>}}).axe.run(document, {resultTypes: ['violations']})
    return result.violations.map((v) => ({id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.where.join(', ')}`)
}

describe('briefs site', () => {
  it('builds the site and its downloads, then rebuilds writing nothing when nothing changed', () => {
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout.trim()).toBe(join(dir, 'index.html'))
    expect(second.status, second.stderr).toBe(0)
    expect(second.stderr).toMatch(/ 0 files written, \d+ unchanged/)
    // The config's PDF and Word files in two languages, and the Letter PDF of each language the site adds.
    expect(second.stderr).toMatch(/\(0 made, 6 unchanged\)/)
    // Not one file rewritten: same modification times.
    const after = mtimes()
    expect([...after.keys()]).toEqual([...mtimesAfterFirst.keys()])
    for (const [file, time] of after) expect(time, file).toBe(mtimesAfterFirst.get(file))
  })

  it('has every page in the three languages, and a home, a search page and the standard briefs in each', () => {
    const stems = (lang: Language) => htmlFiles().filter((f) => f.startsWith(`${lang}/`)).map((f) => f.slice(3)).sort()
    expect(stems('en')).toEqual(stems('es'))
    expect(stems('pt')).toEqual(stems('es'))
    const es = stems('es')
    for (const name of ['index.html', 'search.html', 'full.html', 'guideline-vii.html', 'audience-subnational-government.html', 'country-cl.html', 'country-jm.html']) expect(es).toContain(name)
    expect(es.filter((f) => f.startsWith('guideline-'))).toHaveLength(model('es').guidelines.length)
    expect(es.filter((f) => f.startsWith('country-'))).toHaveLength(project.countries.length)
    expect(es.filter((f) => f.startsWith('audience-'))).toHaveLength(project.audiences.length)
    expect(es.filter((f) => f.startsWith('custom-t-'))).toHaveLength(project.themes.length)
    // The home page links every brief of its language.
    const home = read('en/index.html')
    for (const name of es.filter((f) => f !== 'index.html')) expect(home, name).toContain(`href="${name}"`)
  })

  it('gives each of the 113 recommendations its anchor, the same in every language', async () => {
    for (const lang of languages) {
      await withPage(browser(), async (page) => {
        await visit(page, `${lang}/full.html`)
        const ids = await page.$$eval('li.rec', (items) => items.map((li) => li.id))
        expect(ids).toEqual(model(lang).recommendations.map((r) => `rec-${r.number}`))
        expect(ids).toHaveLength(113)
        // Each has a link to itself, which is the copy-link control.
        const links = await page.$$eval('li.rec a.rec-link', (as) => as.map((a) => a.getAttribute('href')))
        expect(links).toEqual(ids.map((id) => `#${id}`))
        await page.click('#rec-47 a.rec-link')
        expect(new URL(page.url()).hash).toBe('#rec-47')
        expect(await page.$eval('#rec-47', (li) => li.matches(':target'))).toBe(true)
      })
    }
  }, 120_000)

  it('holds the source word for word on every page: each recommendation, its page reference, the notes', () => {
    for (const file of htmlFiles().filter((f) => /^(es|en|pt)\//.test(f) && !/\/(index|search)\.html$/.test(f))) {
      const lang = file.slice(0, 2) as Language
      const byNumber = new Map(model(lang).recommendations.map((r) => [r.number, r]))
      const html = read(file)
      const items = [...html.matchAll(/<li class="rec" id="rec-(\d+)" value="\d+">([\s\S]*?)<\/li>/g)]
      expect(items.length, file).toBeGreaterThan(0)
      for (const [, number, body] of items) {
        const rec = byNumber.get(Number(number))!
        expect(textOf(/<p class="rec-text"[^>]*>([\s\S]*?)<\/p>/.exec(body!)![1]!), `${file} #${number}`).toBe(sentence(rec.text))
        const pageRef = textOf(/<span class="rec-page">([\s\S]*?)<\/span>/.exec(body!)![1]!)
        for (const p of rec.pages) expect(pageRef, `${file} #${number}`).toContain(String(p))
      }
      // Which recommendations: the guideline's own, or all 113 on the full text (countries have no focus in the shipped profiles).
      const numbers = items.map((m) => Number(m[1]))
      const guideline = /\/guideline-([ivxl]+)\.html$/.exec(file)?.[1]?.toUpperCase()
      if (guideline) expect(numbers, file).toEqual(model(lang).recommendations.filter((r) => r.guideline === guideline).map((r) => r.number))
      if (/\/(full|country-[a-z]{2})\.html$/.test(file)) expect(numbers, file).toEqual(model(lang).recommendations.map((r) => r.number))
      // Every note a recommendation cites is on the page, word for word.
      const cited = new Set(numbers.flatMap((n) => byNumber.get(n)!.footnotes))
      for (const note of model(lang).footnotes.filter((f) => cited.has(f.id))) {
        const li = new RegExp(`<li id="fn-${note.id}">([\\s\\S]*?)</li>`).exec(html)
        expect(li, `${file} note ${note.id}`).not.toBeNull()
        expect(textOf(/<span class="note-text"[^>]*>([\s\S]*?)<\/span>/.exec(li![1]!)![1]!), `${file} note ${note.id}`).toBe(note.text.replace(/[\s\u00a0]+/g, ' ').trim())
      }
    }
  })

  it('links only inside the site folder, and every link and download resolves there', () => {
    const files = new Set(siteFiles())
    const ids = new Map<string, Set<string>>()
    const idsOf = (file: string) => {
      if (!ids.has(file)) ids.set(file, new Set([...read(file).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)))
      return ids.get(file)!
    }
    let checked = 0
    for (const file of htmlFiles()) {
      const html = read(file)
      for (const [, attr, value] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
        expect(value, `${file}: ${attr}`).not.toMatch(/^([a-z]+:|\/)/i)
        const [path, hash] = value!.split('#') as [string, string | undefined]
        const target = path === '' ? file : relative(dir, resolve(dirname(join(dir, file)), decodeURIComponent(path.split('?')[0]!))).split(sep).join('/')
        expect(target.startsWith('..'), `${file}: ${value} leaves the folder`).toBe(false)
        expect(files.has(target), `${file}: ${value} (${target})`).toBe(true)
        if (hash && target.endsWith('.html')) expect(idsOf(target).has(hash), `${file}: ${value}`).toBe(true)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(10_000)
    // Both papers of the PDF brief, from a page, are files of the site's downloads.
    const page = read('es/guideline-vii.html')
    for (const name of ['guideline-vii-es.pdf', 'guideline-vii-es.letter.pdf']) {
      expect(page).toContain(`href="../downloads/${name}"`)
      expect(files.has(`downloads/${name}`), name).toBe(true)
    }
    // The stylesheet's fonts are files of the site too.
    const css = read('assets/site.css')
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!)
    expect(fonts.length).toBeGreaterThan(10)
    for (const font of fonts) expect(files.has(`assets/${font}`), font).toBe(true)
  })

  it('links each brief\'s downloads with their size and page count, and offers the other languages\' where there are none', () => {
    const manifest = JSON.parse(read('downloads/manifest.json')) as {documents: {path: string; size: number; pages: number | null}[]}
    expect(manifest.documents.map((d) => d.path).sort()).toEqual([
      'guideline-vii-en.docx', 'guideline-vii-en.letter.pdf', 'guideline-vii-en.pdf', 'guideline-vii-es.docx', 'guideline-vii-es.letter.pdf', 'guideline-vii-es.pdf',
    ])
    for (const lang of ['es', 'en'] as const) {
      const html = read(`${lang}/guideline-vii.html`)
      const section = /<section class="site-downloads"[\s\S]*?<\/section>/.exec(html)![0]
      expect(section).toContain(`href="../downloads/guideline-vii-${lang}.docx"`)
      const labels = loadLabels(lang)
      // The PDF brief on both papers, A4 first, each with its own size and page count.
      const links = [...section.matchAll(/<a href="\.\.\/downloads\/([^"]+)" type="application\/pdf" data-format="pdf" data-paper="([a-z0-9]+)">([^<]*)<\/a> <span class="download-meta">([^<]*)<\/span>/g)]
      expect(links.map((m) => [m[1], m[2], m[3]])).toEqual([
        [`guideline-vii-${lang}.pdf`, 'a4', `${labels['web.format.pdf']} · ${labels['site.paper.a4']}`],
        [`guideline-vii-${lang}.letter.pdf`, 'letter', `${labels['web.format.pdf']} · ${labels['site.paper.letter']}`],
      ])
      for (const [, file, paper, , meta] of links) {
        const path = join(dir, 'downloads', file!)
        const info = execFileSync('pdfinfo', [path], {encoding: 'utf8'})
        const [width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1).map((n) => Math.round(Number(n)))
        expect([width, height], file).toEqual(paper === 'a4' ? [595, 842] : [612, 792])
        expect(meta, file).toContain(`${Math.round(statSync(path).size / 1000)} KB`)
        expect(meta, file).toContain(`${Number(/Pages:\s+(\d+)/.exec(info)![1])} ${lang === 'es' ? 'páginas' : 'pages'}`)
      }
    }
    expect(loadLabels('es')['site.paper.letter']).toBe('Carta')
    expect(loadLabels('pt')['site.paper.letter']).toBe('Carta')
    expect(loadLabels('en')['site.paper.letter']).toBe('Letter')
    // Portuguese was not made by this batch: the page offers the Spanish and English files, each marked with its language.
    const pt = /<section class="site-downloads"[\s\S]*?<\/section>/.exec(read('pt/guideline-vii.html'))![0]
    expect(pt).toContain(loadLabels('pt')['site.downloadsOther'])
    expect(pt).toMatch(/href="\.\.\/downloads\/guideline-vii-es\.pdf" type="application\/pdf" hreflang="es-419"/)
    expect(pt).toMatch(/href="\.\.\/downloads\/guideline-vii-en\.pdf" type="application\/pdf" hreflang="en"/)
    // A brief the batch did not make says so.
    expect(read('en/country-cl.html')).toContain(loadLabels('en')['site.downloadsNone'])
  })

  it('marks every translated page as an unofficial translation, links the original, and names its counterparts (canonical, hreflang, Open Graph)', () => {
    for (const file of htmlFiles().filter((f) => /^(es|en|pt)\//.test(f))) {
      const html = read(file)
      const lang = file.slice(0, 2) as Language
      const stem = file.slice(3)
      if (lang === 'es') expect(html, file).not.toContain('class="site-unofficial"')
      else {
        expect(html, file).toContain(`<p class="site-unofficial" role="note"><strong>${loadLabels(lang)['translation.cover']}.</strong> <a href="../es/${stem}" hreflang="es-419">`)
      }
      expect(html, file).toContain(`<link rel="canonical" href="${stem}">`)
      for (const [l, tag] of [['es', 'es-419'], ['en', 'en'], ['pt', 'pt-BR']]) expect(html, file).toContain(`<link rel="alternate" hreflang="${tag}" href="../${l}/${stem}">`)
      expect(html, file).toContain(`<link rel="alternate" hreflang="x-default" href="../es/${stem}">`)
      expect(/<meta property="og:title" content="([^"]+)">/.exec(html)?.[1], file).toBeTruthy()
      expect(/<meta property="og:description" content="([^"]+)">/.exec(html)?.[1], file).toBeTruthy()
    }
    expect(read('en/guideline-vii.html')).toContain('<meta property="og:title" content="Summary of guideline VII — Scaling up')
  })

  it('lists every page in sitemap.xml with its alternates', () => {
    const xml = read('sitemap.xml')
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!)
    expect(locs.sort()).toEqual(htmlFiles().filter((f) => /^(es|en|pt)\//.test(f)).sort())
    expect([...xml.matchAll(/<xhtml:link rel="alternate"/g)]).toHaveLength(locs.length * 4)
  })

  it('finds the recommendations that hold a word, accents or not, and links each to its anchor', async () => {
    const cases: [Language, string][] = [['es', 'territorial'], ['es', 'evaluacion'], ['es', 'cluster'], ['en', 'territorial'], ['en', 'cluster'], ['pt', 'avaliacao']]
    for (const [lang, query] of cases) {
      await withPage(browser(), async (page) => {
        expect(await visit(page, `${lang}/search.html?q=${query}`)).toEqual([])
        const found = await page.$$eval('#search-list li:not([hidden])', (items) => items.map((li) => Number((li as HTMLElement).dataset['rec'])))
        const expected = containing(lang, query)
        expect(expected.length, `${lang} ${query}`).toBeGreaterThan(2)
        expect([...found].sort((a, b) => a - b), `${lang} ${query}`).toEqual(expected)
        const links = await page.$$eval('#search-list li:not([hidden]) a', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')))
        expect(links).toEqual(found.map((n) => `full.html#rec-${n}`))
        expect(await page.$eval('#search-status', (p) => p.textContent)).toContain(String(expected.length))
      })
    }
    // The accent-less query found the accented word.
    expect(model('es').recommendations.some((r) => containing('es', 'evaluacion').includes(r.number) && r.text.includes('evaluación'))).toBe(true)
  }, 120_000)

  it('searches from the keyboard: skip link first, typing filters the list', async () => {
    await withPage(browser(), async (page) => {
      await visit(page, 'es/index.html')
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link')
      await page.focus('#q')
      await page.keyboard.type('territorial')
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
      expect(new URL(page.url()).pathname.endsWith('/es/search.html')).toBe(true)
      await page.waitForFunction(() => document.querySelectorAll('#search-list li:not([hidden])').length < 113)
      await page.focus('#q')
      await page.keyboard.down('Control')
      await page.keyboard.press('A')
      await page.keyboard.up('Control')
      await page.keyboard.type('clúster')
      await page.waitForFunction((n) => document.querySelectorAll('#search-list li:not([hidden])').length === n, {}, containing('es', 'cluster').length)
    })
  }, 60_000)

  it('works without JavaScript: the search page is the plain list of every recommendation', async () => {
    await withPage(browser(), async (page) => {
      await page.setJavaScriptEnabled(false)
      await visit(page, 'en/search.html?q=territorial')
      expect(await page.$$eval('#search-list li:not([hidden])', (items) => items.length)).toBe(113)
      expect(await page.evaluate(() => document.body.innerText)).toContain(loadLabels('en')['site.noScript'])
    })
  }, 60_000)

  it('passes axe-core with no serious or critical violation and loads nothing from outside the folder', async () => {
    const pages = ['es/index.html', 'es/guideline-vii.html', 'en/country-jm.html', 'es/search.html?q=evaluacion', 'pt/audience-subnational-government.html', 'index.html']
    for (const file of pages) {
      await withPage(browser(), async (page) => {
        expect(await visit(page, file), file).toEqual([])
        expect(await seriousViolations(page), file).toEqual([])
      })
    }
  }, 180_000)

  it('reads from 320 px wide without sideways scrolling', async () => {
    for (const file of ['es/index.html', 'en/guideline-vii.html', 'es/country-cl.html', 'pt/search.html']) {
      await withPage(browser(), async (page) => {
        await visit(page, file, {width: 320})
        expect(await page.evaluate(() => document.documentElement.scrollWidth), file).toBeLessThanOrEqual(320)
      })
    }
  }, 60_000)

  it('prints a page as the brief: every recommendation, none of the site\'s frame', async () => {
    await withPage(browser(), async (page) => {
      await visit(page, 'en/guideline-vii.html')
      const pdf = join(root, 'printed.pdf')
      writeFileSync(pdf, await page.pdf({format: 'A4', printBackground: true}))
      const text = execFileSync('pdftotext', [pdf, '-'], {encoding: 'utf8'}).replace(/-\n/g, '-').replace(/\s+/g, ' ')
      for (const rec of model('en').recommendations.filter((r) => r.guideline === 'VII')) expect(text).toContain(sentence(rec.text).slice(0, 60))
      const labels = loadLabels('en')
      expect(text).not.toContain(labels['site.downloads'])
      expect(text).not.toContain(labels['site.search'])
      expect(text).toContain(labels['translation.cover'])
    })
  }, 60_000)

  it('rewrites only what a change touches', () => {
    const before = mtimes()
    writeFileSync(config, 'formats: [pdf, docx]\nbriefs:\n  - {kind: guideline, guidelines: [VII], lang: [es, en]}\n  - {title: Three recommendations, recs: "1-3", formats: [docx], lang: en}\n')
    const run = briefs(['site', config, '--out', dir, '--no-reuse'])
    expect(run.status, run.stderr).toBe(0)
    const after = mtimes()
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f)).sort()
    const custom = [...after.keys()].filter((f) => /^(es|en|pt)\/custom-r-1-3-three-recommendations\.html$/.test(f))
    expect(custom).toHaveLength(3)
    expect(changed).toEqual(
      ['downloads/custom-r-1-3-three-recommendations-en.docx', 'downloads/manifest.json', ...custom, 'en/index.html', 'es/index.html', 'pt/index.html', 'site-manifest.json', 'sitemap.xml'].sort(),
    )
  }, 300_000)

  it('takes the documents another batch folder made from the same inputs instead of making them again', () => {
    const other = join(root, 'other-site')
    const run = briefs(['site', config, '--out', other, '--reuse', join(dir, 'downloads')])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toContain(`7 documents taken from ${join(dir, 'downloads')}`)
    expect(run.stderr).toMatch(/\(0 made, 7 unchanged\)/)
    for (const name of ['guideline-vii-es.pdf', 'guideline-vii-en.docx', 'custom-r-1-3-three-recommendations-en.docx']) {
      expect(readFileSync(join(other, 'downloads', name)).equals(readFileSync(join(dir, 'downloads', name))), name).toBe(true)
    }
    // The same pages as the first site, byte for byte.
    for (const file of ['en/guideline-vii.html', 'pt/guideline-vii.html', 'es/search.html']) expect(readFileSync(join(other, file), 'utf8'), file).toBe(read(file))
  }, 120_000)

  it('takes the A4 documents from a batch folder of the same config and makes only the Letter PDFs', () => {
    const batchDir = join(root, 'batch-out')
    const small = join(root, 'small-again.yaml')
    writeFileSync(small, 'formats: [pdf, docx]\nbriefs:\n  - {kind: guideline, guidelines: [VII], lang: [es, en]}\n')
    const batch = briefs(['batch', small, '--out', batchDir])
    expect(batch.status, batch.stderr).toBe(0)
    const other = join(root, 'letter-site')
    const run = briefs(['site', small, '--out', other, '--reuse', batchDir])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toContain(`4 documents taken from ${batchDir}`)
    expect(run.stderr).toMatch(/\(2 made, 4 unchanged\)/)
    expect(readFileSync(join(other, 'downloads', 'guideline-vii-en.pdf')).equals(readFileSync(join(batchDir, 'guideline-vii-en.pdf')))).toBe(true)
    expect(readdirSync(join(other, 'downloads')).filter((f) => f.includes('.letter.')).sort()).toEqual(['guideline-vii-en.letter.pdf', 'guideline-vii-es.letter.pdf'])
  }, 120_000)

  it('refuses bad input with a clear message and writes nothing', () => {
    const elsewhere = join(root, 'never')
    const badUrl = briefs(['site', '--out', elsewhere, '--base-url', 'ftp://example.org/'])
    expect(badUrl.status).toBe(2)
    expect(badUrl.stderr).toContain('--base-url')
    const badConfig = join(root, 'bad.yaml')
    writeFileSync(badConfig, 'briefs:\n  - {kind: guideline, guidelines: [VII], colour: red}\n')
    const bad = briefs(['site', badConfig, '--out', elsewhere])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/bad\.yaml:2:\d+/)
    expect(bad.stderr).not.toMatch(/\n\s+at /)
    expect(() => statSync(elsewhere)).toThrow()
  }, 60_000)
})

describe('the web edition in briefs serve', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer(['--site', dir])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  it('links the built site as "Web edition" and serves it, nothing outside its folder', async () => {
    const home = await (await fetch(`${server.url}?lang=en`)).text()
    expect(home).toContain(`<a href="/site/en/index.html" id="web-edition">${loadLabels('en')['site.title']}</a>`)
    const page = await fetch(`${server.url}site/en/guideline-vii.html`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toBe(read('en/guideline-vii.html'))
    const pdf = await fetch(`${server.url}site/downloads/guideline-vii-en.pdf`)
    expect(Buffer.from(await pdf.arrayBuffer()).equals(readFileSync(join(dir, 'downloads/guideline-vii-en.pdf')))).toBe(true)
    expect((await fetch(`${server.url}site/..%2f..%2fpackage.json`)).status).toBe(404)
    expect((await fetch(`${server.url}site/site-manifest.json`)).status).toBe(200)
  })

  it('shows the site in the browser as published: fonts, search and styles load under its policy', async () => {
    await withPage(browser(), async (page) => {
      const failed: string[] = []
      page.on('requestfailed', (r) => failed.push(r.url()))
      page.on('console', (m) => { if (m.type() === 'error') failed.push(m.text()) })
      await page.goto(`${server.url}site/es/search.html?q=cluster`, {waitUntil: 'load'})
      await page.evaluate(() => document.fonts.ready)
      expect(await page.$$eval('#search-list li:not([hidden])', (items) => items.length)).toBe(containing('es', 'cluster').length)
      expect(await page.evaluate(() => [...document.fonts].some((f) => f.status === 'loaded'))).toBe(true)
      expect(failed).toEqual([])
    })
  }, 60_000)
})
