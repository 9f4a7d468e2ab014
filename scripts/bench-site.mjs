#!/usr/bin/env node
// The web edition (issue 24; figures go to docs/benchmarks.md, section "The web edition"):
//  - `briefs site` of the default config from scratch into an empty folder (every download made there: --no-reuse);
//  - the same command again, nothing changed (aim: under 2 s);
//  - a new site folder over a batch folder that already holds the documents (`--reuse`, as after `npm start`).
// Whole processes, wall time, as a user runs them. Aims: from scratch under 45 s, no-op under 2 s.
// Usage: node scripts/bench-site.mjs   (run by `npm run bench`)
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {projectRoot} from '../dist/content-paths.js'

const cli = join(projectRoot, 'dist', 'cli', 'main.js')
const root = mkdtempSync(join(tmpdir(), 'briefs-bench-site-'))
const record = (name, ms, note = '') => console.log(`site: ${name}: ${(ms / 1000).toFixed(2)} s ${note}`)

function site(dir, ...args) {
  const t = performance.now()
  const run = spawnSync(process.execPath, [cli, 'site', '--out', dir, ...args], {encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024})
  if (run.status !== 0) throw new Error(`briefs site exited ${run.status}: ${run.stderr.slice(-2000)}`)
  const stderr = run.stderr
  return {ms: performance.now() - t, summary: stderr.trim().split('\n').filter((l) => !l.startsWith('[')).join(' | ')}
}

function sizeOf(dir) {
  let bytes = 0
  let files = 0
  const walk = (d) => {
    for (const e of readdirSync(d, {withFileTypes: true})) {
      if (e.isDirectory()) walk(join(d, e.name))
      else {
        bytes += statSync(join(d, e.name)).size
        files++
      }
    }
  }
  walk(dir)
  return {bytes, files}
}

try {
  const a = join(root, 'a')
  const scratch = site(a, '--no-reuse')
  const {bytes, files} = sizeOf(a)
  record('default site from scratch (--no-reuse)', scratch.ms, `(${files} files, ${(bytes / 1e6).toFixed(0)} MB; ${scratch.summary})`)
  const noops = []
  for (let i = 0; i < 3; i++) noops.push(site(a, '--no-reuse'))
  noops.sort((x, y) => x.ms - y.ms)
  record('the same again, nothing changed (median of 3)', noops[1].ms, `(${noops[1].summary})`)
  const reuse = site(join(root, 'b'), '--reuse', join(a, 'downloads'))
  record('a new site folder over a batch folder holding the documents (--reuse)', reuse.ms, `(${reuse.summary})`)
} finally {
  rmSync(root, {recursive: true, force: true})
}
