import {existsSync, readdirSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {isLanguage, type Language} from '../model/vocabulary.js'

/**
 * The files of the document a source text belongs to, found by name alone
 * (no YAML read): what the content cache keys a project on before it knows
 * whether it has to compile anything. `documentOf` adds the original.
 */
export interface DocumentFiles {
  /** The folder, or the file's folder for a lone text. */
  readonly folder: string
  /** Edition file by language. */
  readonly editions: Readonly<Partial<Record<Language, string>>>
  /** `annotations.yaml` of the folder, when the text is one of its editions. */
  readonly annotations: string | null
  readonly glossary: string | null
  /** `document.yaml`, which names the original; null when absent or the text is not an edition. */
  readonly descriptor: string | null
}

const editionName = /^(.+)\.([a-z]{2})\.(?:txt|md|markdown)$/i

export function documentFiles(sourcePath: string): DocumentFiles {
  const folder = dirname(sourcePath)
  const match = editionName.exec(basename(sourcePath))
  const lang = match?.[2]?.toLowerCase()
  if (!match || !isLanguage(lang)) {
    return {folder, editions: {}, annotations: null, glossary: null, descriptor: null}
  }
  const stem = match[1]!
  const editions: Partial<Record<Language, string>> = {}
  let names: string[] = []
  try {
    names = readdirSync(folder)
  } catch {
    // An unreadable folder: the file itself is reported when it is read.
  }
  for (const name of names) {
    const m = editionName.exec(name)
    const l = m?.[2]?.toLowerCase()
    if (m && m[1] === stem && isLanguage(l) && !editions[l]) editions[l] = join(folder, name)
  }
  editions[lang] = sourcePath
  const file = (name: string) => (existsSync(join(folder, name)) ? join(folder, name) : null)
  return {folder, editions, annotations: file('annotations.yaml'), glossary: file('glossary.yaml'), descriptor: file('document.yaml')}
}
