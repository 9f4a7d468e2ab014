import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {Position} from './model/types.js'
import {displayPath} from './display-path.js'

/**
 * Every rule id a message may carry, with what it checks. `document` rules
 * are problems in a source text (`briefs validate`), each proved by a folder
 * of the same name in tests/fixtures; `data` rules are problems in the YAML
 * files around it (annotations, taxonomy, profiles, specs, batch configs,
 * locale strings) and in override templates.
 */
export const rules = {
  'unexpected-text': {kind: 'document', about: 'text in a guideline that is neither a recommendation nor a group heading'},
  'page-reference-missing': {kind: 'document', about: 'a recommendation without its `(pág. N)` reference'},
  'recommendation-duplicate': {kind: 'document', about: 'a recommendation number used twice'},
  'recommendation-gap': {kind: 'document', about: 'a recommendation number skipped'},
  'recommendation-order': {kind: 'document', about: 'a recommendation number lower than the previous one'},
  'guideline-duplicate': {kind: 'document', about: 'a guideline numeral used twice'},
  'guideline-sequence': {kind: 'document', about: 'guideline numerals out of sequence'},
  'guideline-missing': {kind: 'document', about: 'recommendations before any guideline'},
  'footnote-duplicate': {kind: 'document', about: 'a footnote defined twice'},
  'footnote-undefined': {kind: 'document', about: 'a footnote marker with no definition'},
  'footnote-unused': {kind: 'document', about: 'a footnote no text cites'},
  'count-mismatch': {kind: 'document', about: 'a count the text announces that differs from what it holds'},
  'recommendation-number': {kind: 'document', about: 'a recommendation number too large to be real (or not a number)'},
  'trailing-text': {kind: 'document', about: 'long text after the last recommendation that does not look like a colophon'},
  // An edition against its document's original (tests/document/editions.test.ts and glossary.test.ts prove them).
  'edition-guideline': {kind: 'edition', about: 'a guideline whose numeral differs from the original'},
  'edition-guideline-missing': {kind: 'edition', about: 'a guideline of the original that the edition lacks'},
  'edition-guideline-extra': {kind: 'edition', about: 'a guideline the original does not have'},
  'edition-recommendation-missing': {kind: 'edition', about: 'a recommendation of the original that the edition lacks'},
  'edition-recommendation-extra': {kind: 'edition', about: 'a recommendation the original does not have'},
  'edition-group': {kind: 'edition', about: 'a recommendation in another group than in the original'},
  'edition-pages': {kind: 'edition', about: 'page references that differ from the original'},
  'edition-footnote-markers': {kind: 'edition', about: 'footnote markers that differ from the original'},
  'edition-footnote-missing': {kind: 'edition', about: 'a footnote of the original that the edition lacks'},
  'edition-footnote-extra': {kind: 'edition', about: 'a footnote the original does not have'},
  'edition-glossary': {kind: 'edition', about: 'a glossary term of the original not translated as the glossary says'},
  'yaml': {kind: 'data', about: 'a YAML file that does not parse'},
  'schema': {kind: 'data', about: 'a data file whose values do not fit their schema'},
  'annotations': {kind: 'data', about: 'annotations that do not match the document or the taxonomy'},
  'taxonomy': {kind: 'data', about: 'audiences or themes with a duplicate or missing id'},
  'countries': {kind: 'data', about: 'a country list with an unknown or duplicate ISO code'},
  'profile': {kind: 'data', about: 'a country profile naming unknown guidelines, audiences, themes or recommendations'},
  'spec': {kind: 'data', about: 'a brief specification (file or flags) that does not fit its schema'},
  'batch': {kind: 'data', about: 'a batch config that does not fit its schema'},
  'template': {kind: 'data', about: 'an override template that does not compile'},
} as const satisfies Record<string, {kind: 'document' | 'edition' | 'data'; about: string}>

export type RuleId = keyof typeof rules

/** A fatal problem in a document: a positioned message with its rule id (never thrown). */
export function fail(file: VFile, reason: string, place: Position, ruleId: RuleId, cause?: VFileMessage): VFileMessage {
  const message = file.message(reason, cause ? {place, ruleId, source: 'briefs', cause} : {place, ruleId, source: 'briefs'})
  message.fatal = true
  return message
}

/** `FILE:LINE:COLUMN: reason [rule-id]`: how every problem, in a document or a data file, is printed. */
export function formatMessage(message: VFileMessage, path: string = message.file ?? ''): string {
  return `${path}:${message.line ?? 1}:${message.column ?? 1}: ${message.reason} [${message.ruleId ?? 'briefs'}]`
}

/** A problem at a line and column of a file (a YAML parse error, a template that does not compile). */
export function placedMessage(path: string, place: {line: number; column: number}, reason: string, ruleId: RuleId): VFileMessage {
  const message = new VFileMessage(reason, {place, ruleId, source: 'briefs'})
  message.file = displayPath(path)
  message.fatal = true
  return message
}

