import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {formats} from '../render/formats.js'

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
