import {basename} from 'node:path'
import {isLanguage, type Language} from '../labels/languages.js'

/** The language an edition's file name declares: `113-recomendaciones.en.txt` → `en`. */
export function languageFromPath(path: string): Language | null {
  const match = /\.([a-z]{2})\.(?:txt|md|markdown)$/i.exec(basename(path))
  const tag = match?.[1]?.toLowerCase()
  return isLanguage(tag) ? tag : null
}

/** Short words frequent in one of the languages and rare in the other two. */
const markers = {
  es: /\b(?:el|los|del|las|y|para|una|se)\b/giu,
  en: /\b(?:the|and|of|to|for|with|in)\b/giu,
  pt: /\b(?:do|da|dos|das|não|ao|uma|com|em)\b/giu,
} as const satisfies Record<Language, RegExp>

/**
 * The language of a text whose file name does not say: the one whose marker
 * words are most frequent. Spanish on a tie, as the original of the bundled document.
 */
export function detectLanguage(text: string): Language {
  const sample = text.slice(0, 20_000)
  let best: Language = 'es'
  let bestCount = -1
  for (const lang of ['es', 'en', 'pt'] as const) {
    const count = sample.match(markers[lang])?.length ?? 0
    if (count > bestCount) {
      best = lang
      bestCount = count
    }
  }
  return best
}
