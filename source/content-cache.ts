import {createHash, randomBytes} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {limit, limitDefinitions, type LimitName} from './limits.js'
import {errorCode} from './errors.js'

/**
 * A cache of compiled content: a set of content files → the validated object
 * made from them, as JSON in the user's cache folder, so that a second run
 * skips reading YAML, checking schemas and parsing the source text.
 *
 * An entry is keyed by the bytes of every input file, the program's version
 * and the code that compiles content, so a hit is the result the same
 * compilation would give. Only compilations that succeeded are stored: a
 * content error is always found and reported by the compiler itself, with its
 * file:line:col. An entry that does not read back whole (a crash mid-write
 * on another system, a hand edit) is ignored and rebuilt.
 */

/** What an entry is made from. */
export interface CacheInputs {
  /** Content files; a missing file counts as its own state. */
  readonly files: readonly string[]
  /** Anything else the compiled value depends on (another entry's key, options). */
  readonly extra?: string
}

const entryFormat = 1

/**
 * The cache folder: `BRIEFS_CACHE_DIR` (`off` disables the cache), else
 * `$XDG_CACHE_HOME/policy-briefs`, else `~/.cache/policy-briefs`.
 */
export function cacheDir(): string | null {
  const own = process.env['BRIEFS_CACHE_DIR']
  if (own === 'off') return null
  if (own) return own
  const xdg = process.env['XDG_CACHE_HOME']
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'policy-briefs')
}

/**
 * The key of an entry: its name, the program, the limits in force and the
 * bytes of its inputs. Null (nothing read or stored) when an input is not a
 * regular file or is larger than any content file may be: the compiler then
 * reports it under its limit, and a cache never reads more than a limit allows.
 */
export function cacheKey(name: string, inputs: CacheInputs): string | null {
  // A lowered --limit must fail as it would without the cache: the limits are part of the key.
  const hash = createHash('sha256').update(`${entryFormat}\0${programStamp()}\0${limitsStamp()}\0${name}\0${inputs.extra ?? ''}\0`)
  const paths = createHash('sha256').update(`${name}\0${inputs.files.join('\0')}`).digest('hex').slice(0, 8)
  const largest = Math.max(limit('source-size'), limit('yaml-size'))
  for (const file of inputs.files) {
    hash.update(file).update('\0')
    let size: number | null = null
    try {
      const stats = statSync(file)
      if (!stats.isFile()) return null
      size = stats.size
    } catch (error) {
      hash.update(`missing:${errorCode(error) ?? ''}`)
    }
    if (size !== null) {
      if (size > largest) return null
      try {
        hash.update(readFileSync(file))
        hash.update('\x01')
      } catch {
        return null
      }
    }
    hash.update('\0')
  }
  // The paths lead, so entries for other content sets (a test's own folder) are kept apart.
  return `${paths}-${hash.digest('hex')}`
}

function limitsStamp(): string {
  return (Object.keys(limitDefinitions) as LimitName[]).map((name) => `${name}=${limit(name)}`).join(',')
}

/** The stored value for `key`, or `undefined` when there is none that reads back whole. */
export function readCache<T>(name: string, key: string | null): T | undefined {
  const body = readCacheText(name, key)
  if (body === undefined) return undefined
  try {
    return JSON.parse(body) as T
  } catch {
    return undefined
  }
}

/** The stored JSON text for `key`, checked whole but not parsed (for entries that may not be used). */
export function readCacheText(name: string, key: string | null): string | undefined {
  const dir = cacheDir()
  if (!dir || key === null) return undefined
  let text: string
  try {
    text = readFileSync(entryPath(dir, name, key), 'utf8')
  } catch {
    return undefined
  }
  // First line: {key, sum}; the rest: the value as JSON, whose sha256 is `sum`.
  const newline = text.indexOf('\n')
  if (newline < 0) return undefined
  try {
    const header = JSON.parse(text.slice(0, newline)) as {key?: unknown; sum?: unknown}
    const body = text.slice(newline + 1)
    if (header.key !== key || header.sum !== createHash('sha256').update(body).digest('hex')) return undefined
    return body
  } catch {
    return undefined
  }
}

/**
 * Store a value under `key`: written to a temporary name and renamed, so two
 * processes racing write whole files and a reader never sees half of one.
 * A cache that cannot be written (read-only home) is only slower. `many`:
 * the name holds an entry per document, not one per set of content files.
 */
export function writeCache(name: string, key: string | null, value: unknown, options: {many?: boolean} = {}): void {
  const dir = cacheDir()
  if (!dir || key === null) return
  const body = JSON.stringify(value)
  const header = JSON.stringify({key, sum: createHash('sha256').update(body).digest('hex')})
  const path = entryPath(dir, name, key)
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    makeDir(dir)
    writeFileSync(temporary, `${header}\n${body}`)
    renameSync(temporary, path)
    if (options.many) removeOldest(dir, name)
    else removeOlder(dir, name, key, path)
  } catch {
    rmSync(temporary, {force: true})
  }
}

/** The cached value for these inputs, or `compile()`'s, stored when it returns (a throw stores nothing). */
export function cached<T>(name: string, inputs: CacheInputs, compile: () => T): T {
  const key = cacheKey(name, inputs)
  const hit = readCache<T>(name, key)
  if (hit !== undefined) return hit
  const value = compile()
  writeCache(name, key, value)
  return value
}

/** One entry per name and inputs; the name is kept readable for whoever looks in the folder. */
function entryPath(dir: string, name: string, key: string): string {
  return join(dir, `${name}-${key.slice(0, 41)}.json`)
}

/**
 * Entries of the same name and input paths but older contents are dropped
 * when a new one is written, so editing content does not grow the folder
 * without end.
 */
function removeOlder(dir: string, name: string, key: string, keep: string): void {
  const prefix = `${name}-${key.slice(0, 8)}-`
  for (const file of readdirSync(dir)) {
    const path = join(dir, file)
    if (path !== keep && file.startsWith(prefix) && /^[0-9a-f]{32}\.json$/.test(file.slice(prefix.length))) rmSync(path, {force: true})
  }
}

/** For names with an entry per document (not per content file): at most this many, the least recently written dropped. */
const manyLimit = 2000

function removeOldest(dir: string, name: string): void {
  const prefix = `${name}-`
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
  if (files.length <= manyLimit) return
  const byAge = files.map((f) => {
    const path = join(dir, f)
    try {
      return {path, time: statSync(path).mtimeMs}
    } catch {
      return {path, time: 0}
    }
  })
  byAge.sort((a, b) => a.time - b.time)
  for (const {path} of byAge.slice(0, files.length - manyLimit)) rmSync(path, {force: true})
}

/** mkdir -p, one level at a time (a recursive mkdirSync loops forever under /proc). */
function makeDir(dir: string): void {
  if (existsSync(dir)) return
  const parent = dirname(dir)
  if (parent !== dir) makeDir(parent)
  try {
    mkdirSync(dir)
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error
  }
}

let stamp: string | undefined

/**
 * The program that compiles content: the package version, the locked
 * dependencies and the code of the compilers (parse, annotate, document
 * editions, model, labels, YAML reading, diagnostics, limits, Word's page numbers), so a rebuilt program never reads what
 * an older one compiled.
 */
function programStamp(): string {
  if (stamp !== undefined) return stamp
  const root = dirname(fileURLToPath(import.meta.url))
  const hash = createHash('sha256')
  // The version, and every dependency's (the YAML reader, the parser, docx's layout, the fonts).
  for (const file of ['package.json', 'package-lock.json']) {
    try {
      hash.update(readFileSync(join(root, '..', file)))
    } catch {}
  }
  const code = (path: string) => {
    try {
      hash.update(path).update(readFileSync(join(root, path)))
    } catch {}
  }
  for (const folder of ['parse', 'annotate', 'document', 'labels', 'model', 'render/docx']) {
    let names: string[] = []
    try {
      names = readdirSync(join(root, folder)).sort()
    } catch {}
    for (const name of names) if (/\.[jt]s$/.test(name)) code(join(folder, name))
  }
  for (const file of ['yaml-file', 'content-cache', 'limits', 'diagnostics', 'display-path']) {
    code(`${file}.js`)
    code(`${file}.ts`)
  }
  stamp = hash.digest('hex')
  return stamp
}
