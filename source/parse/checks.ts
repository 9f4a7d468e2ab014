import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {Model, Position} from '../model/types.js'
import {fail} from '../diagnostics.js'
import {announced, announcePatterns} from './build-model.js'


/** Recommendation numbers run 1, 2, 3 … with no gap, repeat or step back. */
export function checkRecommendationNumbers(model: Model, file: VFile): void {
  const seen = new Map<number, Position>()
  let previous = 0
  for (const rec of model.recommendations) {
    // An impossible number is reported at its line already (recommendation-number); it says nothing about the sequence.
    if (!Number.isSafeInteger(rec.number) || rec.number > 9999) continue
    const expected = previous + 1
    const earlier = seen.get(rec.number)
    if (earlier) {
      fail(file, `Unexpected duplicate recommendation number \`${rec.number}\`, expected \`${expected}\``, rec.position, 'recommendation-duplicate',
        new VFileMessage('First recommendation with that number here', {place: earlier}))
    } else if (rec.number < previous) {
      fail(file, `Unexpected recommendation number \`${rec.number}\` after \`${previous}\`, expected \`${expected}\``, rec.position, 'recommendation-order')
    } else if (rec.number > expected) {
      const missing = rec.number - 1 === expected ? `\`${expected}\`` : `\`${expected}\`–\`${rec.number - 1}\``
      fail(file, `Unexpected recommendation number \`${rec.number}\`, expected \`${expected}\` (missing ${missing})`, rec.position, 'recommendation-gap')
    }
    if (!earlier) seen.set(rec.number, rec.position)
    previous = Math.max(previous, rec.number)
  }
}

/** Guideline numerals run I, II, III … once each. */
export function checkGuidelineNumerals(model: Model, file: VFile): void {
  const seen = new Map<number, Position>()
  let previous = 0
  for (const g of model.guidelines) {
    const earlier = seen.get(g.number)
    if (earlier) {
      fail(file, `Unexpected repeated guideline \`${g.id}\``, g.position, 'guideline-duplicate',
        new VFileMessage('First guideline with that numeral here', {place: earlier}))
    } else if (g.number !== previous + 1) {
      fail(file, `Unexpected guideline \`${g.id}\` (${g.number}), expected guideline number ${previous + 1}`, g.position, 'guideline-sequence')
    }
    if (!earlier) seen.set(g.number, g.position)
    previous = Math.max(previous, g.number)
  }
  if (model.guidelines.length === 0) {
    fail(file, 'Unexpected document without guidelines, expected lines such as `I. Title`', {start: {line: 1, column: 1}, end: {line: 1, column: 1}}, 'guideline-missing')
  }
}

/** Every footnote marker has a definition; every definition is referenced. */
export function checkFootnotes(model: Model, file: VFile): void {
  const defined = new Map(model.footnotes.map((f) => [f.id, f]))
  const referenced = new Set<string>()
  for (const rec of model.recommendations) {
    for (const id of rec.footnotes) {
      referenced.add(id)
      if (!defined.has(id)) {
        fail(file, `Unexpected footnote marker \`${id}\` in recommendation ${rec.number}, expected a definition line starting with it`, rec.position, 'footnote-undefined')
      }
    }
  }
  for (const part of [...model.preamble, ...model.guidelines, ...model.footnotes, ...model.colophon.blocks]) {
    for (const node of part.children) if (node.type === 'footnoteReference') referenced.add(node.identifier)
  }
  const ids = new Set<string>()
  for (const f of model.footnotes) {
    if (ids.has(f.id)) fail(file, `Unexpected second definition of footnote \`${f.id}\``, f.position, 'footnote-duplicate')
    ids.add(f.id)
    if (!referenced.has(f.id)) fail(file, `Unexpected footnote \`${f.id}\` that nothing references`, f.position, 'footnote-unused')
  }
}

/** The counts the text announces match what was parsed. */
export function checkAnnouncedCounts(model: Model, file: VFile): void {
  const pairs = [
    ['recommendations', announcePatterns.recommendations, model.recommendations.length],
    ['guidelines', announcePatterns.guidelines, model.guidelines.length],
  ] as const
  for (const [what, pattern, parsed] of pairs) {
    const found = announced(model.preamble, pattern)
    if (found && found.value !== parsed) {
      fail(file, `Unexpected count of ${what}: the text announces ${found.value}, the document has ${parsed}`, found.position, 'count-mismatch')
    }
  }
}
