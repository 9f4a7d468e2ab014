// The library without its default entry, which registers all of its 80 locales: only the three in use are.
import countries from 'i18n-iso-countries/index.js'
import en from 'i18n-iso-countries/langs/en.json' with {type: 'json'}
import es from 'i18n-iso-countries/langs/es.json' with {type: 'json'}
import pt from 'i18n-iso-countries/langs/pt.json' with {type: 'json'}
import {z} from 'zod'
import {inputError} from '../errors.js'
import {problemAt, readYaml, validateYaml} from '../yaml-file.js'
import {officialLanguages, subregions, type OfficialLanguage, type Subregion} from './country-groups.js'
import type {Localized} from './taxonomy.js'

countries.registerLocale(es)
countries.registerLocale(en)
countries.registerLocale(pt)

export {countryLanguage, officialLanguages, subregions, type OfficialLanguage, type Subregion} from './country-groups.js'

const partial = z.strictObject({es: z.string().min(1).optional(), en: z.string().min(1).optional(), pt: z.string().min(1).optional()})

const entrySchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 code such as `CL`'),
  subregion: z.enum(Object.keys(subregions) as [Subregion, ...Subregion[]]),
  /** Official first, in order of preference. */
  languages: z.array(z.enum(Object.keys(officialLanguages) as [OfficialLanguage, ...OfficialLanguage[]])).min(1),
  formal: z.strictObject({es: z.string().min(1), en: z.string().min(1), pt: z.string().min(1)}).optional(),
  phrase: partial.optional(),
})

export interface Country {
  readonly code: string
  /** Short name ("Bolivia"). */
  readonly name: Localized
  /** The United Nations name ("Bolivia (Estado Plurinacional de)"), for covers and metadata. */
  readonly formal: Localized
  /** The short name inside a sentence, with its article where the language needs one ("the Bahamas"). */
  readonly phrase: Localized
  readonly subregion: Subregion
  /** The languages its officials read (ISO 639-1), official first, in order of preference. */
  readonly languages: readonly OfficialLanguage[]
  /** Main official language (the first of `languages`). */
  readonly language: OfficialLanguage
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
    if (!countries.isValid(entry.code)) throw inputError(problemAt(file, [index, 'code'], `Unknown ISO 3166-1 code \`${entry.code}\``, 'countries'))
    if (seen.has(entry.code)) throw inputError(problemAt(file, [index, 'code'], `Duplicate country \`${entry.code}\``, 'countries'))
    seen.add(entry.code)
    const name = {es: countries.getName(entry.code, 'es')!, en: countries.getName(entry.code, 'en')!, pt: countries.getName(entry.code, 'pt')!}
    const aliases = [...new Set((['es', 'en', 'pt'] as const).flatMap((lang) => countries.getName(entry.code, lang, {select: 'all'}) ?? []))]
    const language = entry.languages[0]!
    return {
      code: entry.code,
      subregion: entry.subregion,
      name,
      formal: entry.formal ?? name,
      phrase: {es: entry.phrase?.es ?? name.es, en: entry.phrase?.en ?? name.en, pt: entry.phrase?.pt ?? name.pt},
      languages: entry.languages,
      language,
      languageName: officialLanguages[language],
      aliases: [...aliases, ...(entry.formal ? Object.values(entry.formal) : [])],
    }
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
