const numerals: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
]

export function toRoman(value: number): string {
  let rest = value
  let out = ''
  for (const [n, s] of numerals) {
    while (rest >= n) {
      out += s
      rest -= n
    }
  }
  return out
}

/** The value of a canonical Roman numeral, or null (`IIII`, `VX` are not canonical). */
export function fromRoman(numeral: string): number | null {
  const values: Record<string, number> = {I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000}
  let total = 0
  for (let i = 0; i < numeral.length; i++) {
    const v = values[numeral[i]!]
    if (v === undefined) return null
    const next = values[numeral[i + 1] ?? ''] ?? 0
    total += v < next ? -v : v
  }
  return total > 0 && toRoman(total) === numeral ? total : null
}
