import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {Model} from '../model/types.js'
import {buildModel} from './build-model.js'
import './micromark-edit-map.js'
import {detectLanguage, languageFromPath} from './edition-language.js'
import {checkAnnouncedCounts, checkFootnotes, checkGuidelineNumerals, checkRecommendationNumbers} from './checks.js'
import {normalizeSource} from './normalize.js'
import {checkShape, decodeSource} from './read-source.js'
import {splitUnits} from './units.js'
import type {Language} from '../model/vocabulary.js'

/**
 * The whole text is read for its blocks only (paragraphs, headings, list
 * items and their positions); each unit's inline markdown is parsed on its own
 * (`parseInline`). Inline constructs are off here: that halves the parse.
 */
const inlineConstructs = [
  'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape',
  'hardBreakTrailing', 'htmlText', 'labelEnd', 'labelStartImage', 'labelStartLink',
]
const processor = unified()
  .use(remarkParse)
  .use(function blocksOnly() {
    const data = this.data()
    data.micromarkExtensions = [...(data.micromarkExtensions ?? []), {disable: {null: inlineConstructs}}]
  })

export interface ParseOptions {
  /** The edition's language; by default from the file name (`*.en.txt`), else guessed from the text. */
  readonly language?: Language | undefined
}

export interface Parsed {
  readonly model: Model
  /** Holds the positioned messages (problems in the document). */
  readonly file: VFile
}

/**
 * Parse the source text into the recommendation model. Problems in the
 * document become messages on `file`; only unreadable input (empty, binary,
 * not UTF-8) throws, as a `BriefsError`.
 */
export function parseDocument(input: Uint8Array | string, path = 'input.md', options: ParseOptions = {}): Parsed {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeSource(input, path)
  checkShape(text, path)
  const value = normalizeSource(text)
  const file = new VFile({path, value})
  const tree = processor.parse(file)
  const language = options.language ?? languageFromPath(path) ?? detectLanguage(value)
  const model = buildModel(splitUnits(tree, value), file, language)
  checkRecommendationNumbers(model, file)
  checkGuidelineNumerals(model, file)
  checkFootnotes(model, file)
  checkAnnouncedCounts(model, file)
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  return {model, file}
}
