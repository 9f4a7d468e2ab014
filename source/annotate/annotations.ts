import {z} from 'zod'
import {inputError} from '../errors.js'
import type {Model} from '../model/types.js'
import {issueMessages, problemAt, readYaml} from '../yaml-file.js'
import type {Term} from './taxonomy.js'

const entrySchema = z.strictObject({
  audiences: z.array(z.string()).min(1, 'Expected at least one audience'),
  themes: z.array(z.string()).min(1, 'Expected at least one theme'),
})

export interface Annotation {
  readonly audiences: string[]
  readonly themes: string[]
}

/**
 * Read `annotations.yaml` (recommendation number → audiences and themes) and
 * check it against the model and the taxonomy. Every problem names file and line.
 */
export function loadAnnotations(path: string, model: Model, audiences: readonly Term[], themes: readonly Term[], text?: string): Map<number, Annotation> {
  const file = readYaml(path, text)
  const problem = (at: readonly PropertyKey[], reason: string) => problemAt(file, at, reason, 'annotations')
  if (file.data === null || typeof file.data !== 'object' || Array.isArray(file.data)) {
    throw inputError(problem([], 'Expected a mapping from recommendation number to {audiences, themes}'))
  }
  const numbers = new Set(model.recommendations.map((r) => r.number))
  const known = {audiences: new Set(audiences.map((t) => t.id)), themes: new Set(themes.map((t) => t.id))}
  const result = new Map<number, Annotation>()
  const problems: string[] = []
  /** Recommendations whose entry has a problem already: not reported missing as well. */
  const faulty = new Set<number>()
  for (const [key, value] of Object.entries(file.data)) {
    const number = Number(key)
    if (!Number.isInteger(number) || !numbers.has(number)) {
      problems.push(problem([key], `Unknown recommendation number \`${key}\` (the document has 1–${Math.max(...numbers)})`))
      continue
    }
    const parsed = entrySchema.safeParse(value)
    if (!parsed.success) {
      problems.push(...issueMessages(parsed.error.issues, file, {ruleId: 'annotations', base: [key], context: `recommendation ${number}`}))
      faulty.add(number)
      continue
    }
    for (const kind of ['audiences', 'themes'] as const) {
      const ids = parsed.data[kind]
      ids.forEach((id, index) => {
        if (!known[kind].has(id)) problems.push(problem([key, kind, index], `Unknown ${kind === 'audiences' ? 'audience' : 'theme'} \`${id}\` (recommendation ${number})`))
        if (ids.indexOf(id) !== index) problems.push(problem([key, kind, index], `Duplicate ${kind === 'audiences' ? 'audience' : 'theme'} \`${id}\` (recommendation ${number})`))
      })
    }
    result.set(number, parsed.data)
  }
  for (const number of numbers) {
    if (!result.has(number) && !faulty.has(number)) {
      problems.push(problem([], `Missing annotation for recommendation ${number}`))
    }
  }
  if (problems.length > 0) throw inputError(problems.join('\n'))
  return result
}

/**
 * The model with audiences, themes and the countries each text names on
 * every recommendation: a new model; the parsed one is left as it was.
 */
export function annotateModel(model: Model, annotations: ReadonlyMap<number, Annotation>, countriesOf: (text: string) => string[]): Model {
  return {
    ...model,
    recommendations: model.recommendations.map((rec) => {
      const a = annotations.get(rec.number)
      return {...rec, audiences: a ? [...a.audiences] : [], themes: a ? [...a.themes] : [], countries: countriesOf(rec.text)}
    }),
  }
}
