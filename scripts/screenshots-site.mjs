#!/usr/bin/env node
// The README's pictures of the web edition: docs/img/site-home.png (English home page) and
// docs/img/site-recommendation.png (recommendation 70 reached by its link). Builds a small site first.
// Usage: npm run build && node scripts/screenshots-site.mjs
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {projectRoot} from '../dist/content-paths.js'
import {BrowserManager} from '../dist/render/browser.js'

const root = mkdtempSync(join(tmpdir(), 'briefs-site-shots-'))
writeFileSync(join(root, 'small.yaml'), 'formats: [pdf, docx]\nbriefs:\n  - {kind: guideline, guidelines: [VII], lang: [es, en]}\n')
const run = spawnSync(process.execPath, [join(projectRoot, 'dist', 'cli', 'main.js'), 'site', join(root, 'small.yaml'), '--out', join(root, 'site'), '--no-reuse', '--quiet'], {stdio: 'inherit'})
if (run.status !== 0) process.exit(run.status ?? 1)

const browsers = new BrowserManager()
try {
  const browser = await browsers.get()
  for (const [file, out, width, height] of [['en/index.html', 'site-home.png', 1100, 1300], ['en/guideline-vii.html#rec-70', 'site-recommendation.png', 1100, 900]]) {
    const page = await browser.newPage()
    await page.setViewport({width, height})
    const [path, hash] = file.split('#')
    await page.goto(`${pathToFileURL(join(root, 'site', path)).href}${hash ? `#${hash}` : ''}`, {waitUntil: 'load'})
    await page.evaluate(() => document.fonts.ready)
    await page.evaluate(() => { if (location.hash) document.querySelector(location.hash).scrollIntoView({block: 'center'}) })
    await page.screenshot({path: join(projectRoot, 'docs', 'img', out)})
    await page.close()
    console.log(join('docs', 'img', out))
  }
} finally {
  await browsers.close()
}
