import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {modelSchema} from '../../source/model/schema.js'
import {parseDocument} from '../../source/parse/index.js'
import {expectGolden, expectGoldenJson} from '../helpers/golden.js'

const root = join(import.meta.dirname, '..', 'fixtures')
const bundled = join(import.meta.dirname, '..', '..', 'content', '113-recomendaciones', '113-recomendaciones.es.txt')

/** One `String(message)`-like line per problem: `line:column: reason [rule-id]`. */
function messagesOf(input: Uint8Array | string, name: string): {messages: string; model: unknown} {
  const {model, file} = parseDocument(input, name)
  const messages = file.messages.map((m) => `${m.line}:${m.column}: ${m.reason} [${m.ruleId}]\n`).join('')
  return {messages, model}
}

describe('fixtures: every folder in tests/fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    // Document folders (editions, annotations) are tested in tests/document.
    if (!existsSync(join(root, name, 'input.md'))) continue
    it(name, () => {
      const input = readFileSync(join(root, name, 'input.md'))
      const {messages, model} = messagesOf(input, 'input.md')
      expectGolden(join(root, name, 'messages.txt'), messages)
      expectGoldenJson(join(root, name, 'model.json'), model)
      // The one fixture whose model holds a number past any integer (the error it proves); `briefs model` never prints such a model.
      if (name !== 'recommendation-number') expect(() => modelSchema.parse(model)).not.toThrow()
      // Each diagnostic fixture is named after the rule it proves.
      if (!name.startsWith('ok-') && name !== 'absorbed-numbered-line') expect(messages).toContain(`[${name}]`)
      if (name.startsWith('ok-')) expect(messages).toBe('')
    })
  }

  it('bundled document: the whole model is golden and clean', () => {
    const {messages, model} = messagesOf(readFileSync(bundled), '113-recomendaciones.es.txt')
    expect(messages).toBe('')
    expectGoldenJson(join(import.meta.dirname, 'golden', 'bundled-model.json'), model)
  })
})
