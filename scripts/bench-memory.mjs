#!/usr/bin/env node
// Peak memory of the default batch by kind of process, for A/B runs of two builds of the project:
// runs `node dist/cli/main.js batch --force --quiet` of the project at ROOT (default: this one) with an
// empty content cache and a new output folder, samples the PSS of its whole process tree once a second
// (Node and each kind of Chromium process apart), and prints the peak as one JSON line with the batch's
// wall time. Run two trees alternately on a quiet machine to compare them (docs/benchmarks.md).
// Usage: node scripts/bench-memory.mjs [ROOT] [-- batch flags…]
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {memoryOf, processTree} from './process-tree.mjs'

const args = process.argv.slice(2)
const split = args.indexOf('--')
const root = (split === -1 ? args : args.slice(0, split))[0] ?? join(import.meta.dirname, '..')
const extra = split === -1 ? [] : args.slice(split + 1)
const scratch = mkdtempSync(join(tmpdir(), 'briefs-bench-memory-'))

/** What a process is: node, or Chromium's browser, renderer, zygote, utility… */
function kindOf(pid) {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    if (!command.includes('chrom')) return 'node'
    return `chromium ${/--type=([a-z-]+)/.exec(command)?.[1] ?? 'browser'}`
  } catch {
    return null
  }
}

const start = performance.now()
const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'batch', '--out', join(scratch, 'out'), '--force', '--quiet', ...extra], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {...process.env, BRIEFS_CACHE_DIR: join(scratch, 'cache')},
})
let peak = {total: 0}
const sampler = setInterval(() => {
  const sample = {total: 0}
  for (const pid of processTree(child.pid)) {
    const kind = kindOf(pid)
    if (kind === null) continue
    const pss = memoryOf(pid).pss / 2 ** 20
    sample[kind] = (sample[kind] ?? 0) + pss
    sample[`${kind} processes`] = (sample[`${kind} processes`] ?? 0) + 1
    sample.total += pss
  }
  if (sample.total > peak.total) peak = {...sample, at: (performance.now() - start) / 1000}
}, 1000)
child.on('exit', (code) => {
  clearInterval(sampler)
  rmSync(scratch, {recursive: true, force: true})
  const rounded = Object.fromEntries(Object.entries(peak).map(([key, value]) => [key, Math.round(value)]))
  console.log(JSON.stringify({root, exit: code, wallSeconds: Number(((performance.now() - start) / 1000).toFixed(1)), peakPssMiB: rounded}))
  process.exitCode = code ?? 1
})
