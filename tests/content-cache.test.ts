import {spawn} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {loadProject} from '../source/annotate/load-project.js'
import {cacheDir} from '../source/content-cache.js'
import {contentPaths} from '../source/content-paths.js'
import {BriefsError} from '../source/errors.js'
import {briefs, cliPath} from './helpers/cli.js'

const savedCacheDir = process.env['BRIEFS_CACHE_DIR']
afterEach(() => {
  if (savedCacheDir === undefined) delete process.env['BRIEFS_CACHE_DIR']
  else process.env['BRIEFS_CACHE_DIR'] = savedCacheDir
})

const emptyDir = (name: string) => mkdtempSync(join(tmpdir(), `briefs-cache-${name}-`))
const entries = (dir: string, prefix: string) => readdirSync(dir).filter((f) => f.startsWith(`${prefix}-`))

/** The message `fn` fails with (a BriefsError, as the CLI prints it). */
function failure(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(BriefsError)
    return (error as BriefsError).message
  }
  throw new Error('expected an error')
}

describe('the content cache', () => {
  it('gives the same output as no cache, and fills on the first run', () => {
    const dir = emptyDir('fill')
    const args = ['select', '--country', 'CL', '--json']
    const uncached = briefs(args, {env: {BRIEFS_CACHE_DIR: 'off'}})
    const cold = briefs(args, {env: {BRIEFS_CACHE_DIR: dir}})
    expect(entries(dir, 'project')).toHaveLength(1)
    expect(entries(dir, 'profile-CL')).toHaveLength(1)
    expect(entries(dir, 'labels-es')).toHaveLength(1)
    const warm = briefs(args, {env: {BRIEFS_CACHE_DIR: dir}})
    expect(uncached.status).toBe(0)
    expect(JSON.parse(uncached.stdout).counts.recommendations).toBeGreaterThan(0)
    expect(cold).toEqual(uncached)
    expect(warm).toEqual(uncached)
    // The model itself, the largest compiled object, round-trips exactly.
    expect(briefs(['model'], {env: {BRIEFS_CACHE_DIR: dir}}).stdout).toBe(briefs(['model'], {env: {BRIEFS_CACHE_DIR: 'off'}}).stdout)
  })

  it('ignores a corrupted entry and rebuilds it', () => {
    const dir = emptyDir('corrupt')
    const args = ['list', 'countries', '--json']
    const good = briefs(args, {env: {BRIEFS_CACHE_DIR: dir}})
    expect(good.status).toBe(0)
    const [name] = entries(dir, 'project')
    const path = join(dir, name!)
    const whole = readFileSync(path, 'utf8')
    const corruptions = {
      truncated: whole.slice(0, Math.floor(whole.length / 2)),
      // Still valid JSON, with the right key, but not what was written.
      edited: whole.replace('"CL"', '"XX"'),
      garbage: 'not a cache entry',
      empty: '',
    }
    for (const [what, text] of Object.entries(corruptions)) {
      expect(text, what).not.toBe(whole)
      writeFileSync(path, text)
      const again = briefs(args, {env: {BRIEFS_CACHE_DIR: dir}})
      expect(again, what).toEqual(good)
      expect(readFileSync(path, 'utf8'), what).toBe(whole)
    }
    // Five whole processes: more than the default minute on a busy machine.
  }, 300_000)

  it('reports a content error with the same file:line:col with or without the cache, and stores nothing for it', () => {
    const content = emptyDir('content')
    const annotations = join(content, 'annotations.yaml')
    const original = readFileSync(contentPaths.annotations, 'utf8')
    const lines = original.split('\n')
    const line = lines.findIndex((l) => /^2:/.test(l)) + 2
    expect(lines[line - 1]).toMatch(/^ {2}audiences: \[/)
    lines[line - 1] = lines[line - 1]!.replace('audiences: [', 'audiences: [national-govt, ')
    writeFileSync(annotations, lines.join('\n'))
    const options = {paths: {annotations}}

    process.env['BRIEFS_CACHE_DIR'] = 'off'
    const uncached = failure(() => loadProject(options))
    expect(uncached).toMatch(new RegExp(`annotations\\.yaml:${line}:\\d+: Unknown audience \`national-govt\` \\(recommendation 2\\)`))

    // A cache warmed with the good content, then the same files with the error.
    const dir = emptyDir('error')
    process.env['BRIEFS_CACHE_DIR'] = dir
    writeFileSync(annotations, original)
    expect(loadProject(options).model.recommendations).toHaveLength(113)
    writeFileSync(annotations, lines.join('\n'))
    const before = readdirSync(dir).sort()
    expect(failure(() => loadProject(options))).toBe(uncached)
    expect(failure(() => loadProject(options))).toBe(uncached)
    expect(readdirSync(dir).sort()).toEqual(before)
  })

  it('reports a source text error with the same file:line:col from the command, cached or not', () => {
    const content = emptyDir('source')
    const source = join(content, 'text.es.txt')
    const text = readFileSync(contentPaths.source, 'utf8')
    // Recommendation 12 numbered 13: a numbering error at its line.
    writeFileSync(source, text.replace(/^12\. /m, '13. '))
    const dir = emptyDir('source-cache')
    const args = ['select', '--source', source, '--guideline', 'I']
    const uncached = briefs(args, {env: {BRIEFS_CACHE_DIR: 'off'}})
    expect(uncached.status).toBe(1)
    expect(uncached.stderr).toMatch(/text\.es\.txt:\d+:\d+: .*recommendation/i)
    // Warm the cache with the good text at the same path, then break it again.
    copyFileSync(contentPaths.source, source)
    expect(briefs(args, {env: {BRIEFS_CACHE_DIR: dir}}).status).toBe(0)
    writeFileSync(source, text.replace(/^12\. /m, '13. '))
    expect(briefs(args, {env: {BRIEFS_CACHE_DIR: dir}})).toEqual(uncached)
  })

  it('keeps each edition apart: a brief in another language is the same cached or not, and an error in that edition is reported only when it is drawn on', () => {
    const folder = join(emptyDir('editions'), '113-recomendaciones')
    mkdirSync(folder)
    for (const name of readdirSync(dirname(contentPaths.source))) copyFileSync(join(dirname(contentPaths.source), name), join(folder, name))
    const source = join(folder, basename(contentPaths.source))
    const english = join(folder, basename(contentPaths.source).replace('.es.', '.en.'))
    const dir = emptyDir('editions-cache')
    const inEnglish = ['select', '--source', source, '--lang', 'en', '--guideline', 'I', '--json']
    const inSpanish = ['select', '--source', source, '--guideline', 'I', '--json']
    const uncached = briefs(inEnglish, {env: {BRIEFS_CACHE_DIR: 'off'}})
    expect(uncached.status).toBe(0)
    expect(JSON.parse(uncached.stdout).lang).toBe('en')
    expect(briefs(inSpanish, {env: {BRIEFS_CACHE_DIR: dir}}).status).toBe(0)
    expect(entries(dir, 'edition-en')).toHaveLength(0)
    expect(briefs(inEnglish, {env: {BRIEFS_CACHE_DIR: dir}})).toEqual(uncached)
    expect(entries(dir, 'edition-en')).toHaveLength(1)
    expect(briefs(inEnglish, {env: {BRIEFS_CACHE_DIR: dir}})).toEqual(uncached)
    // Recommendation 12 of the English edition numbered 13: it no longer lines up with the original.
    writeFileSync(english, readFileSync(english, 'utf8').replace(/^12\. /m, '13. '))
    const broken = briefs(inEnglish, {env: {BRIEFS_CACHE_DIR: 'off'}})
    expect(broken.status).toBe(1)
    expect(broken.stderr).toMatch(/113-recomendaciones\.en\.txt:\d+:\d+: .*\[edition-recommendation-missing\]/)
    expect(briefs(inEnglish, {env: {BRIEFS_CACHE_DIR: dir}})).toEqual(broken)
    // The Spanish brief does not draw on the English edition, with or without the cache.
    const spanish = briefs(inSpanish, {env: {BRIEFS_CACHE_DIR: 'off'}})
    expect(spanish.status).toBe(0)
    expect(briefs(inSpanish, {env: {BRIEFS_CACHE_DIR: dir}})).toEqual(spanish)
  })

  it('applies a lowered limit as without the cache', () => {
    const dir = emptyDir('limits')
    const args = ['select', '--country', 'CL']
    expect(briefs(args, {env: {BRIEFS_CACHE_DIR: dir}}).status).toBe(0)
    for (const limit of ['source-size=1000', 'yaml-size=100']) {
      const uncached = briefs(['--limit', limit, ...args], {env: {BRIEFS_CACHE_DIR: 'off'}})
      expect(uncached.status, limit).toBe(1)
      expect(uncached.stderr, limit).toContain(`above the limit ${limit.split('=')[0]}`)
      expect(briefs(['--limit', limit, ...args], {env: {BRIEFS_CACHE_DIR: dir}}), limit).toEqual(uncached)
    }
  })

  it('lets processes race on an empty cache: each gets the right answer, the entry reads back whole', async () => {
    const dir = emptyDir('race')
    const args = ['select', '--audience', 'academia', '--json']
    const expected = briefs(args, {env: {BRIEFS_CACHE_DIR: 'off'}}).stdout
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [cliPath, ...args], {env: {...process.env, BRIEFS_CACHE_DIR: dir}})
        let out = ''
        child.stdout.on('data', (d: Buffer) => (out += d.toString()))
        child.on('error', reject)
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))))
      })
    const outputs = await Promise.all([run(), run(), run()])
    for (const out of outputs) expect(out).toBe(expected)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(entries(dir, 'project')).toHaveLength(1)
    expect(briefs(args, {env: {BRIEFS_CACHE_DIR: dir}}).stdout).toBe(expected)
  })

  it('creates its folder under a missing parent', () => {
    const dir = join(emptyDir('nested'), 'a', 'b')
    expect(briefs(['list', 'audiences'], {env: {BRIEFS_CACHE_DIR: dir}}).status).toBe(0)
    expect(entries(dir, 'project')).toHaveLength(1)
  })

  it('lives in XDG_CACHE_HOME, else ~/.cache, unless BRIEFS_CACHE_DIR says', () => {
    const saved = {xdg: process.env['XDG_CACHE_HOME'], home: process.env['HOME']}
    try {
      delete process.env['BRIEFS_CACHE_DIR']
      process.env['XDG_CACHE_HOME'] = '/somewhere/cache'
      expect(cacheDir()).toBe('/somewhere/cache/policy-briefs')
      delete process.env['XDG_CACHE_HOME']
      process.env['HOME'] = '/home/analyst'
      expect(cacheDir()).toBe('/home/analyst/.cache/policy-briefs')
      process.env['BRIEFS_CACHE_DIR'] = 'off'
      expect(cacheDir()).toBeNull()
    } finally {
      for (const [key, value] of [['XDG_CACHE_HOME', saved.xdg], ['HOME', saved.home]] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  })
})
