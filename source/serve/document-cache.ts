/** Built documents by inputs hash (the batch manifest's), least recently used dropped past a byte budget. */
export class DocumentCache {
  readonly #budget: number
  readonly #entries = new Map<string, Uint8Array>()
  #bytes = 0
  hits = 0
  misses = 0

  constructor(budgetBytes: number) {
    this.#budget = budgetBytes
  }

  get(key: string): Uint8Array | undefined {
    const bytes = this.#entries.get(key)
    if (bytes) {
      // Re-insert: a Map iterates in insertion order, so the first entry is the least recently used.
      this.#entries.delete(key)
      this.#entries.set(key, bytes)
      this.hits++
    } else this.misses++
    return bytes
  }

  set(key: string, bytes: Uint8Array): void {
    if (bytes.length > this.#budget) return
    const old = this.#entries.get(key)
    if (old) this.#bytes -= old.length
    this.#entries.delete(key)
    this.#entries.set(key, bytes)
    this.#bytes += bytes.length
    for (const [k, v] of this.#entries) {
      if (this.#bytes <= this.#budget) break
      this.#entries.delete(k)
      this.#bytes -= v.length
    }
  }

  get size(): number {
    return this.#bytes
  }
}
