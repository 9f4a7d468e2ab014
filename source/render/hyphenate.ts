import {createRequire} from 'node:module'
import type {HyphenationFunctionSync} from 'hyphen' with {'resolution-mode': 'require'}
import type {Language} from '../model/vocabulary.js'

// The package's language entry points are CommonJS folders (`hyphen/es/index.js`).
const require = createRequire(import.meta.url)
const load = (name: string) => (require(`hyphen/${name}`) as {hyphenateSync: HyphenationFunctionSync}).hyphenateSync

/** U+00AD: invisible unless the line breaks there, where it shows as a hyphen. */
export const softHyphen = '\u00ad'

/**
 * Letters kept together at each end of a word (TeX's \lefthyphenmin and
 * \righthyphenmin for the language): "ob-jeto" reads badly, "objeti-vo" too.
 */
const minimums: Record<Language, {readonly left: number; readonly right: number}> = {
  es: {left: 2, right: 3},
  en: {left: 2, right: 3},
  pt: {left: 2, right: 3},
}

const patterns: Record<Language, HyphenationFunctionSync> = {es: load('es'), en: load('en-us'), pt: load('pt')}

/** Words worth breaking: letters only, not part of a code, address or URL (`javascript:`, `cepal.org`), not an acronym. */
const word = /(?<![\p{L}\p{N}\p{M}@/._:-])\p{L}[\p{L}\p{M}]{5,}(?![\p{L}\p{N}\p{M}@/_]|[.:][\p{L}\p{N}/])/gu

/**
 * Real hyphenation for the print layout: Debian's Chromium has no hyphenation
 * dictionaries, so `hyphens: auto` breaks nothing; soft hyphens placed with
 * the TeX patterns of the language (the `hyphen` package) give it the places.
 * Plain text in, plain text out (no markup: escape after).
 */
export function hyphenator(lang: Language): (text: string) => string {
  const hyphenate = patterns[lang]
  const {left, right} = minimums[lang]
  const known = hyphenated[lang]
  const breakWord = (w: string): string => {
    if (w === w.toLocaleUpperCase(lang)) return w
    const parts = hyphenate(w, {hyphenChar: softHyphen, minWordLength: left + right}).split(softHyphen)
    // Join the pieces that would leave fewer than `left` letters before a break or `right` after it.
    let out = ''
    let done = 0
    for (const [i, part] of parts.entries()) {
      const before = done
      done += part.length
      out += i > 0 && before >= left && w.length - before >= right ? softHyphen + part : part
    }
    return out
  }
  return (text) =>
    text.replace(word, (w) => {
      let out = known.get(w)
      if (out === undefined) {
        if (known.size >= wordCacheSize) known.clear()
        known.set(w, (out = breakWord(w)))
      }
      return out
    })
}

/**
 * Words already hyphenated, per language, across the documents of a process: a batch prints the
 * same recommendations in many briefs, each laid out and printed (the patterns were about 0.8 s
 * of the default batch's main thread). Bounded: cleared when full.
 */
const hyphenated: Record<Language, Map<string, string>> = {es: new Map(), en: new Map(), pt: new Map()}
const wordCacheSize = 100_000
