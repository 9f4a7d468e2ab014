#!/usr/bin/env node
// Benchmarks on this machine, in one run (numbers go to docs/benchmarks.md):
//  - parse time of the bundled text (warm, in process) and `briefs validate` as a whole process;
//  - the default batch (81 briefs, 405 documents) from scratch, with peak memory of the process tree;
//  - the no-op re-run;
//  - PDF throughput: the batch's shared browser vs launching a browser per document;
//  - DOCX: ours vs pandoc from the markdown of the same briefs;
//  - start-up of `select` and `list` with a cold and a warm content cache, and `build --format docx`
//    of the full brief beside pandoc on the same markdown, whole processes, side by side;
//  - CPU-ms per output page of each format (the batch with that format alone) next to Chromium
//    printing an already laid-out page (the floor).
// The machine may be shared: comparisons are measured side by side in this one run, interleaved.
// Usage: npm run bench [-- --quick | --startup | --batches]   (--quick skips the batches; --startup stops
// after start-up and Word beside pandoc; --batches runs only the wave-1 batch, each format alone and the floor)
import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, totalmem, tmpdir} from 'node:os'
import {join} from 'node:path'
import {memoryOf, processTree} from './process-tree.mjs'
import {loadProject} from '../dist/annotate/load-project.js'
import {readBatchConfig} from '../dist/batch/config.js'
import {contentPaths, projectRoot} from '../dist/content-paths.js'
import {launchBrowser} from '../dist/render/browser.js'
import {defaultDate} from '../dist/render/formats.js'
import {renderPdf} from '../dist/render/pdf/render-pdf.js'
import {renderDocx} from '../dist/render/docx/render-docx.js'
import {estimateCost} from '../dist/render/docx/page-numbers.js'
import {viewToMarkdown} from '../dist/render/md/to-markdown.js'
import {select, toBriefSpec as toSpec} from '../dist/select/index.js'
import {recorder} from './bench-record.mjs'

const cli = join(projectRoot, 'dist', 'cli', 'main.js')
// In this process, renders do their whole work: nothing is read from the content cache.
process.env.BRIEFS_CACHE_DIR = 'off'
const scratch = mkdtempSync(join(tmpdir(), 'briefs-bench-cache-'))
let caches = 0
/** An empty content cache folder (what a first run on a machine sees). */
const emptyCache = () => join(scratch, String(caches++))
const quick = process.argv.includes('--quick')
// --batches: only the wave-1 batch, each format alone and the floor (about 7 minutes).
const batchesOnly = process.argv.includes('--batches')
const {results, record} = recorder()
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const time = async (fn) => {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

/** Wall and CPU (user + system, its children included) milliseconds of a whole process, through GNU time. */
function runProcess(file, args, env = {}) {
  const cpuFile = join(scratch, `cpu-${caches++}.txt`)
  const t = performance.now()
  execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, file, ...args], {stdio: 'ignore', env: {...process.env, ...env}})
  const wall = performance.now() - t
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
  return {wall, cpu: (user + system) * 1000}
}
/** Median wall and CPU of a list of runs, recorded side by side. */
function recordRuns(name, runs) {
  record(`${name}: wall`, median(runs.map((r) => r.wall)), 'ms')
  record(`${name}: CPU`, median(runs.map((r) => r.cpu)), 'ms')
}

/** Seconds of CPU the whole machine has spent busy (user, nice, system, irq), from /proc/stat. */
function busyCpuSeconds() {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  return (user + nice + system + irq + softirq) / 100
}

/** Run a command, sampling the memory of its whole process tree (Chromium included) once a second (reading smaps costs CPU: sampling faster slows the run it measures). */
/**
 * A whole process, timed. `memory`: sample its tree's RSS and PSS every second. Reading a
 * process's PSS (`smaps_rollup`) walks its page tables under its memory lock: on this machine it
 * made the wave-1 batch 18 % slower (75 → 88 s, 143 → 171 machine CPU-s), so only the default
 * batch, whose memory is the figure, is sampled; its times carry that cost.
 */
function runMeasured(args, env = {}, {memory = false} = {}) {
  return new Promise((resolve, reject) => {
    const t = performance.now()
    // GNU time reports the CPU of the whole tree (Chromium's processes are reaped up to the batch): the
    // machine-wide /proc/stat figure counts other users of a shared machine too.
    const cpuFile = join(scratch, `cpu-${caches++}.txt`)
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, process.execPath, ...args], {cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, ...env}})
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    let peak = 0
    let peakPss = 0
    const sample = memory && setInterval(() => {
      let rss = 0
      let pssSum = 0
      for (const pid of processTree(child.pid)) {
        const m = memoryOf(pid)
        rss += m.rss
        pssSum += m.pss
      }
      peak = Math.max(peak, rss)
      peakPss = Math.max(peakPss, pssSum)
    }, 1000)
    child.on('exit', (code) => {
      clearInterval(sample)
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}\n${stderr}`))
      else {
        const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
        resolve({ms: performance.now() - t, cpu: user + system, peak, peakPss, stderr})
      }
    })
  })
}

// 1. Parse and start-up.
if (!batchesOnly) {
// In a process of its own that loads only the parser, as `briefs validate` does (this
// process holds every renderer, and its larger heap makes the parse slower).
const parseMedian = Number(
  execFileSync(process.execPath, ['--input-type=module', '-e', `
    import {readFileSync} from 'node:fs'
    import {parseDocument} from ${JSON.stringify(join(projectRoot, 'dist', 'parse', 'index.js'))}
    const source = readFileSync(${JSON.stringify(contentPaths.source)})
    for (let i = 0; i < 30; i++) parseDocument(source, 'x')
    const xs = []
    for (let i = 0; i < 50; i++) { const t = performance.now(); parseDocument(source, 'x'); xs.push(performance.now() - t) }
    console.log(xs.sort((a, b) => a - b)[25])
  `], {encoding: 'utf8'}),
)
record('parse bundled text (warm, median of 50, in a process that only parses)', parseMedian, 'ms')
// With the content cache as an editor has it (it holds which edition is the original), and without one.
{
  const warm = emptyCache()
  const validate = (cache) => {
    const t = performance.now()
    execFileSync(process.execPath, [cli, 'validate'], {stdio: 'ignore', env: {...process.env, BRIEFS_CACHE_DIR: cache}})
    return performance.now() - t
  }
  validate(warm)
  const starts = {warm: [], off: []}
  for (let i = 0; i < 10; i++) {
    starts.warm.push(validate(warm))
    starts.off.push(validate('off'))
  }
  record('`briefs validate` whole process, warm content cache (median of 10)', median(starts.warm), 'ms')
  record('`briefs validate` whole process, no content cache (median of 10)', median(starts.off), 'ms')
}
// The parser's work against input size, doubling to 16× (hostile inputs: issue 14).
;(await import('./bench-scaling.mjs')).scaling(record)

// Start-up of the commands analysts run while composing a brief, whole processes: a cold
// content cache (an empty folder each run) and a warm one, interleaved with bare Node. Wall
// time and CPU time (on a shared machine, CPU time is the steadier of the two).
{
  const warm = emptyCache()
  const commands = {'`briefs select --country CL`': [cli, 'select', '--country', 'CL'], '`briefs list countries`': [cli, 'list', 'countries']}
  for (const args of Object.values(commands)) runProcess(process.execPath, args, {BRIEFS_CACHE_DIR: warm})
  const runs = {node: [], ...Object.fromEntries(Object.keys(commands).flatMap((name) => [[`${name} warm`, []], [`${name} cold`, []]]))}
  for (let i = 0; i < 10; i++) {
    runs.node.push(runProcess(process.execPath, ['-e', '0']))
    for (const [name, args] of Object.entries(commands)) {
      runs[`${name} warm`].push(runProcess(process.execPath, args, {BRIEFS_CACHE_DIR: warm}))
      if (i < 5) runs[`${name} cold`].push(runProcess(process.execPath, args, {BRIEFS_CACHE_DIR: emptyCache()}))
    }
  }
  recordRuns('`node -e 0` whole process (median of 10): the floor', runs.node)
  for (const name of Object.keys(commands)) {
    recordRuns(`${name} whole process, warm content cache (median of 10)`, runs[`${name} warm`])
    recordRuns(`${name} whole process, cold content cache (median of 5)`, runs[`${name} cold`])
  }
}

// The full brief as Word, whole processes, beside pandoc on the same markdown (interleaved, median of 5).
if (spawnSync('pandoc', ['--version']).status === 0) {
  const dir = join(scratch, 'docx-vs-pandoc')
  const warm = emptyCache()
  execFileSync(process.execPath, [cli, 'build', '--format', 'md,docx', '--out', dir], {stdio: 'ignore', env: {...process.env, BRIEFS_CACHE_DIR: warm}})
  const md = join(dir, readdirSync(dir).find((f) => f.endsWith('.md')))
  const runs = {cold: [], warm: [], pandoc: []}
  for (let i = 0; i < 5; i++) {
    runs.cold.push(runProcess(process.execPath, [cli, 'build', '--format', 'docx', '--out', dir], {BRIEFS_CACHE_DIR: emptyCache()}))
    runs.warm.push(runProcess(process.execPath, [cli, 'build', '--format', 'docx', '--out', dir], {BRIEFS_CACHE_DIR: warm}))
    runs.pandoc.push(runProcess('pandoc', [md, '-o', join(dir, 'pandoc.docx')]))
  }
  recordRuns('`briefs build --format docx`, full brief, whole process, empty cache (pages laid out; median of 5)', runs.cold)
  recordRuns('`briefs build --format docx`, full brief, whole process, warm cache (median of 5)', runs.warm)
  recordRuns('`pandoc` full brief markdown → docx, whole process (median of 5, interleaved)', runs.pandoc)
  for (const which of ['wall', 'cpu']) {
    const m = (list) => median(list.map((r) => r[which]))
    record(`docx / pandoc, ${which}, empty cache`, m(runs.cold) / m(runs.pandoc), '×')
    record(`docx / pandoc, ${which}, warm cache`, m(runs.warm) / m(runs.pandoc), '×')
  }
}
if (process.argv.includes('--startup')) {
  console.log('(--startup: parse, start-up and Word beside pandoc only)')
  process.exit(0)
}
}

// 2. The default batch from scratch, then the no-op re-run.
const out = mkdtempSync(join(tmpdir(), 'briefs-bench-'))
if (!quick && !batchesOnly) {
  const busyBefore = busyCpuSeconds()
  const batchCache = emptyCache()
  const full = await runMeasured([cli, 'batch', '--out', out, '--force', '--quiet'], {BRIEFS_CACHE_DIR: batchCache}, {memory: true})
  const busy = busyCpuSeconds() - busyBefore
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
  record('default batch (81 briefs × 5 formats), from scratch, memory sampled', full.ms / 1000, 's', `${manifest.documents.length} documents, ${manifest.documents.reduce((s, d) => s + (d.pages ?? 0), 0)} pages`)
  record('default batch CPU time of its process tree (GNU time)', full.cpu, 's', `${((full.cpu / cpus().length / (full.ms / 1000)) * 100).toFixed(0)} % of ${cpus().length} cores`)
  record('machine CPU time over the batch, all cores (from /proc/stat; includes other users of the machine)', busy, 's')
  record('default batch peak memory (process tree, PSS)', full.peakPss / 2 ** 20, 'MiB', 'shared pages counted once')
  record('default batch peak memory (process tree, sum of RSS)', full.peak / 2 ** 20, 'MiB', 'counts pages shared between Chromium processes repeatedly')
  const noop = await runMeasured([cli, 'batch', '--out', out, '--quiet'], {BRIEFS_CACHE_DIR: batchCache})
  record('no-op re-run (whole process)', noop.ms / 1000, 's')
}
// Chromium's renderers are children of its zygote, which GNU time does not count: the CPU of a
// batch below is the machine's (/proc/stat), so these figures want a quiet machine.
if (!quick) {
  // The wave-1 default set that issue 15's aim (under 60 s) is about: the full text, 14 guidelines,
  // 9 audiences and 33 countries, all in Spanish, in the five formats, from an empty content cache.
  const wave1 = join(out, 'wave-1.yaml')
  writeFileSync(wave1, 'formats: [pdf, docx, slides, handout, pptx]\nlang: es\npaper: a4\nbriefs:\n  - kind: full\n  - each: guideline\n  - each: audience\n  - each: country\n')
  const wave1Dir = join(out, 'wave-1')
  const busyBefore = busyCpuSeconds()
  const first = await runMeasured([cli, 'batch', wave1, '--out', wave1Dir, '--force', '--quiet'], {BRIEFS_CACHE_DIR: emptyCache()})
  const busy = busyCpuSeconds() - busyBefore
  const wave1Manifest = JSON.parse(readFileSync(join(wave1Dir, 'manifest.json'), 'utf8'))
  record('wave-1 batch (57 briefs × 5 formats, Spanish), from scratch', first.ms / 1000, 's', `${wave1Manifest.documents.length} documents, ${wave1Manifest.documents.reduce((s, d) => s + (d.pages ?? 0), 0)} pages, ${busy.toFixed(1)} machine CPU-s (${((busy / cpus().length / (first.ms / 1000)) * 100).toFixed(0)} % of ${cpus().length} cores)`)
  rmSync(wave1Dir, {recursive: true, force: true})
}

// 2b. CPU per output page of each format: the default briefs in that format alone, from scratch,
// next to the floor: Chromium printing a page it has already laid out.
if (!quick) {
  for (const format of ['pdf', 'docx', 'slides', 'handout', 'pptx']) {
    const config = join(out, `only-${format}.yaml`)
    writeFileSync(config, `formats: [${format}]\nlang: es\npaper: a4\nbriefs:\n  - kind: full\n  - each: guideline\n  - each: audience\n  - each: country\n`)
    const dir = join(out, `only-${format}`)
    const busyBefore = busyCpuSeconds()
    const run = await runMeasured([cli, 'batch', config, '--out', dir, '--force', '--quiet'], {BRIEFS_CACHE_DIR: emptyCache()})
    const cpu = busyCpuSeconds() - busyBefore
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    const pages = manifest.documents.reduce((sum, d) => sum + (d.pages ?? 0), 0)
    if (pages > 0) record(`${format}: CPU per output page (${manifest.documents.length} briefs, this format alone, machine CPU)`, (cpu * 1000) / pages, 'ms', `${pages} pages, ${cpu.toFixed(1)} CPU-s, ${(run.ms / 1000).toFixed(1)} s`)
    else record(`${format}: CPU per document (${manifest.documents.length} briefs, this format alone, machine CPU; no page count)`, (cpu * 1000) / manifest.documents.length, 'ms', `${cpu.toFixed(1)} CPU-s, ${(run.ms / 1000).toFixed(1)} s`)
    rmSync(dir, {recursive: true, force: true})
  }
}
{
  // The floor: the full brief's print HTML (as a PDF brief prints it, in an inert page with the bundled
  // fonts) loaded once, then printed again; the CPU of Chromium's processes and of this one over that
  // second print, per page.
  const {briefHtml} = await import('../dist/render/html/render-html.js')
  const {openInertPage} = await import('../dist/render/browser.js')
  const {PDFDocument} = await import('pdf-lib')
  const html = briefHtml(select(loadProject(), toSpec({})), {paper: 'a4'}, {print: true, breakGuidelines: true, tocPages: undefined})
  const pdfOptions = {format: 'a4', printBackground: true, tagged: true, preferCSSPageSize: true, displayHeaderFooter: false, outline: true}
  const handle = await launchBrowser()
  try {
    const {page} = await openInertPage(handle.browser)
    await page.setContent(html, {waitUntil: 'load'})
    await page.pdf(pdfOptions)
    const ticks = () => {
      let sum = 0
      for (const pid of processTree(handle.browser.process().pid)) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
          sum += Number(fields[11]) + Number(fields[12])
        } catch {}
      }
      return sum
    }
    const before = ticks()
    const node = process.cpuUsage()
    const bytes = await page.pdf(pdfOptions)
    const used = process.cpuUsage(node)
    const chromiumMs = (ticks() - before) * 10
    const pages = (await PDFDocument.load(bytes)).getPageCount()
    record('floor: Chromium printing an already laid-out page (full brief print HTML, second print; Chromium + Node CPU)', (chromiumMs + (used.user + used.system) / 1000) / pages, 'ms', `${pages} pages`)
  } finally {
    await handle.close()
  }
}
if (batchesOnly) {
  writeFileSync(join(out, 'bench.json'), JSON.stringify({date: new Date().toISOString(), results}, null, 2))
  console.log(`results: ${join(out, 'bench.json')}`)
  process.exit(0)
}

// 3. PDF throughput: the same PDFs with the shared browser and pool vs a browser per document.
const project = loadProject()
const plan = readBatchConfig(contentPaths.batch, project)
const sample = plan.briefs.filter((b) => b.spec.kind === 'guideline' || b.spec.kind === 'audience')
const views = sample.map((b) => select(project, b.spec))
const options = {paper: 'a4', date: defaultDate, handoutLayout: 2}
const config = join(out, 'pdf-only.yaml')
writeFileSync(config, `formats: [pdf]\nbriefs:\n  - each: guideline\n  - each: audience\n`)
const pooled = await runMeasured([cli, 'batch', config, '--out', join(out, 'pdf-only'), '--force', '--quiet'])
record(`${views.length} PDFs, batch (one browser, page pool), whole process`, pooled.ms / 1000, 's', `${(views.length / (pooled.ms / 1000)).toFixed(2)} docs/s`)
const perDoc = await time(async () => {
  for (const view of views) {
    const handle = await launchBrowser()
    try {
      await renderPdf(view, {...options, browser: handle.browser})
    } finally {
      await handle.close()
    }
  }
})
record(`${views.length} PDFs, a browser launched per document (in process)`, perDoc / 1000, 's', `${(views.length / (perDoc / 1000)).toFixed(2)} docs/s`)
record('PDF throughput ratio (batch / browser launched per document)', perDoc / pooled.ms, '×')
// The way per-document tools run: one command, one process and one browser per document.
const perProcess = await time(async () => {
  for (const brief of sample) {
    const flags = brief.spec.kind === 'guideline' ? ['--guideline', brief.spec.guidelines[0]] : ['--audience', brief.spec.audiences[0]]
    execFileSync(process.execPath, [cli, 'build', '--format', 'pdf', '--out', join(out, 'per-process'), ...flags], {stdio: 'ignore'})
  }
})
record(`${views.length} PDFs, \`briefs build\` run per document (a process and a browser each)`, perProcess / 1000, 's', `${(views.length / (perProcess / 1000)).toFixed(2)} docs/s`)
record('PDF throughput ratio (batch / command per document)', perProcess / pooled.ms, '×')

// 4. DOCX: ours vs pandoc from markdown, for all briefs of the default batch.
const allViews = plan.briefs.map((b) => select(project, b.spec))
const ours = await time(async () => {
  for (const view of allViews) await renderDocx(view, options)
})
record(`${allViews.length} DOCX, our renderer (in process, sequential)`, ours / 1000, 's')
record(`Word page-number estimate (docx's layout, patched), ${estimateCost.documents} documents in one process`, estimateCost.cpuMicroseconds / 1e6, 'CPU-s', `${(estimateCost.cpuMicroseconds / 1000 / Math.max(1, estimateCost.documents)).toFixed(0)} CPU-ms a document`)
if (spawnSync('pandoc', ['--version']).status === 0) {
  const dir = join(out, 'pandoc')
  execFileSync('mkdir', ['-p', dir])
  const viaPandoc = await time(async () => {
    for (const view of allViews) {
      const md = join(dir, `${view.slug}.md`)
      writeFileSync(md, viewToMarkdown(view))
      execFileSync('pandoc', [md, '-o', join(dir, `${view.slug}.docx`)])
    }
  })
  record(`${allViews.length} DOCX, pandoc from markdown (one pandoc process each)`, viaPandoc / 1000, 's')
}

// 5. Single documents with a warm browser (median of 3), for each format and three briefs.
{
  const {rendererFor} = await import('../dist/render/index.js')
  const {renderPdfReport} = await import('../dist/render/pdf/render-pdf.js')
  const {toBriefSpec} = await import('../dist/select/index.js')
  const handle = await launchBrowser()
  const warm = {...options, browser: handle.browser}
  const briefs = {full: {}, 'guideline VII': {guidelines: ['VII']}, 'country CL': {country: 'CL'}}
  try {
    for (const [name, spec] of Object.entries(briefs)) {
      // A selection's first PDF measures its contents' page numbers; English labels: no layout of it was made earlier in this process.
      const view = select(project, toBriefSpec({...spec, lang: 'en'}))
      const t = performance.now()
      const report = await renderPdfReport(view, warm)
      record(`pdf, first render of the selection (en labels), ${name}`, performance.now() - t, 'ms', `${report.passes} passes`)
    }
    for (const format of ['html', 'pdf', 'docx', 'slides', 'handout', 'pptx']) {
      const render = await rendererFor(format)
      for (const [name, spec] of Object.entries(briefs)) {
        const view = select(project, toBriefSpec(spec))
        await render(view, warm)
        const times = []
        for (let i = 0; i < 3; i++) {
          // Slides and handouts share a cached deck per date: a new date makes each a real render.
          const opts = format === 'slides' || format === 'handout' ? {...warm, date: new Date(Date.UTC(2025, 0, 2 + i))} : warm
          times.push(await time(() => render(view, opts)))
        }
        record(`${format}, ${name}`, median(times), 'ms')
      }
    }
  } finally {
    await handle.close()
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${execFileSync('/usr/lib/chromium/chromium', ['--version'], {encoding: 'utf8'}).trim()}`
writeFileSync(join(out, 'bench.json'), JSON.stringify({machine, date: new Date().toISOString(), results}, null, 2))
console.log(`\nmachine: ${machine}\nresults: ${join(out, 'bench.json')}`)
rmSync(join(out, 'pandoc'), {recursive: true, force: true})
