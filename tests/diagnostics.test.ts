import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {rules} from '../source/diagnostics.js'

const fixtures = join(import.meta.dirname, 'fixtures')
// `documents/` holds document folders with editions (tests/document), not a rule's fixture.
const folders = readdirSync(fixtures).filter((name) => !name.startsWith('ok-') && name !== 'documents')
const documentRules = Object.entries(rules).filter(([, rule]) => rule.kind === 'document').map(([id]) => id)

/** Rule ids written in the source: `ruleId: 'rule-id'` options and the last argument of the message helpers. */
function ruleIdsInSource(dir: string): string[] {
  const ids: string[] = []
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) ids.push(...ruleIdsInSource(path))
    else if (entry.name.endsWith('.ts') && entry.name !== 'diagnostics.ts') {
      const text = readFileSync(path, 'utf8')
      for (const m of text.matchAll(/ruleId: '([a-z-]+)'/g)) ids.push(m[1]!)
      // The rule id is the last argument of these calls (`fail(file, reason, place, 'rule-id')`), maybe before a cause on the next line.
      for (const line of text.split('\n').filter((l) => /\b(?:fail|problemAt|placedMessage|yamlMessage)\(/.test(l))) {
        const last = [...line.matchAll(/'([a-z-]+)'(?=\)|,\s*$)/g)].at(-1)
        if (last) ids.push(last[1]!)
      }
    }
  }
  return ids
}

describe('the registry of rule ids', () => {
  it('has a fixture folder proving each document rule, and no fixture for a rule it lacks', () => {
    expect(documentRules.filter((id) => !folders.includes(id))).toEqual([])
    // absorbed-numbered-line proves a parse that must not raise a message.
    expect(folders.filter((name) => !(name in rules) && name !== 'absorbed-numbered-line')).toEqual([])
  })

  it('lists every rule id the source writes', () => {
    const written = ruleIdsInSource(join(import.meta.dirname, '..', 'source'))
    // The scan finds the call sites (a scan that finds nothing would prove nothing).
    expect(written).toEqual(expect.arrayContaining(['footnote-duplicate', 'unexpected-text', 'profile', 'taxonomy', 'countries', 'annotations', 'yaml', 'template']))
    expect(written.filter((id) => !(id in rules))).toEqual([])
  })

  it('has each document rule raised by its fixture', () => {
    for (const id of documentRules) expect(readFileSync(join(fixtures, id, 'messages.txt'), 'utf8'), id).toContain(`[${id}]`)
  })
})
