import {cacheKey, readCache, writeCache} from '../content-cache.js'
import {contentPaths} from '../content-paths.js'
import {displayPath} from '../display-path.js'
import {documentFiles, type DocumentFiles} from '../document/document-files.js'
import type {Edition} from '../document/read-edition.js'
import {editionLanguage, type Language} from '../model/vocabulary.js'
import {formatMessages, parseDocument, readSourceFile} from '../parse/index.js'
import {logger} from './logger.js'

// Only the parser is loaded up front: `briefs validate` is the command editors run most.
// A translated edition is also checked against its document's original (`edition-…` rules):
// the checks, the glossary and the schemas load only for a translation, and `document.yaml`
// (which edition is the original) is read with the YAML library only when its bytes changed.
export async function validateCommand(path?: string): Promise<void> {
  const source = path ?? contentPaths.source
  const {model, file, translationOf} = await readForValidation(source, documentFiles(source))
  for (const line of formatMessages(file)) logger.error(line)
  if (file.messages.some((m) => m.fatal)) process.exitCode = 1
  else {
    const aligned = translationOf ? `, lines up with the ${translationOf.lang} original` : ''
    const outcome = file.messages.length ? `no errors, ${file.messages.length} warning(s)` : 'no problems'
    logger.info(`${displayPath(source)}: ${model.guidelines.length} guidelines, ${model.recommendations.length} recommendations, ${model.footnotes.length} footnotes${aligned}: ${outcome}`)
  }
}

/** The edition parsed, and checked against its original when it is a translation (as `readEdition` does). */
async function readForValidation(source: string, files: DocumentFiles): Promise<Pick<Edition, 'model' | 'file' | 'translationOf'>> {
  const name = displayPath(source)
  const parsed = parseDocument(readSourceFile(source, name), name)
  const lang = editionLanguage(parsed.model.meta)
  const original = await originalOf(files)
  if (original === null || original === lang || !files.editions[original]) return {...parsed, translationOf: null}
  const {readEdition} = await import('../document/read-edition.js')
  return readEdition(source, {folder: files.folder, editions: files.editions, original, annotations: files.annotations, glossary: files.glossary})
}

/**
 * The language of the document's original, from `document.yaml` (see `documentFrom`), kept in the
 * content cache by the file's bytes and the editions present. A descriptor with a problem throws
 * its located message and stores nothing, so the cache never hides it.
 */
async function originalOf(files: DocumentFiles): Promise<Language | null> {
  const key = cacheKey('document-original', {files: files.descriptor ? [files.descriptor] : [], extra: JSON.stringify(files.editions)})
  const hit = readCache<{original: Language | null}>('document-original', key)
  if (hit !== undefined) return hit.original
  const {original} = (await import('../document/document-folder.js')).documentFrom(files)
  writeCache('document-original', key, {original})
  return original
}
