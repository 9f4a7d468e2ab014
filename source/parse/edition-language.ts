import {basename} from 'node:path'
import {isLanguage, type Language} from '../model/vocabulary.js'

/** The language an edition's file name declares: `113-recomendaciones.en.txt` → `en`. */
export function languageFromPath(path: string): Language | null {
  const match = /\.([a-z]{2})\.(?:txt|md|markdown)$/i.exec(basename(path))
  const tag = match?.[1]?.toLowerCase()
  return isLanguage(tag) ? tag : null
}

/**
 * Words frequent in one of the languages and rare in the other two: the nouns
 * the structure uses (weighed more) and short lower-case function words
 * (lower case only, so that "Do a" is not Portuguese "do").
 */
const markers = {
  es: [/\b(?:recomendaciones|lineamientos?|págs?\.)/gu, /(?<![\p{L}])(?:el|los|del|las|y|para|una|se)(?![\p{L}])/gu],
  en: [/\b(?:recommendations|guidelines?|pp?\.\s*\d)/gu, /(?<![\p{L}])(?:the|and|of|to|for|with|in)(?![\p{L}])/gu],
  pt: [/(?:recomendações|diretrizes?)/gu, /(?<![\p{L}])(?:do|da|dos|das|não|ao|uma|com|em)(?![\p{L}])/gu],
} as const satisfies Record<Language, readonly [RegExp, RegExp]>

/**
 * The language of a text whose file name does not say: the one whose marker
 * words are most frequent. Spanish on a tie, as the original of the bundled document.
 */
export function detectLanguage(text: string): Language {
  const sample = text.slice(0, 20_000)
  let best: Language = 'es'
  let bestCount = -1
  for (const lang of ['es', 'en', 'pt'] as const) {
    const [nouns, words] = markers[lang]
    const count = 5 * (sample.match(nouns)?.length ?? 0) + (sample.match(words)?.length ?? 0)
    if (count > bestCount) {
      best = lang
      bestCount = count
    }
  }
  return best
}
