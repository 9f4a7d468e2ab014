#!/usr/bin/env node
// docs/img/region-pdf-matrix.png (the matrix page of the Caribbean region brief, PDF) and
// docs/img/region-page.png (the Region page of `briefs serve`), both from the illustrative
// profiles of examples/illustrative/ (made-up answers, marked as such on every page).
// Usage: npm run build && node scripts/region-images.mjs
import {execFileSync, spawn} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, renameSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {projectRoot} from '../dist/content-paths.js'
import {launchBrowser} from '../dist/render/browser.js'

const cli = join(projectRoot, 'dist', 'cli', 'main.js')
const illustrative = join(projectRoot, 'examples', 'illustrative')
const img = (name) => join(projectRoot, 'docs', 'img', name)
const work = mkdtempSync(join(tmpdir(), 'region-images-'))

// The PDF's matrix page: the first page that prints the indicator's formula.
const pdf = execFileSync(process.execPath, [cli, 'build', '--region', 'caribbean', '--profiles', illustrative, '--format', 'pdf', '--out', work], {encoding: 'utf8'}).trim()
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))[1])
let matrixPage = 0
for (let page = 1; page <= pages && !matrixPage; page++) {
  const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], {encoding: 'utf8'})
  if (/½/.test(text)) matrixPage = page
}
if (!matrixPage) throw new Error(`No page of ${pdf} prints the indicator's formula`)
execFileSync('pdftoppm', ['-png', '-f', String(matrixPage), '-l', String(matrixPage), '-singlefile', '-scale-to-x', '900', '-scale-to-y', '-1', pdf, join(work, 'matrix')])
renameSync(join(work, 'matrix.png'), img('region-pdf-matrix.png'))

// The Region page, over a copy of content/ holding the illustrative profiles.
const content = join(work, 'content')
cpSync(join(projectRoot, 'content'), content, {recursive: true})
for (const name of readdirSync(illustrative).filter((n) => n.endsWith('.yaml'))) cpSync(join(illustrative, name), join(content, 'countries', name))
const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--content', content, '--out', join(work, 'out')], {stdio: ['ignore', 'pipe', 'inherit']})
const url = (await new Promise((resolve) => createInterface({input: child.stdout}).once('line', resolve))).trim()
const handle = await launchBrowser()
try {
  const page = await handle.browser.newPage()
  await page.setViewport({width: 1280, height: 1100})
  await page.goto(`${url}region?lang=en&region=caribbean`, {waitUntil: 'networkidle0'})
  await page.screenshot({path: img('region-page.png')})
  console.log([img('region-pdf-matrix.png') + ` (PDF page ${matrixPage})`, img('region-page.png')].join('\n'))
} finally {
  await handle.close()
  child.kill('SIGTERM')
  rmSync(work, {recursive: true, force: true})
}
