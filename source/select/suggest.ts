import {distance} from 'fastest-levenshtein'
import {usageError} from '../errors.js'

/** The valid value nearest to what was typed, if it is near enough to be a typo. */
export function nearest(value: string, valid: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Infinity
  const typed = value.toLowerCase()
  for (const candidate of valid) {
    const c = candidate.toLowerCase()
    const d = c.startsWith(typed) || typed.startsWith(c) ? 1 : distance(typed, c)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null
}

/** A usage error for an unknown value: where it came from, the valid values, the nearest one. */
export function unknownValue(what: string, value: string, where: string, valid: readonly string[]): Error {
  const guess = nearest(value, valid)
  return usageError(
    `Unknown ${what} \`${value}\` in ${where}.` +
      (guess ? ` Did you mean \`${guess}\`?` : '') +
      `\nValid values: ${valid.join(', ')}`,
  )
}
