import type {Localized} from './taxonomy.js'

/** ECLAC's subregions, labelled; apart from the country list so that selection does not load the country names. */
export const subregions = {
  'south-america': {es: 'América del Sur', en: 'South America', pt: 'América do Sul'},
  'central-america-mexico': {es: 'Centroamérica y México', en: 'Central America and Mexico', pt: 'América Central e México'},
  caribbean: {es: 'El Caribe', en: 'The Caribbean', pt: 'Caribe'},
} as const satisfies Record<string, Localized>

export type Subregion = keyof typeof subregions
