import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {formats} from '../model/vocabulary.js'

export const manifestEntrySchema = z.object({
  /** File name relative to the output folder. */
  path: z.string(),
  /** A manifest naming a format this version does not make reads as empty: everything is made again. */
  format: z.enum(formats),
  spec: z.record(z.string(), z.unknown()),
  /** sha256 of everything the document is made from (view, format, options, templates, version). */
  inputsHash: z.string(),
  sha256: z.string(),
  size: z.number(),
  /** Pages (PDF) or slides (PPTX); null where the reader paginates (DOCX, HTML). */
  pages: z.number().nullable(),
})

export const manifestSchema = z.object({
  generator: z.string(),
  version: z.string(),
  documents: z.array(manifestEntrySchema),
})

export type ManifestEntry = z.infer<typeof manifestEntrySchema>
export type Manifest = z.infer<typeof manifestSchema>

export const manifestName = 'manifest.json'

/** The previous run's manifest, or an empty one when there is none or it is unreadable. */
export function readManifest(dir: string): Map<string, ManifestEntry> {
  const path = join(dir, manifestName)
  if (!existsSync(path)) return new Map()
  try {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
    return new Map(manifest.documents.map((d) => [d.path, d]))
  } catch {
    return new Map()
  }
}

/** Entries of the previous manifest whose file is still on disk, whole (same size). */
export function entriesOnDisk(dir: string): Map<string, ManifestEntry> {
  const onDisk = new Map<string, ManifestEntry>()
  for (const [name, entry] of readManifest(dir)) {
    try {
      if (statSync(safeJoin(dir, name)).size === entry.size) onDisk.set(name, entry)
    } catch {
      // Gone or unreadable: no longer listed.
    }
  }
  return onDisk
}

/**
 * The manifest of an output folder as it is now: written again each time a
 * document lands, so an interruption at any moment leaves a manifest that
 * lists exactly the complete files on disk. `order` (the plan) comes first;
 * files of earlier runs still on disk follow.
 */
export function writeManifest(dir: string, version: string, documents: ReadonlyMap<string, ManifestEntry>, order: readonly string[]): ManifestEntry[] {
  const listed = order.flatMap((name) => (documents.has(name) ? [documents.get(name)!] : []))
  const planned = new Set(order)
  for (const [name, entry] of documents) if (!planned.has(name)) listed.push(entry)
  const path = safeJoin(dir, manifestName)
  const text = `${JSON.stringify({generator: 'policy-briefs', version, documents: listed}, null, 2)}\n`
  // Unchanged, it keeps its file: a run with nothing to make writes nothing (a site synced to a host sends nothing).
  if (!sameText(path, text)) writeFileAtomic(path, text)
  return listed
}

function sameText(path: string, text: string): boolean {
  try {
    return readFileSync(path, 'utf8') === text
  } catch {
    return false
  }
}
