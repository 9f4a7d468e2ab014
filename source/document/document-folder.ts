import {existsSync, readdirSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {z} from 'zod'
import {inputError} from '../errors.js'
import {isLanguage, languages, type Language} from '../labels/languages.js'
import {locate, readYaml, validateYaml} from '../yaml-file.js'

/**
 * A document folder (`content/113-recomendaciones/`) holds the editions of one
 * document, one per language, named `<stem>.<lang>.txt` (or `.md`), and what they
 * share: `annotations.yaml` (audiences and themes by recommendation number),
 * `glossary.yaml` (terms of the translations) and `document.yaml` (which
 * edition is the original). A text outside such a folder is a document of its
 * own with one edition and no annotations.
 */
export interface DocumentFolder {
  /** The folder, or the file's folder for a lone text. */
  readonly folder: string
  /** Edition file by language. */
  readonly editions: Readonly<Partial<Record<Language, string>>>
  /** The language of the authoritative edition; the others are translations of it. */
  readonly original: Language | null
  /** `annotations.yaml` of the folder, when the text is one of its editions. */
  readonly annotations: string | null
  readonly glossary: string | null
}

const editionName = /^(.+)\.([a-z]{2})\.(?:txt|md|markdown)$/i

/** The document a source file is an edition of (its folder and sibling editions). */
export function documentOf(sourcePath: string): DocumentFolder {
  const folder = dirname(sourcePath)
  const match = editionName.exec(basename(sourcePath))
  const lang = match?.[2]?.toLowerCase()
  if (!match || !isLanguage(lang)) {
    return {folder, editions: {}, original: null, annotations: null, glossary: null}
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
  return {folder, editions, original: originalOf(folder, editions), annotations: file('annotations.yaml'), glossary: file('glossary.yaml')}
}

/** `document.yaml`'s `original:`; without it, Spanish when there is a Spanish edition, else the only edition. */
function originalOf(folder: string, editions: Partial<Record<Language, string>>): Language | null {
  const path = join(folder, 'document.yaml')
  if (existsSync(path)) {
    const file = readYaml(path)
    const {original} = validateYaml(file, z.strictObject({original: z.enum(languages)}))
    if (!editions[original]) {
      throw inputError(`${locate(file, ['original'])}: Unknown edition \`${original}\`, expected one of the folder's editions (${Object.keys(editions).join(', ')}) [document]`)
    }
    return original
  }
  const present = languages.filter((l) => editions[l])
  if (editions.es) return 'es'
  return present.length === 1 ? present[0]! : null
}
