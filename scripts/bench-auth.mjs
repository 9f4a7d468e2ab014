#!/usr/bin/env node
// The hosted workspace under load (figures go to docs/benchmarks.md, section "The hosted workspace"):
// 33 signed-in editors, one per country, each saving its own country's profile over and over (PUT with
// If-Match, so each save is a real write: the YAML file, its version and its audit entry), while 100
// signed-in viewers read (profiles, selections, histories). Twice, so memory can be compared between rounds.
// Latency p50/p95/p99 per kind, errors (anything but 200), resident memory of the server.
// The server runs as an administrator runs it: `briefs serve --auth --data DIR --port 0`, on a copy of content/.
// A third round paces the clients (autocannon's connectionRate), as people are: the p95 aim (200 ms) is read there;
// the saturated rounds say how much the server takes on this machine's 2 cores, shared with autocannon itself.
// Usage: node scripts/bench-auth.mjs [seconds per round, default 10]   (run by `npm run bench`)
import {spawn} from 'node:child_process'
import {cpSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import autocannon from 'autocannon'
import {openAccounts} from '../dist/accounts/index.js'
import {loadCountries} from '../dist/annotate/countries.js'
import {projectRoot} from '../dist/content-paths.js'
import {percentile, recorder, rssMiB} from './bench-record.mjs'

const seconds = Number(process.argv[2] ?? 10)
const root = mkdtempSync(join(tmpdir(), 'briefs-bench-auth-'))
cpSync(join(projectRoot, 'content'), join(root, 'content'), {recursive: true})
const data = join(root, 'data')
const codes = loadCountries(join(root, 'content', 'countries.yaml')).map((c) => c.code)

// 33 editors and 100 viewers, added as `briefs accounts add` does (argon2id hashes), in process to save 133 start-ups.
const setup = openAccounts(data)
const editors = []
for (const code of codes) {
  const user = `editor.${code.toLowerCase()}`
  await setup.accounts.add(user, 'editor', [code], `password-of-${user}`)
  editors.push({user, code})
}
const viewers = []
for (let i = 0; i < 100; i++) {
  const user = `viewer${i}`
  await setup.accounts.add(user, 'viewer', [], `password-of-${user}`)
  viewers.push({user})
}
setup.close()

const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), join(projectRoot, 'dist', 'cli', 'main.js'), 'serve', '--port', '0', '--auth', '--data', data, '--content', join(root, 'content'), '--out', join(root, 'out')], {stdio: ['ignore', 'pipe', 'ignore']})
const url = new URL(await new Promise((resolve) => createInterface({input: child.stdout}).once('line', resolve)))
const {results, record} = recorder('auth')

/** Sign in through the API; the session cookie. */
async function signIn(user) {
  const started = performance.now()
  const response = await fetch(new URL('/api/session', url), {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({user, password: `password-of-${user}`})})
  if (response.status !== 200) throw new Error(`Cannot sign in as ${user}: ${response.status}`)
  return {cookie: response.headers.getSetCookie()[0].split(';')[0], ms: performance.now() - started}
}

/** One round: every editor saving on its own connection, the viewers reading on 100 connections, at once. */
async function round(name, {writeRate, readRate} = {}) {
  const write = {times: [], statuses: new Map()}
  const read = {times: [], statuses: new Map()}
  const count = (into) => (_client, status, _bytes, ms) => {
    into.times.push(ms)
    into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1)
  }
  let saves = 0
  // Paced clients start spread over one second, as people do: started together they would all fire in the same millisecond, every second.
  const later = (i, of, make) => (writeRate ? new Promise((resolve) => setTimeout(resolve, (1000 * i) / of)) : Promise.resolve()).then(make)
  const writers = editors.map((editor, e) => later(e, editors.length, () => {
    const state = editor.state
    const instance = autocannon({
      url: url.origin, connections: 1, duration: seconds, ...(writeRate ? {connectionRate: writeRate} : {}),
      requests: [{
        method: 'PUT',
        setupRequest: (req) => ({
          ...req, path: `/api/countries/${editor.code}/profile`,
          headers: {cookie: editor.cookie, 'content-type': 'application/json', 'if-match': state.etag},
          body: JSON.stringify({...state.profile, context: `Saved under load, ${name}, save ${saves++}.`}),
        }),
        onResponse: (status, _body, _context, headers) => {
          // headers: a flat [name, value, …] list or an object, depending on the version.
          const etag = Array.isArray(headers) ? headers[headers.findIndex((h, i) => i % 2 === 0 && String(h).toLowerCase() === 'etag') + 1] : headers?.etag
          if (status === 200 && etag) state.etag = String(etag)
        },
      }],
    })
    instance.on('response', count(write))
    return instance
  }))
  let n = 0
  // The 100 readers as 20 clients of 5 connections each (spread like the writers when paced).
  const readers = Array.from({length: 20}, (_, r) => later(r, 20, () => {
    const reader = autocannon({
      url: url.origin, connections: 5, duration: seconds, ...(readRate ? {connectionRate: readRate} : {}),
      requests: [{
        setupRequest: (req) => {
          const i = n++
          const viewer = viewers[i % viewers.length]
          const code = codes[i % codes.length]
          const path = [`/api/countries/${code}/profile`, `/api/select?country=${code}&guideline=VII`, `/api/countries/${code}/history`][i % 3]
          return {...req, method: 'GET', path, headers: {cookie: viewer.cookie}}
        },
      }],
    })
    reader.on('response', count(read))
    return reader
  }))
  await Promise.all([...writers, ...readers].map(async (started) => await (await started)))
  for (const [kind, into] of [['save (PUT profile)', write], ['read (profile, selection, history)', read]]) {
    const ok = into.statuses.get(200) ?? 0
    const errors = into.times.length - ok
    record(`${name}, ${kind}, p50`, percentile(into.times, 50), 'ms')
    record(`${name}, ${kind}, p95`, percentile(into.times, 95), 'ms', `(${into.times.length} requests, ${(into.times.length / seconds).toFixed(0)} req/s)`)
    record(`${name}, ${kind}, p99`, percentile(into.times, 99), 'ms')
    record(`${name}, ${kind}, answers other than 200`, errors, 'requests', errors ? JSON.stringify(Object.fromEntries(into.statuses)) : '')
  }
  record(`${name}, memory after`, rssMiB(child.pid), 'MiB')
}

try {
  const signIns = []
  for (const person of [...editors, ...viewers]) {
    const {cookie, ms} = await signIn(person.user)
    person.cookie = cookie
    signIns.push(ms)
  }
  record('sign-in (argon2id check, new session), p50', percentile(signIns, 50), 'ms', `(${signIns.length} sign-ins, one after another)`)
  record('sign-in, p95', percentile(signIns, 95), 'ms')
  for (const editor of editors) {
    const response = await fetch(new URL(`/api/countries/${editor.code}/profile`, url), {headers: {cookie: editor.cookie}})
    const {yaml: _yaml, ...profile} = await response.json()
    editor.state = {etag: response.headers.get('etag'), profile}
  }
  record('memory after sign-ins', rssMiB(child.pid), 'MiB')
  // Saturation: every client sends its next request as soon as the last is answered (latency = clients ÷ throughput).
  // Paced: each editor saves once a second and each viewer reads once a second — far above what 133 people do.
  const rounds = [['saturated, round 1', {}], ['saturated, round 2', {}], ['paced (1 save/s per editor, 1 read/s per viewer)', {writeRate: 1, readRate: 1}]]
  for (const [name, rates] of rounds) {
    // A save answered after a round stopped listening still changed the file: start each round from the current version.
    for (const editor of editors) {
      const response = await fetch(new URL(`/api/countries/${editor.code}/profile`, url), {headers: {cookie: editor.cookie}})
      await response.arrayBuffer()
      editor.state.etag = response.headers.get('etag')
    }
    await round(name, rates)
  }
  const db = join(data, 'briefs.sqlite')
  record('database after both rounds', (statSync(db).size + statSync(`${db}-wal`, {throwIfNoEntry: false})?.size) / 1048576, 'MiB', '(file and WAL; every version keeps the whole profile text)')
  record('load average (1 min) at the end', loadavg()[0], `on ${cpus().length} cores`)
} finally {
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  writeFileSync(join(tmpdir(), 'bench-auth.json'), JSON.stringify({date: new Date().toISOString(), seconds, results}, null, 2))
  rmSync(root, {recursive: true, force: true})
  console.log(`auth results: ${join(tmpdir(), 'bench-auth.json')}`)
}
