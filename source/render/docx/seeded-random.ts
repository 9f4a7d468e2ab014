/**
 * Run `build` with `Math.random` replaced by a generator seeded from `seed`,
 * then put the real one back. `build` must be synchronous: nothing else can
 * run in between, so no other code ever sees the seeded numbers.
 */
/** A generator of numbers in [0, 1) seeded from a string: the same numbers for the same seed, everywhere. */
export function seededRandom(seed: string): () => number {
  return mulberry32(hash(seed))
}

export function withSeededRandom<T>(seed: string, build: () => T): T {
  const original = Math.random
  Math.random = seededRandom(seed)
  try {
    return build()
  } finally {
    Math.random = original
  }
}

function hash(text: string): number {
  let h = 2_166_136_261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619)
  return h >>> 0
}

function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d_2b_79_f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
