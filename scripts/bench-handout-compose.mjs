// The handout's composition alone (its deck printed once, then cached): CPU and wall time of composing
// the 81 handouts of the default batch, each rendered twice in a row and the second one timed.
// Usage: node scripts/bench-handout-compose.mjs
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadProject} from '../dist/annotate/load-project.js'
import {readBatchConfig} from '../dist/batch/config.js'
import {planJobs} from '../dist/batch/run-batch.js'
import {contentPaths} from '../dist/content-paths.js'
import {BrowserManager} from '../dist/render/browser.js'
import {rendererFor} from '../dist/render/index.js'

const dir = mkdtempSync(join(tmpdir(), 'briefs-bench-handout-'))
const config = join(dir, 'handouts.yaml')
writeFileSync(config, readFileSync(contentPaths.batch, 'utf8').replace(/^formats: .*$/m, 'formats: [handout]'))
const project = loadProject({})
const jobs = planJobs({project, plan: readBatchConfig(config, project), outDir: dir, date: new Date('2026-01-01'), version: 'bench', templatesHash: 'bench'})
const browsers = new BrowserManager()
const browser = await browsers.get()
const render = await rendererFor('handout')
let cpu = 0
let wall = 0
for (const job of jobs) {
  await render(job.view, {...job.options, browser})
  const t = performance.now()
  const before = process.cpuUsage()
  await render(job.view, {...job.options, browser})
  const used = process.cpuUsage(before)
  cpu += (used.user + used.system) / 1000
  wall += performance.now() - t
}
console.log(`handout: ${jobs.length} handouts composed (deck cached): ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`)
await browsers.close()
rmSync(dir, {recursive: true, force: true})
