import {isOneOf} from '../model/vocabulary.js'
import type {Localized} from './taxonomy.js'

/*
 * What selection needs of the country list besides the list itself (which the
 * content cache holds): kept apart from `countries.ts` so that a command
 * reading compiled content does not load the country-name locales.
 */

/** ECLAC's grouping, by the headquarters that serves each country (see `content/countries.yaml`). */
export const subregions = {
  'south-america': {es: 'América del Sur', en: 'South America', pt: 'América do Sul'},
  'central-america-mexico': {
    es: 'Centroamérica, Cuba, Haití, México y República Dominicana',
    en: 'Central America, Cuba, Dominican Republic, Haiti and Mexico',
    pt: 'América Central, Cuba, Haiti, México e República Dominicana',
  },
  caribbean: {es: 'El Caribe', en: 'The Caribbean', pt: 'Caribe'},
} as const satisfies Record<string, Localized>

export type Subregion = keyof typeof subregions

/** The regions a region brief covers: the whole of Latin America and the Caribbean (the 33 member States), or one subregion. */
export const regions = {
  lac: {es: 'América Latina y el Caribe', en: 'Latin America and the Caribbean', pt: 'América Latina e o Caribe'},
  ...subregions,
} as const satisfies Record<string, Localized>

export type Region = keyof typeof regions

export const officialLanguages = {
  es: {es: 'español', en: 'Spanish', pt: 'espanhol'},
  en: {es: 'inglés', en: 'English', pt: 'inglês'},
  pt: {es: 'portugués', en: 'Portuguese', pt: 'português'},
  fr: {es: 'francés', en: 'French', pt: 'francês'},
  nl: {es: 'neerlandés', en: 'Dutch', pt: 'neerlandês'},
} as const satisfies Record<string, Localized>

export type OfficialLanguage = keyof typeof officialLanguages

/**
 * The language a country's brief is written in: the first of its languages
 * that the document has an edition in, else `fallback` (the source's language).
 */
export function countryLanguage<L extends string>(country: {readonly languages: readonly OfficialLanguage[]}, editions: readonly L[], fallback: L): L {
  return country.languages.find((lang): lang is OfficialLanguage & L => isOneOf(editions, lang)) ?? fallback
}
