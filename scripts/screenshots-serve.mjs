#!/usr/bin/env node
// Screenshots of the web workspace's pages for the README (docs/img/serve-*.png), taken with headless Chromium
// against `briefs serve` running on a copy of content/ (the example profile edit never touches the real files).
// Usage: npm run build && node scripts/screenshots-serve.mjs
import {spawn} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {projectRoot} from '../dist/content-paths.js'
import {launchBrowser} from '../dist/render/browser.js'

const root = mkdtempSync(join(tmpdir(), 'briefs-shots-'))
cpSync(join(projectRoot, 'content'), join(root, 'content'), {recursive: true})
mkdirSync(join(root, 'content', 'batches'))
writeFileSync(join(root, 'content', 'batches', 'guideline-vii.yaml'), 'formats: [pdf, docx, pptx]\nbriefs:\n  - guidelines: [VII]\n')
const child = spawn(process.execPath, [join(projectRoot, 'dist', 'cli', 'main.js'), 'serve', '--port', '0', '--content', join(root, 'content'), '--out', join(root, 'out')], {stdio: ['ignore', 'pipe', 'inherit']})
const url = (await new Promise((resolve) => createInterface({input: child.stdout}).once('line', resolve))).trim()
const handle = await launchBrowser()
const shot = (name) => join(projectRoot, 'docs', 'img', `serve-${name}.png`)
try {
  const page = await handle.browser.newPage()
  await page.setViewport({width: 1280, height: 900})
  await page.goto(`${url}?lang=en&country=CL&guideline=VII`, {waitUntil: 'networkidle0'})
  await page.screenshot({path: shot('compose')})
  await page.goto(`${url}countries/CL?lang=en&guideline=VII`, {waitUntil: 'networkidle0'})
  await page.select('select[name="a.62.status"]', 'in-progress').catch(() => {})
  await page.screenshot({path: shot('profile')})
  await fetch(`${url}api/batch`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({config: 'batches/guideline-vii.yaml'})})
  await (await fetch(`${url}batch/events`)).text()
  await page.goto(`${url}batch?lang=en`, {waitUntil: 'networkidle0'})
  await page.screenshot({path: shot('batch')})
  console.log(['compose', 'profile', 'batch'].map(shot).join('\n'))
} finally {
  await handle.close()
  child.kill('SIGTERM')
  rmSync(root, {recursive: true, force: true})
}
