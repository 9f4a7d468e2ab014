import {randomBytes} from 'node:crypto'
import {existsSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {basename, dirname, join, relative, resolve} from 'node:path'
import {BriefsError, systemError, usageError} from '../errors.js'
import {ensureFolder} from './output-folder.js'

/** `dir/name`, refusing any name that would leave `dir`. */
export function safeJoin(dir: string, name: string): string {
  const target = resolve(dir, name)
  const rel = relative(resolve(dir), target)
  if (rel === '' || rel.startsWith('..') || rel.includes('\0') || resolve(rel) === rel) {
    throw usageError(`Cannot write \`${name}\`: the name leaves the output folder ${dir}`)
  }
  return target
}

/**
 * Write to a temporary name beside the target and rename once complete: never
 * a partial file. The write is synchronous, so a Ctrl-C handler never runs in
 * the middle of one; only a hard kill can leave a temporary, which
 * `removeStaleTemporaries` sweeps on the next run.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const dir = dirname(path)
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    ensureFolder(dir)
    writeFileSync(temporary, bytes)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    if (error instanceof BriefsError) throw error
    throw systemError('Cannot write', path, error)
  }
}

const temporaryName = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/

/** Remove temporaries a killed run left in `dir` (names as `writeFileAtomic` makes them). */
export function removeStaleTemporaries(dir: string): void {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) if (temporaryName.test(name)) rmSync(join(dir, name), {force: true})
}
