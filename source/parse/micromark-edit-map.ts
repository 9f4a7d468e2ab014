import {EditMap} from 'micromark-util-edit-map'
import type {Event} from 'micromark-util-types'

/**
 * micromark's `EditMap.consume` copies the *whole* event list to apply edits
 * that the document tokenizer makes near its end (each time a container
 * closes after a lazy line or a list item ends). That made the parse grow
 * with the square of the input: 16,000 lines of nested quotes took 15 s.
 * This replacement keeps the events before the first edit where they are
 * and rebuilds only the rest; the result is the same list, element for
 * element (`tests/parse/micromark-edit-map.test.ts` compares the two).
 * Importing this module applies it once.
 */
export function consumeFromFirstEdit(this: EditMap, events: Event[]): undefined {
  const map = this.map
  map.sort((a, b) => a[0] - b[0])
  if (map.length === 0) return
  const first = map[0]![0]
  const tail = events.slice(first)
  const end = events.length
  events.length = first
  for (let i = 0; i < map.length; i++) {
    const [at, remove, add] = map[i]!
    for (const event of add) events.push(event)
    // What stands between this edit and the next one; nothing where they overlap, as in the original.
    const until = i + 1 < map.length ? map[i + 1]![0] : end
    for (let j = at + remove; j < until; j++) events.push(tail[j - first]!)
  }
  map.length = 0
  this.index.clear()
}

export const originalConsume = EditMap.prototype.consume

EditMap.prototype.consume = consumeFromFirstEdit
