import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chromiumCount, filesIn, profilesIn, run, start, waitFor, workDir} from './hostile.js'

// Each run gets its own TMPDIR: its browser profile lands there, and its Chromium
// processes carry that path on their command line, so other runs on the machine are not counted.
const signals = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const

async function killWhileBrowsing(args: string[], signal: NodeJS.Signals) {
  const root = workDir('signal')
  const tmp = join(root, 'tmp')
  mkdirSync(tmp)
  const out = join(root, 'out')
  const run = start([...args, '--out', out], {TMPDIR: tmp})
  const up = await waitFor(() => chromiumCount(tmp) > 0 && profilesIn(tmp).length > 0, 120_000)
  expect(up, 'the browser started').toBe(true)
  run.child.kill(signal)
  const exit = await run.exited
  return {root, tmp, out, exit, ...run.output()}
}

describe('no browser outlives a command, however it ends', () => {
  for (const [signal, code] of signals) {
    it(`build: ${signal} → exit ${code}, no Chromium, no profile, nothing written`, async () => {
      const r = await killWhileBrowsing(['build', '--format', 'pdf,slides,handout'], signal)
      expect(r.exit.code).toBe(code)
      expect(await waitFor(() => chromiumCount(r.tmp) === 0, 10_000)).toBe(true)
      expect(profilesIn(r.tmp)).toEqual([])
      expect(filesIn(r.out)).toEqual([])
      expect(r.stderr).not.toMatch(/^\s+at /m)
    }, 200_000)

    it(`batch: ${signal} → exit ${code}, no Chromium, no profile, the manifest matches the disk`, async () => {
      const config = join(workDir('config'), 'batch.yaml')
      writeFileSync(config, 'formats: [pdf, slides]\nbriefs:\n  - each: guideline\n')
      const r = await killWhileBrowsing(['batch', config], signal)
      expect(r.exit.code).toBe(code)
      expect(await waitFor(() => chromiumCount(r.tmp) === 0, 10_000)).toBe(true)
      expect(profilesIn(r.tmp)).toEqual([])
      const files = filesIn(r.out).map((f) => f.slice(r.out.length + 1)).sort()
      expect(files.filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([])
      const manifest = JSON.parse(readFileSync(join(r.out, 'manifest.json'), 'utf8')) as {documents: {path: string}[]}
      expect(files.filter((f) => f !== 'manifest.json')).toEqual(manifest.documents.map((d) => d.path).sort())
    }, 200_000)
  }

  for (const command of ['build', 'batch'] as const) {
    it(`${command}: SIGKILL leaves no Chromium (it talks over a pipe); the next run sweeps the profile`, async () => {
      const config = join(workDir('config'), 'batch.yaml')
      writeFileSync(config, 'formats: [pdf]\nbriefs:\n  - each: guideline\n')
      const args = command === 'build' ? ['build', '--format', 'pdf,slides,handout'] : ['batch', config]
      const r = await killWhileBrowsing(args, 'SIGKILL')
      expect(r.exit.signal).toBe('SIGKILL')
      expect(await waitFor(() => chromiumCount(r.tmp) === 0, 15_000)).toBe(true)
      expect(profilesIn(r.tmp)).toHaveLength(1)
      const next = run(['build', '--rec', '1', '--format', 'pdf', '--out', join(r.root, 'next')], {env: {TMPDIR: r.tmp}})
      expect(next.status, next.stderr).toBe(0)
      expect(profilesIn(r.tmp)).toEqual([])
      expect(chromiumCount(r.tmp)).toBe(0)
    }, 200_000)
  }

  it('an error after the browser started closes it too', () => {
    const root = workDir('error')
    const tmp = join(root, 'tmp')
    mkdirSync(tmp)
    const templates = join(root, 'templates')
    mkdirSync(templates)
    writeFileSync(join(templates, 'recommendation.hbs'), '<p>{{undefinedHelper number}}</p>\n')
    const r = run(['build', '--rec', '1', '--format', 'pdf', '--templates', templates, '--out', join(root, 'out')], {env: {TMPDIR: tmp}})
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('recommendation.hbs')
    expect(profilesIn(tmp)).toEqual([])
    expect(chromiumCount(tmp)).toBe(0)
  }, 120_000)
})
