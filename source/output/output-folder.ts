import {accessSync, closeSync, constants, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, statSync, writeSync} from 'node:fs'
import {dirname, join, parse, resolve, sep} from 'node:path'
import {BriefsError, environmentError, errorCode, explainSystemError, systemError} from '../errors.js'
import {onExit} from '../shutdown.js'
import {isAlive} from '../is-alive.js'

/** Kernel file systems: no place for documents, and `mkdir -p` loops forever under /proc. */
const systemRoots = ['/proc', '/sys', '/dev']

/**
 * Check an output folder before any work: every part of the path that
 * exists must be a folder, none may be under /proc, /sys or /dev, and the
 * nearest existing folder must be writable. Exit 3 at once otherwise. Creates nothing.
 */
export function checkOutputFolder(dir: string, flag = '--out'): string {
  const target = resolve(dir)
  let existing = target
  const missing: string[] = []
  for (;;) {
    let stat
    try {
      stat = statSync(existing)
    } catch (error) {
      const code = errorCode(error)
      if (code === 'ENOENT') {
        const parent = dirname(existing)
        if (parent === existing) break
        missing.unshift(existing)
        existing = parent
        continue
      }
      if (code === 'ENOTDIR') throw environmentError(`Cannot write into ${dir} (${flag}): a part of the path is a file, not a folder`)
      throw systemError(`Cannot use the output folder (${flag})`, dir, error)
    }
    const real = realpathSync(existing)
    const system = systemRoots.find((root) => real === root || real.startsWith(`${root}${sep}`))
    if (system) throw environmentError(`Cannot write into ${dir} (${flag}): it is under ${system}, a system folder that holds no files`)
    if (!stat.isDirectory()) {
      const what = stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isFIFO() ? 'a pipe' : stat.isSocket() ? 'a socket' : 'a file'
      throw environmentError(`Cannot write into ${dir} (${flag}): ${existing === target ? 'it' : existing} is ${what}, not a folder`)
    }
    try {
      accessSync(existing, constants.W_OK)
    } catch (error) {
      const reason = errorCode(error) === 'EROFS' ? 'the file system is read-only' : 'the folder is read-only for you'
      throw environmentError(`Cannot write into ${dir} (${flag}): ${existing === target ? reason : `${existing}: ${reason}`}`)
    }
    break
  }
  return target
}

/** `checkOutputFolder`, then create the missing folders one by one (never `recursive`, which loops under /proc). */
export function prepareOutputFolder(dir: string, flag = '--out'): string {
  const target = checkOutputFolder(dir, flag)
  ensureFolder(target)
  return target
}

/** Create a folder and its missing parents, one level at a time; errors in words. */
export function ensureFolder(dir: string): void {
  const missing: string[] = []
  let current = resolve(dir)
  const {root} = parse(current)
  while (current !== root) {
    try {
      if (lstatSync(current).isDirectory() || statSync(current).isDirectory()) break
      throw environmentError(`Cannot write into ${dir}: ${current} is a file, not a folder`)
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') {
        if (error instanceof BriefsError) throw error
        throw systemError('Cannot create the folder', current, error)
      }
      missing.unshift(current)
      current = dirname(current)
    }
  }
  if (systemRoots.some((r) => current === r || current.startsWith(`${r}${sep}`))) throw environmentError(`Cannot create ${dir}: it is under ${current}, a system folder`)
  for (const folder of missing) {
    try {
      mkdirSync(folder)
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw systemError('Cannot create the folder', folder, error)
    }
  }
}

export const lockName = '.briefs.lock'

/**
 * Hold the output folder for this run: a second build or batch writing into
 * the same folder refuses with a clear message (exit 3) instead of mixing its
 * files and manifest with ours. A lock left by a run that no longer exists is
 * taken over. Released on every way out (shutdown.ts).
 */
export function lockOutputFolder(dir: string, command: string): () => void {
  const path = join(dir, lockName)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, JSON.stringify({pid: process.pid, command, since: new Date().toISOString()}))
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        rmSync(path, {force: true})
      }
      const unregister = onExit(release)
      return () => {
        unregister()
        release()
      }
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw systemError('Cannot lock the output folder', dir, error)
      const holder = readHolder(path)
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw environmentError(
          `Cannot write into ${dir}: another briefs run (process ${holder.pid}, \`briefs ${holder.command}\`, since ${holder.since}) is writing there. ` +
            `Wait for it to finish or choose another --out.`,
        )
      }
      // The holder is gone (killed outright): its lock is stale.
      rmSync(path, {force: true})
    }
  }
  throw environmentError(`Cannot lock the output folder ${dir}: ${explainSystemError(Object.assign(new Error('busy'), {code: 'EBUSY'}))}`)
}

function readHolder(path: string): {pid: number; command: string; since: string} | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as {pid?: unknown; command?: unknown; since?: unknown}
    return typeof data.pid === 'number' ? {pid: data.pid, command: String(data.command ?? ''), since: String(data.since ?? '')} : null
  } catch {
    return null
  }
}
