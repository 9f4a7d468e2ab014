import {randomBytes} from 'node:crypto'
import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {basename, dirname, join, relative, resolve} from 'node:path'
import {environmentError, usageError} from '../errors.js'

/** Temporary files still being written, removed on an interrupt. */
export const pendingTemporaries = new Set<string>()

/** `dir/name`, refusing any name that would leave `dir`. */
export function safeJoin(dir: string, name: string): string {
  const target = resolve(dir, name)
  const rel = relative(resolve(dir), target)
  if (rel === '' || rel.startsWith('..') || rel.includes('\0') || resolve(rel) === rel) {
    throw usageError(`Cannot write \`${name}\`: the name leaves the output folder ${dir}`)
  }
  return target
}

/** Write to a temporary name beside the target and rename once complete: never a partial file. */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const dir = dirname(path)
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    mkdirSync(dir, {recursive: true})
    pendingTemporaries.add(temporary)
    writeFileSync(temporary, bytes)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw environmentError(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  } finally {
    pendingTemporaries.delete(temporary)
  }
}

/** Remove temporaries left by an interrupted run. */
export function removePendingTemporaries(): void {
  for (const path of pendingTemporaries) rmSync(path, {force: true})
  pendingTemporaries.clear()
}
