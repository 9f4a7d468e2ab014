import type {VFile} from 'vfile'
import {displayPath} from '../display-path.js'
import type {Model} from '../model/types.js'
import {checkAlignment} from '../parse/check-alignment.js'
import {parseDocument, readSourceFile} from '../parse/index.js'
import type {DocumentFolder} from './document-folder.js'
import {checkGlossary, loadGlossary} from './glossary.js'
import {editionLanguage, type Language} from '../model/vocabulary.js'

/** The original an edition was translated from, as a translated document cites it. */
export interface Original {
  readonly lang: Language
  readonly title: string
  readonly citation: string | null
  /** The original's rights line and sales symbol ("Copyright © Naciones Unidas, 2025", "S.2500005[S]"). */
  readonly copyright: string | null
  readonly symbol: string | null
}

/** One edition of a document, parsed, with its problems as messages on `file`. */
export interface Edition {
  readonly lang: Language
  readonly path: string
  readonly model: Model
  readonly file: VFile
  /** Set when this edition is a translation of the document's original. */
  readonly translationOf: Original | null
}

/**
 * Parse an edition and, when it is a translation, check that it lines up with
 * the original and uses the terms of the document's glossary (`edition-…` messages). Problems are messages, never thrown,
 * except for unreadable files.
 */
export function readEdition(path: string, document: DocumentFolder, language?: Language): Edition {
  const name = displayPath(path)
  const {model, file} = parseDocument(readSourceFile(path, name), name, {language})
  const lang = editionLanguage(model.meta)
  const originalPath = document.original && document.original !== lang ? document.editions[document.original] : undefined
  if (!originalPath) return {lang, path, model, file, translationOf: null}
  const originalName = displayPath(originalPath)
  const original = parseDocument(readSourceFile(originalPath, originalName), originalName, {language: document.original!})
  checkAlignment(model, file, {model: original.model, path: originalName})
  const terms = document.glossary ? loadGlossary(document.glossary)[lang] : undefined
  if (terms) checkGlossary(model, file, original.model, terms)
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  return {
    lang, path, model, file,
    translationOf: {
      lang: document.original!, title: original.model.meta.title, citation: original.model.colophon.citation,
      copyright: original.model.colophon.copyright, symbol: original.model.colophon.symbol,
    },
  }
}
