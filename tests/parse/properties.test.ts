import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../source/parse/index.js'
import {modelToMarkdown} from '../../source/parse/model-to-markdown.js'
import {withoutPositions} from '../helpers/golden.js'

const bundled = readFileSync(join(import.meta.dirname, '..', '..', 'content', '113-recomendaciones', '113-recomendaciones.es.txt'), 'utf8')
const lines = bundled.split('\n')
const recLines = lines.flatMap((line, index) => (/^\d+\. /.test(line) ? [index] : []))

describe('properties', () => {
  it('parsing never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme', maxLength: 400}), (text) => {
        parseDocument(text, 'fuzz')
      }),
      {numRuns: 300},
    )
  })

  it('parsing never throws on arbitrary markdown-like lines', () => {
    const line = fc.oneof(
      fc.constantFrom('I. Título', 'II. Otro', '1. Uno (pág. 1).', '2. Dos (págs. 3 y 4)²', '² Nota', '# Encabezado', '', '- item', '> cita', '```', '<div>'),
      fc.string({maxLength: 40}),
    )
    fc.assert(fc.property(fc.array(line, {maxLength: 40}), (ls) => void parseDocument(ls.join('\n'), 'fuzz')), {numRuns: 300})
  })

  it('removing a recommendation line yields a diagnostic, never a crash', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recLines), (index) => {
        const copy = lines.filter((_, i) => i !== index)
        const {file} = parseDocument(copy.join('\n'), 'mutated')
        const rules = file.messages.map((m) => m.ruleId)
        expect(rules).toContain('count-mismatch')
        // Removing the last one leaves no gap; any other leaves one.
        if (index !== recLines.at(-1)) expect(rules).toContain('recommendation-gap')
      }),
      {numRuns: 60},
    )
  })

  it('duplicating a recommendation line yields a diagnostic', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recLines), (index) => {
        const copy = [...lines.slice(0, index + 1), lines[index]!, ...lines.slice(index + 1)]
        const {file} = parseDocument(copy.join('\n'), 'mutated')
        expect(file.messages.map((m) => m.ruleId)).toContain('recommendation-duplicate')
      }),
      {numRuns: 60},
    )
  })

  it('swapping two recommendation lines yields a diagnostic', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recLines), fc.constantFrom(...recLines), (a, b) => {
        fc.pre(a !== b)
        const copy = [...lines]
        ;[copy[a], copy[b]] = [copy[b]!, copy[a]!]
        const {file} = parseDocument(copy.join('\n'), 'mutated')
        expect(file.messages.length).toBeGreaterThan(0)
      }),
      {numRuns: 60},
    )
  })

  it('the markdown round trip gives the same model', () => {
    const {model} = parseDocument(bundled, 'bundled')
    const again = parseDocument(modelToMarkdown(model), 'round-trip.md')
    expect(again.file.messages.map(String)).toEqual([])
    expect(withoutPositions(again.model)).toEqual(withoutPositions(model))
  })

  it('the round trip holds for documents made of random recommendations', () => {
    const word = fc.stringMatching(/^[a-záéíóúñ]{1,10}$/)
    const recText = fc.array(word, {minLength: 1, maxLength: 12}).map((ws) => ws.join(' '))
    const doc = fc.array(fc.array(fc.tuple(recText, fc.array(fc.integer({min: 1, max: 400}), {minLength: 1, maxLength: 3}), fc.boolean()), {minLength: 1, maxLength: 6}), {minLength: 1, maxLength: 5})
    fc.assert(
      fc.property(doc, (guidelines) => {
        let n = 0
        const romans = ['I', 'II', 'III', 'IV', 'V']
        const text = guidelines
          .map((recs, g) => `${romans[g]}. Lineamiento ${g + 1}\n\n${recs.map(([t, pages, em]) => `${++n}. ${em ? `*${t}*` : t} (${pages.length === 1 ? 'pág.' : 'págs.'} ${pages.length === 1 ? pages[0] : `${pages.slice(0, -1).join(', ')} y ${pages.at(-1)}`}).`).join('\n')}`)
          .join('\n\n')
        const first = parseDocument(text, 'gen')
        expect(first.file.messages.map(String)).toEqual([])
        const again = parseDocument(modelToMarkdown(first.model), 'gen.md')
        expect(withoutPositions(again.model)).toEqual(withoutPositions(first.model))
      }),
      {numRuns: 100},
    )
  })
})
