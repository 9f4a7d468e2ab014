import {inputError, usageError} from '../errors.js'
import type {Place} from './spec.js'

/** A valid value and every name it goes by (ids, labels in es/en/pt, country names). */
export interface Candidate {
  readonly value: string
  /** How to show it in a suggestion: `CL Chile`, `development-banks`. */
  readonly shown?: string
  readonly names?: readonly string[]
}

/** Lower case, no accents, words split on anything but letters and digits. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()
}

/** Edit distance counting a swap of two neighbours as one edit (`pfd` → `pdf`, `Chiel` → `Chile`). */
export function typoDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

/** How far `typed` is from one name: the whole name, or any word of it (`banca` is a word of "Banca de desarrollo"). */
function score(typed: string, name: string): number {
  const folded = fold(name)
  if (folded === typed) return 0
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)
  let best = typoDistance(typed, folded)
  for (const word of [folded, ...words]) {
    if (typed.length >= 3 && (word.startsWith(typed) || typed.startsWith(word))) best = Math.min(best, 1)
    best = Math.min(best, typoDistance(typed, word))
  }
  return best
}

/** The valid values nearest to what was typed (several when they tie), if near enough to be a typo. */
export function nearestAll(value: string, valid: readonly (string | Candidate)[]): Candidate[] {
  const typed = fold(value)
  if (typed === '') return []
  const scored = valid.map((v) => {
    const c = typeof v === 'string' ? {value: v} : v
    return {c, d: Math.min(...[c.value, ...(c.names ?? [])].map((n) => score(typed, n)))}
  })
  const best = Math.min(...scored.map((s) => s.d))
  // One or two letters (`XX`) are too short to be a typo of anything: any code is one edit away.
  if (best > (typed.length < 3 ? 0 : Math.max(1, Math.floor(typed.length / 3)))) return []
  return scored.filter((s) => s.d === best).slice(0, 3).map((s) => s.c)
}

/** The single valid value nearest to what was typed, if near enough to be a typo. */
export function nearest(value: string, valid: readonly string[]): string | null {
  return nearestAll(value, valid)[0]?.value ?? null
}

/** An unknown value: where it came from, the nearest values, the valid ones (a flag when `where` is a string). */
export function unknownValue(what: string, value: string, where: Place | string, valid: readonly (string | Candidate)[], note?: string): Error {
  const guesses = nearestAll(value, valid).map((c) => `\`${c.shown ?? c.value}\``)
  const list = valid.map((v) => (typeof v === 'string' ? v : (v.shown ?? v.value)))
  const help = (note ? ` ${note}.` : '') + (guesses.length ? ` Did you mean ${guesses.join(' or ')}?` : '') + `\nValid values: ${list.join(', ')}`
  return valueError(typeof where === 'string' ? {text: where, inFile: false} : where, `Unknown ${what} \`${value}\``, help)
}

/**
 * A wrong value at a place: in an input file, a problem in that file (exit 1), located first as
 * every file problem is; from a flag or an API argument, wrong usage (exit 2).
 */
export function valueError(place: Place, problem: string, help: string): Error {
  return place.inFile ? inputError(`${place.text}: ${problem}.${help}`) : usageError(`${problem} in ${place.text}.${help}`)
}
