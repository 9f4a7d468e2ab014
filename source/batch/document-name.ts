import {extensions} from '../render/formats.js'
import {isOneOf, papers, type Format, type Paper} from '../model/vocabulary.js'

/**
 * A batch document's file name: the brief's slug, then its format's extension
 * (`country-jm-en.pdf`). A document on a further paper of the config's list
 * carries that paper before the extension (`country-jm-en.letter.pdf`,
 * `full-es.letter.handout.pdf`); the first paper keeps the plain name.
 */
export function documentName(slug: string, format: Format, paperInName: Paper | null = null): string {
  return `${slug}${paperInName ? `.${paperInName}` : ''}.${extensions[format]}`
}

/** The slug and named paper of a document's file name (`documentName` read back); null if the name is not of `format`. */
export function readDocumentName(name: string, format: Format): {slug: string; paperInName: Paper | null} | null {
  const ext = `.${extensions[format]}`
  if (!name.endsWith(ext)) return null
  const base = name.slice(0, -ext.length)
  const dot = base.lastIndexOf('.')
  const paper = dot < 0 ? '' : base.slice(dot + 1)
  return isOneOf(papers, paper) ? {slug: base.slice(0, dot), paperInName: paper} : {slug: base, paperInName: null}
}
