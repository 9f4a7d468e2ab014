import {z} from 'zod'
import {inputError} from '../errors.js'
import {problemAt, readYaml, validateYaml, type YamlFile} from '../yaml-file.js'

const localized = z.strictObject({es: z.string().min(1), en: z.string().min(1), pt: z.string().min(1)})

export const termSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a kebab-case id such as `private-sector`'),
  label: localized,
  description: localized,
})

export type Localized = z.infer<typeof localized>
/** An audience or a theme. */
export type Term = z.infer<typeof termSchema>

/** The audiences every taxonomy must have (the product's promises depend on them). */
export const requiredAudiences = [
  'national-government', 'subnational-government', 'development-banks', 'private-sector', 'academia',
  'civil-society', 'cluster-initiatives', 'investment-and-trade-agencies', 'international-cooperation',
] as const

export function loadTerms(path: string, required: readonly string[] = []): Term[] {
  const file = readYaml(path)
  const terms = validateYaml(file, z.array(termSchema).min(1))
  checkUnique(file, terms)
  for (const id of required) {
    if (!terms.some((t) => t.id === id)) throw inputError(problemAt(file, [], `Missing required id \`${id}\``, 'taxonomy'))
  }
  return terms
}

function checkUnique(file: YamlFile, terms: Term[]): void {
  const seen = new Set<string>()
  terms.forEach((term, index) => {
    if (seen.has(term.id)) throw inputError(problemAt(file, [index, 'id'], `Duplicate id \`${term.id}\``, 'taxonomy'))
    seen.add(term.id)
  })
}
