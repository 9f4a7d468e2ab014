import {copyFileSync, existsSync, linkSync, readFileSync, rmSync, statSync} from 'node:fs'
import {resolve} from 'node:path'
import {sha256} from '../batch/fingerprint.js'
import {entriesOnDisk, readManifest, writeManifest, type ManifestEntry} from '../batch/manifest.js'
import type {BatchJob} from '../batch/run-batch.js'
import {safeJoin} from '../output/write-atomic.js'

/**
 * Take the documents a site needs from another batch folder (`out/`, what
 * `npm start` makes) when they were made there from the same inputs: the
 * manifest there records the same inputs hash, and the file's bytes still
 * have the recorded sha256. Each is hard-linked (copied across file systems)
 * into `outDir` and entered in its manifest, so the batch that follows skips
 * it. Returns how many were taken.
 */
export function reuseDocuments(jobs: readonly BatchJob[], outDir: string, from: string, version: string): number {
  if (resolve(from) === resolve(outDir) || !existsSync(from)) return 0
  const theirs = readManifest(from)
  if (theirs.size === 0) return 0
  const ours = entriesOnDisk(outDir)
  let taken = 0
  for (const job of jobs) {
    const mine = ours.get(job.name)
    if (mine && mine.inputsHash === job.inputsHash) continue
    const entry = theirs.get(job.name)
    if (!entry || entry.inputsHash !== job.inputsHash) continue
    const source = safeJoin(from, job.name)
    if (!intact(source, entry)) continue
    rmSync(job.path, {force: true})
    try {
      linkSync(source, job.path)
    } catch {
      copyFileSync(source, job.path)
    }
    ours.set(job.name, entry)
    taken++
  }
  if (taken > 0) writeManifest(outDir, version, ours, jobs.map((job) => job.name))
  return taken
}

function intact(path: string, entry: ManifestEntry): boolean {
  try {
    return statSync(path).size === entry.size && sha256(readFileSync(path)) === entry.sha256
  } catch {
    return false
  }
}
