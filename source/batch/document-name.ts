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

/** The brief's slug in a document's file name (`documentName` read back, its paper dropped); null if the name is not of `format`. */
export function slugOfDocument(name: string, format: Format): string | null {
  const ext = `.${extensions[format]}`
  if (!name.endsWith(ext)) return null
  const base = name.slice(0, -ext.length)
  const dot = base.lastIndexOf('.')
  return dot >= 0 && isOneOf(papers, base.slice(dot + 1)) ? base.slice(0, dot) : base
}
