#!/usr/bin/env node
// `briefs serve` under load (figures go to docs/benchmarks.md, section "The web workspace"):
//  - selection (/api/select) and HTML preview (/preview) latency, p50/p95/p99, with autocannon;
//  - a guideline brief's PDF with a warm browser, p95 of real renders (each request a new title, so the cache cannot answer);
//  - 10 PDF requests at once: all answered, and how long the last one took;
//  - memory of the server process after 50 and after 500 requests.
// The server runs as a user runs it (`briefs serve --port 0`) on a copy of content/.
// Usage: node scripts/bench-serve.mjs   (run by `npm run bench` after scripts/bench.mjs)
import {spawn} from 'node:child_process'
import {cpSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import autocannon from 'autocannon'
import {projectRoot} from '../dist/content-paths.js'
import {percentile, recorder, rssMiB} from './bench-record.mjs'

const root = mkdtempSync(join(tmpdir(), 'briefs-bench-serve-'))
cpSync(join(projectRoot, 'content'), join(root, 'content'), {recursive: true})
const child = spawn(process.execPath, [join(projectRoot, 'dist', 'cli', 'main.js'), 'serve', '--port', '0', '--content', join(root, 'content'), '--out', join(root, 'out')], {stdio: ['ignore', 'pipe', 'inherit']})
const url = new URL(await new Promise((resolve) => createInterface({input: child.stdout}).once('line', resolve)))
const {results, record} = recorder('serve')

/** autocannon run; latencies of every response kept (autocannon's own table stops at p90 and p97.5). */
async function load(name, options) {
  const times = []
  const statuses = new Map()
  const instance = autocannon({url: url.origin, ...options})
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms)
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  })
  const result = await instance
  const ok = statuses.get(200) ?? 0
  record(`${name}, p50`, percentile(times, 50), 'ms')
  record(`${name}, p95`, percentile(times, 95), 'ms', `(${options.connections} connections, ${times.length} requests, ${ok} answered 200, ${result.requests.average.toFixed(0)} req/s)`)
  record(`${name}, p99`, percentile(times, 99), 'ms')
  return {times, ok}
}

try {
  // Warm up: the project, the templates, the browser.
  for (const path of ['/api/select?guideline=VII', '/preview?guideline=VII', '/api/build?guideline=VII&format=pdf']) await (await fetch(new URL(path, url))).arrayBuffer()
  record('memory after warm-up', rssMiB(child.pid), 'MiB')

  // 50 then 500 ordinary requests (select, page, preview); memory after each.
  const mixed = ['/api/select?guideline=VII&country=CL', '/?guideline=III&lang=en', '/preview?guideline=VII', '/api/select?audience=development-banks']
  await autocannon({url: url.origin, connections: 2, amount: 50, requests: mixed.map((path) => ({method: 'GET', path}))})
  const after50 = rssMiB(child.pid)
  await autocannon({url: url.origin, connections: 2, amount: 450, requests: mixed.map((path) => ({method: 'GET', path}))})
  const after500 = rssMiB(child.pid)
  record('memory after 50 requests', after50, 'MiB')
  record('memory after 500 requests', after500, 'MiB', `(${(((after500 - after50) / after50) * 100).toFixed(1)} % more than after 50)`)

  await load('select (/api/select, CL + VII)', {connections: 4, amount: 400, path: '/api/select?country=CL&guideline=VII'})
  await load('compose page (/?guideline=VII)', {connections: 4, amount: 400, path: '/?guideline=VII'})
  await load('HTML preview (/preview, cached)', {connections: 4, amount: 400, path: '/preview?guideline=VII'})
  // A preview nobody asked for before: a new title each time, so each is a real HTML render.
  let n = 0
  await load('HTML preview (/preview, each a new render)', {connections: 2, amount: 100, requests: [{setupRequest: (req) => ({...req, path: `/preview?guideline=VII&title=Preview%20${n++}`})}]})
  // Real PDF renders on the warm browser, one at a time.
  let m = 0
  await load('guideline PDF (/api/build, warm browser, each a new render)', {connections: 1, amount: 20, timeout: 60, requests: [{setupRequest: (req) => ({...req, path: `/api/build?guideline=VII&format=pdf&title=PDF%20${m++}`})}]})

  // 10 different PDFs at once: the render limit queues them; all must be answered.
  const started = performance.now()
  const answers = await Promise.all(Array.from({length: 10}, async (_, i) => {
    const response = await fetch(new URL(`/api/build?guideline=${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][i]}&format=pdf&title=Concurrent`, url))
    const bytes = Buffer.from(await response.arrayBuffer())
    return {status: response.status, pdf: bytes.subarray(0, 5).toString() === '%PDF-', ms: performance.now() - started}
  }))
  const answered = answers.filter((a) => a.status === 200 && a.pdf).length
  record('10 concurrent PDF requests answered with a PDF', answered, 'of 10')
  record('10 concurrent PDF requests, last answer after', Math.max(...answers.map((a) => a.ms)), 'ms', `(statuses: ${answers.map((a) => a.status).join(' ')})`)
  record('memory at the end', rssMiB(child.pid), 'MiB')
  // The machine may be shared: say how busy it was, so the figures can be read against bench.mjs's.
  record('load average (1 min) at the end', loadavg()[0], `on ${cpus().length} cores`)
} finally {
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  writeFileSync(join(tmpdir(), 'bench-serve.json'), JSON.stringify({date: new Date().toISOString(), results}, null, 2))
  rmSync(root, {recursive: true, force: true})
  console.log(`serve results: ${join(tmpdir(), 'bench-serve.json')}`)
}
