import MiniSearch from 'minisearch'
import type {View} from '../view/view.js'

/**
 * Terms as the index stores them and queries look them up: lower case, accents
 * removed (NFD, then every combining mark dropped), so "evaluacion" finds
 * "evaluación". `assets/site.js` folds a query the same way; a test searches
 * in the browser to hold the two together.
 */
export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The index's options: the browser loads the index with the same ones (`assets/site.js`). */
export const searchFields = ['text'] as const

/**
 * The recommendations of a brief (the full text of one language) as a
 * serialized MiniSearch index, built now so the browser only loads it:
 * one document per recommendation, its number as the id.
 */
export function searchIndexJson(view: View): string {
  const index = new MiniSearch<{number: number; text: string}>({fields: [...searchFields], idField: 'number', processTerm: foldTerm})
  index.addAll(view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations.map((r) => ({number: r.number, text: r.text})))))
  return JSON.stringify(index)
}
