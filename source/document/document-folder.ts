import {z} from 'zod'
import {inputError} from '../errors.js'
import {documentFiles, type DocumentFiles} from './document-files.js'
import {locate, readYaml, validateYaml} from '../yaml-file.js'
import {languages, type Language} from '../model/vocabulary.js'

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

/** The document a source file is an edition of (its folder and sibling editions). */
export function documentOf(sourcePath: string): DocumentFolder {
  return documentFrom(documentFiles(sourcePath))
}

/** The document from its files: reads `document.yaml` for the original. */
export function documentFrom(files: DocumentFiles): DocumentFolder {
  const {folder, editions, annotations, glossary} = files
  if (Object.keys(editions).length === 0) return {folder, editions, original: null, annotations, glossary}
  return {folder, editions, original: originalOf(files.descriptor, editions), annotations, glossary}
}

/** `document.yaml`'s `original:`; without it, Spanish when there is a Spanish edition, else the only edition. */
function originalOf(path: string | null, editions: Partial<Record<Language, string>>): Language | null {
  if (path) {
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
