// The library without its default entry, which registers all of its 80 locales: only the three in use are.
import countries from 'i18n-iso-countries/index.js'
import en from 'i18n-iso-countries/langs/en.json' with {type: 'json'}
import es from 'i18n-iso-countries/langs/es.json' with {type: 'json'}
import pt from 'i18n-iso-countries/langs/pt.json' with {type: 'json'}
import {z} from 'zod'
import type {Recommendation} from '../model/types.js'
import {inputError} from '../errors.js'
import {locate, readYaml, validateYaml} from '../yaml-file.js'
import {subregions, type Subregion} from './subregions.js'
import type {Localized} from './taxonomy.js'

countries.registerLocale(es)
countries.registerLocale(en)
countries.registerLocale(pt)

export {subregions, type Subregion} from './subregions.js'

const officialLanguages = {
  es: {es: 'español', en: 'Spanish', pt: 'espanhol'},
  en: {es: 'inglés', en: 'English', pt: 'inglês'},
  pt: {es: 'portugués', en: 'Portuguese', pt: 'português'},
  fr: {es: 'francés', en: 'French', pt: 'francês'},
  nl: {es: 'neerlandés', en: 'Dutch', pt: 'neerlandês'},
} as const satisfies Record<string, Localized>

const entrySchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 code such as `CL`'),
  subregion: z.enum(Object.keys(subregions) as [Subregion, ...Subregion[]]),
  language: z.enum(Object.keys(officialLanguages) as [keyof typeof officialLanguages, ...(keyof typeof officialLanguages)[]]),
})

export interface Country {
  readonly code: string
  readonly name: Localized
  readonly subregion: Subregion
  /** Main official language (ISO 639-1). */
  readonly language: keyof typeof officialLanguages
  readonly languageName: Localized
  /** Every name the country goes by in the three languages (for finding it in the text). */
  readonly aliases: string[]
}

/** The ECLAC member states of Latin America and the Caribbean, names from i18n-iso-countries. */
export function loadCountries(path: string): Country[] {
  const file = readYaml(path)
  const entries = validateYaml(file, z.array(entrySchema).min(1))
  const seen = new Set<string>()
  return entries.map((entry, index) => {
    if (!countries.isValid(entry.code)) throw inputError(`${locate(file, [index, 'code'])}: Unknown ISO 3166-1 code \`${entry.code}\` [countries]`)
    if (seen.has(entry.code)) throw inputError(`${locate(file, [index, 'code'])}: Duplicate country \`${entry.code}\` [countries]`)
    seen.add(entry.code)
    const name = {es: countries.getName(entry.code, 'es')!, en: countries.getName(entry.code, 'en')!, pt: countries.getName(entry.code, 'pt')!}
    const aliases = [...new Set((['es', 'en', 'pt'] as const).flatMap((lang) => countries.getName(entry.code, lang, {select: 'all'}) ?? []))]
    return {...entry, name, languageName: officialLanguages[entry.language], aliases}
  })
}

/** ISO codes of the countries a text names, in the order of the country list. */
export function countriesNamed(text: string, list: readonly Country[]): string[] {
  return list.filter((c) => c.aliases.some((alias) => namePattern(alias).test(text))).map((c) => c.code)
}

function namePattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'u')
}

/** Link each recommendation to the countries its text names. */
export function linkCountries(recommendations: Recommendation[], list: readonly Country[]): void {
  for (const rec of recommendations) rec.countries = countriesNamed(rec.text, list)
}
