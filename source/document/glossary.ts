import type {VFile} from 'vfile'
import {z} from 'zod'
import type {Model, Position} from '../model/types.js'
import {locate, readYaml, validateYaml} from '../yaml-file.js'
import type {Language} from '../model/vocabulary.js'

/** One term: the Spanish words and their translation in an edition's language, with where it is written. */
export interface GlossaryTerm {
  readonly source: string
  readonly target: string
  /** `glossary.yaml:LINE:COLUMN` of the entry. */
  readonly where: string
}

export type Glossary = Readonly<Partial<Record<Language, readonly GlossaryTerm[]>>>

const entries = (lang: 'en' | 'pt') => z.array(z.strictObject({es: z.string().min(1), [lang]: z.string().min(1)})).optional()
const glossarySchema = z.strictObject({en: entries('en'), pt: entries('pt')})

/** Read a document's `glossary.yaml`: for each edition language, a list of `{es, <lang>}` terms. */
export function loadGlossary(path: string): Glossary {
  const file = readYaml(path)
  const data = validateYaml(file, glossarySchema)
  const glossary: Partial<Record<Language, GlossaryTerm[]>> = {}
  for (const lang of ['en', 'pt'] as const) {
    const list = data[lang]
    if (list) glossary[lang] = list.map((entry, index) => ({source: entry['es']!, target: entry[lang]!, where: locate(file, [lang, index])}))
  }
  return glossary
}

/** A unit of text both editions have: a recommendation, a guideline title with its groups, a footnote. */
interface Unit {
  readonly name: string
  readonly text: string
  readonly position: Position
}

function unitsOf(model: Model): Map<string, Unit> {
  const units = new Map<string, Unit>()
  for (const r of model.recommendations) units.set(`recommendation ${r.number}`, {name: `recommendation ${r.number}`, text: r.text, position: r.position})
  for (const g of model.guidelines) {
    const text = [g.title, ...g.groups.map((group) => group.title)].join(' ')
    units.set(`guideline ${g.id}`, {name: `guideline ${g.id}`, text, position: g.position})
  }
  for (const f of model.footnotes) units.set(`footnote ${f.id}`, {name: `footnote ${f.id}`, text: f.text, position: f.position})
  return units
}

/**
 * Wherever a unit of the original holds a glossary term, the same unit of the
 * edition must hold its translation (both compared case-insensitively: terms
 * sit inside capitalised names). Each miss is a fatal `edition-glossary`
 * message at the edition's unit.
 */
export function checkGlossary(edition: Model, file: VFile, original: Model, terms: readonly GlossaryTerm[]): void {
  const fold = (text: string) => text.toLocaleLowerCase('und')
  const translated = unitsOf(edition)
  for (const [key, unit] of unitsOf(original)) {
    const target = translated.get(key)
    if (!target) continue // a missing unit is the alignment check's to report
    for (const term of terms) {
      if (fold(unit.text).includes(fold(term.source)) && !fold(target.text).includes(fold(term.target))) {
        file.message(`Unexpected translation of \`${term.source}\` in ${unit.name}, expected \`${term.target}\` (${term.where})`, {
          place: target.position, ruleId: 'edition-glossary', source: 'briefs',
        }).fatal = true
      }
    }
  }
}
