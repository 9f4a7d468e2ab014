#!/usr/bin/env node
// Region briefs (issue 23; figures go to docs/benchmarks.md, section "Region briefs"):
//  - `select` of the LAC region brief over 33 assessed illustrative profiles, warm, in process (median of 20);
//  - `briefs select --region lac` as a whole process with a warm content cache (median of 5);
//  - the LAC region brief as PDF with a warm browser (median of 5 renders after one warm-up);
//  - the LAC region deck (slides PDF, with its region slides) and PowerPoint file, warm (median of 3 after one warm-up).
// The profiles come from scripts/make-illustrative.mjs --all 33 (fixed seed, every one marked illustrative).
// Usage: node scripts/bench-region.mjs   (run by `npm run bench`)
import {execFileSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadProject} from '../dist/annotate/load-project.js'
import {projectRoot} from '../dist/content-paths.js'
import {launchBrowser} from '../dist/render/browser.js'
import {defaultDate} from '../dist/render/formats.js'
import {renderPdf} from '../dist/render/pdf/render-pdf.js'
import {renderPptx} from '../dist/render/pptx/render-pptx.js'
import {renderSlides} from '../dist/render/slides/render-slides.js'
import {clearDeckCache} from '../dist/render/slides/deck-pdf.js'
import {select, toBriefSpec} from '../dist/select/index.js'

const profiles = mkdtempSync(join(tmpdir(), 'briefs-bench-region-'))
execFileSync(process.execPath, [join(projectRoot, 'scripts', 'make-illustrative.mjs'), '--all', '33', '--out', profiles], {stdio: 'ignore'})
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const record = (name, value, unit, note = '') => console.log(`region: ${name}: ${value.toFixed(1)} ${unit} ${note}`)

const project = loadProject({paths: {profiles}})
const spec = toBriefSpec({region: 'lac'})
const view = select(project, spec)
if (view.region.answered.length !== 33) throw new Error(`Expected 33 answering countries, got ${view.region.answered.length}`)
const selects = []
for (let i = 0; i < 20; i++) {
  const t = performance.now()
  select(project, spec)
  selects.push(performance.now() - t)
}
record('select --region lac, warm, in process (median of 20)', median(selects), 'ms', '(33 assessed profiles)')

const cli = join(projectRoot, 'dist', 'cli', 'main.js')
execFileSync(process.execPath, [cli, 'select', '--region', 'lac', '--profiles', profiles], {stdio: 'ignore'})
const processes = []
for (let i = 0; i < 5; i++) {
  const t = performance.now()
  execFileSync(process.execPath, [cli, 'select', '--region', 'lac', '--profiles', profiles], {stdio: 'ignore'})
  processes.push(performance.now() - t)
}
record('briefs select --region lac, whole process, warm cache (median of 5)', median(processes), 'ms')

const handle = await launchBrowser()
try {
  const options = {browser: handle.browser, paper: 'a4', date: defaultDate, handoutLayout: 2}
  await renderPdf(view, options)
  const renders = []
  let bytes
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    bytes = await renderPdf(view, options)
    renders.push(performance.now() - t)
  }
  record('LAC region brief as PDF, warm browser (median of 5)', median(renders), 'ms', `(${(bytes.length / 1024).toFixed(0)} KiB)`)
  for (const [name, render] of [['slides PDF', renderSlides], ['PowerPoint', renderPptx]]) {
    await render(view, options)
    const times = []
    for (let i = 0; i < 3; i++) {
      // The deck's PDF is kept per view (the handout reuses it): print it again each time.
      clearDeckCache()
      const t = performance.now()
      bytes = await render(view, options)
      times.push(performance.now() - t)
    }
    record(`LAC region deck as ${name}, warm (median of 3)`, median(times), 'ms', `(${(bytes.length / 1024).toFixed(0)} KiB)`)
  }
} finally {
  await handle.close()
}
