import fc from 'fast-check'
import {EditMap} from 'micromark-util-edit-map'
import type {Event} from 'micromark-util-types'
import {describe, expect, it} from 'vitest'
import {consumeFromFirstEdit, originalConsume} from '../../source/parse/micromark-edit-map.js'

// The replacement must give micromark the same event list, element for element, for any edits.
describe('EditMap.consume from the first edit', () => {
  it('is installed', () => {
    expect(EditMap.prototype.consume).toBe(consumeFromFirstEdit)
  })

  it('gives the same list as micromark’s own for any edits, overlapping ones too', () => {
    const edit = fc.tuple(fc.nat(40), fc.nat(6), fc.array(fc.integer({min: 1000, max: 1100}), {maxLength: 4}))
    fc.assert(
      fc.property(fc.nat(40), fc.array(edit, {maxLength: 6}), (length, edits) => {
        const events = Array.from({length}, (_, i) => i as unknown as Event)
        const results = [originalConsume, consumeFromFirstEdit].map((consume) => {
          const map = new EditMap()
          for (const [at, remove, add] of edits) if (at <= length) map.add(at, remove, [...add] as unknown as Event[])
          const copy = [...events]
          consume.call(map, copy)
          return copy
        })
        expect(results[1]).toEqual(results[0])
      }),
      {numRuns: 2000},
    )
  })
})
