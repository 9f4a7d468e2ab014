import {readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {removeStaleTemporaries, safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {downloadsFolder} from './downloads.js'

/** The site's own list of the files it wrote (the batch keeps `downloads/manifest.json`). */
export const siteManifestName = 'site-manifest.json'

const siteManifestSchema = z.object({generator: z.string(), version: z.string(), files: z.array(z.string())})

/**
 * Writes the site's files, but only those whose bytes changed: an unchanged
 * page keeps its file (and its modification time), so a rebuild with nothing
 * new writes nothing and a static host's sync sends nothing. Nothing is
 * written before `finish`: a build that fails half-way (a template that does
 * not render) leaves the folder as it was. Files the previous build wrote
 * that this one does not are removed then.
 */
export class SiteWriter {
  readonly written: string[] = []
  readonly unchanged: string[] = []
  readonly removed: string[] = []
  private readonly files = new Map<string, Buffer>()

  constructor(private readonly dir: string) {}

  /** Keep `content` for `path` (relative, `/`-separated); `finish` writes it unless the file already holds exactly it. */
  write(path: string, content: Uint8Array | string): void {
    if (this.files.has(path)) throw new Error(`Cannot write ${path} twice in one site build`)
    safeJoin(this.dir, path)
    this.files.set(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength))
  }

  /** Write what changed, remove what the previous build wrote and this one did not, then record this build's files. */
  finish(version: string): void {
    for (const [path, bytes] of this.files) {
      const target = safeJoin(this.dir, path)
      if (sameBytes(target, bytes)) {
        this.unchanged.push(path)
        continue
      }
      writeFileAtomic(target, bytes)
      this.written.push(path)
    }
    for (const path of previousFiles(this.dir)) {
      if (this.files.has(path) || path.startsWith('downloads/')) continue
      let target: string
      try {
        target = safeJoin(this.dir, path)
      } catch {
        // A list edited by hand to name a file outside the site: never followed.
        continue
      }
      rmSync(target, {force: true})
      this.removed.push(path)
    }
    const manifest = `${JSON.stringify({generator: 'policy-briefs', version, files: [...this.files.keys()].sort()}, null, 2)}\n`
    if (!sameBytes(safeJoin(this.dir, siteManifestName), Buffer.from(manifest))) writeFileAtomic(safeJoin(this.dir, siteManifestName), manifest)
  }
}

/**
 * Remove the temporaries a build killed outright (SIGKILL, power cut) left
 * while writing its pages: in the site folder and every folder under it but
 * `downloads/`, which the batch sweeps itself. Ctrl-C cannot leave one (the
 * writes are synchronous), but a hard kill in `finish` can.
 */
export function removeSiteTemporaries(dir: string): void {
  const sweep = (folder: string) => {
    removeStaleTemporaries(folder)
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      if (entry.isDirectory() && !(folder === dir && entry.name === downloadsFolder)) sweep(join(folder, entry.name))
    }
  }
  sweep(dir)
}

/** The files the previous build listed; none when there was none (or its list is unreadable). */
function previousFiles(dir: string): string[] {
  try {
    return siteManifestSchema.parse(JSON.parse(readFileSync(safeJoin(dir, siteManifestName), 'utf8'))).files
  } catch {
    return []
  }
}

function sameBytes(path: string, bytes: Buffer): boolean {
  try {
    // The size first: most changed files differ in length, and reading them is then not needed.
    return statSync(path).size === bytes.length && readFileSync(path).equals(bytes)
  } catch {
    return false
  }
}
