import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {expect} from 'vitest'
import {cliPath, projectRoot} from '../helpers/cli.js'

export {cliPath, projectRoot}

export function workDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `briefs-hostile-${name}-`))
}

export interface TimedRun {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly seconds: number
  /** Peak resident memory of the process in MB (GNU time), when available. */
  readonly peakMb: number | null
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/** Run the built CLI as a user would, measuring wall time and (with GNU time) peak memory. */
export function run(args: string[], options: {env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number} = {}): TimedRun {
  const started = performance.now()
  const command = gnuTime ? gnuTime : process.execPath
  const argv = gnuTime ? ['-f', 'PEAK_KB=%M', process.execPath, cliPath, ...args] : [cliPath, ...args]
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? projectRoot,
    env: {...process.env, BRIEFS_DEBUG: '', ...options.env},
    encoding: 'utf8',
    input: '',
    timeout: options.timeoutMs ?? 240_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  let stderr = result.stderr ?? ''
  let peakMb: number | null = null
  const peak = /PEAK_KB=(\d+)\s*$/.exec(stderr)
  if (peak) {
    peakMb = Number(peak[1]) / 1024
    stderr = stderr.slice(0, peak.index).replace(/Command exited with non-zero status \d+\n$/, '').replace(/Command terminated by signal \d+\n$/, '')
  }
  return {status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr, seconds: (performance.now() - started) / 1000, peakMb}
}

/** The error a user should see: the documented exit code, the file (or flag) named, no stack trace, no "unexpected failure". */
export function expectCleanError(result: TimedRun, code: number, ...names: (string | RegExp)[]): void {
  expect(result.status, result.stderr).toBe(code)
  for (const name of names) {
    if (typeof name === 'string') expect(result.stderr).toContain(name)
    else expect(result.stderr).toMatch(name)
  }
  expect(result.stderr).not.toMatch(/^\s+at /m)
  expect(result.stderr).not.toMatch(/unexpected failure/)
}

/** Files in a folder, recursively, hidden ones included. */
export function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, {recursive: true, withFileTypes: true}).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

/** Chromium processes whose command line holds `marker` (the private temporary folder of one run). */
export function chromiumCount(marker: string): number {
  const found = spawnSync('pgrep', ['-f', `chromium.*${marker}`], {encoding: 'utf8'})
  return found.stdout.split('\n').filter(Boolean).length
}

export function profilesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('briefs-chrome-')) : []
}

export async function waitFor(check: () => boolean, ms: number, step = 200): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, step))
  }
  return check()
}

/** Start the CLI in the background. */
export function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], {cwd: projectRoot, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (code, signal) => resolve({code, signal})))
  return {child, exited, output: () => ({stdout, stderr})}
}
