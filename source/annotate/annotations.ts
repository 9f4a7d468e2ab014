import {z} from 'zod'
import {inputError} from '../errors.js'
import type {Model} from '../model/types.js'
import {locate, readYaml} from '../yaml-file.js'
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
  if (file.data === null || typeof file.data !== 'object' || Array.isArray(file.data)) {
    throw inputError(`${locate(file, [])}: Expected a mapping from recommendation number to {audiences, themes} [annotations]`)
  }
  const numbers = new Set(model.recommendations.map((r) => r.number))
  const known = {audiences: new Set(audiences.map((t) => t.id)), themes: new Set(themes.map((t) => t.id))}
  const result = new Map<number, Annotation>()
  const problems: string[] = []
  for (const [key, value] of Object.entries(file.data)) {
    const number = Number(key)
    if (!Number.isInteger(number) || !numbers.has(number)) {
      problems.push(`${locate(file, [key])}: Unknown recommendation number \`${key}\` (the document has 1–${Math.max(...numbers)}) [annotations]`)
      continue
    }
    const parsed = entrySchema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      problems.push(`${locate(file, [key, ...issue.path])}: ${issue.message} (recommendation ${number}) [annotations]`)
      continue
    }
    for (const kind of ['audiences', 'themes'] as const) {
      const ids = parsed.data[kind]
      ids.forEach((id, index) => {
        if (!known[kind].has(id)) problems.push(`${locate(file, [key, kind, index])}: Unknown ${kind === 'audiences' ? 'audience' : 'theme'} \`${id}\` (recommendation ${number}) [annotations]`)
        if (ids.indexOf(id) !== index) problems.push(`${locate(file, [key, kind, index])}: Duplicate ${kind === 'audiences' ? 'audience' : 'theme'} \`${id}\` (recommendation ${number}) [annotations]`)
      })
    }
    result.set(number, parsed.data)
  }
  for (const number of numbers) {
    if (!result.has(number) && !problems.some((p) => p.includes(`recommendation ${number})`))) {
      problems.push(`${locate(file, [])}: Missing annotation for recommendation ${number} [annotations]`)
    }
  }
  if (problems.length > 0) throw inputError(problems.join('\n'))
  return result
}

/** Put audiences and themes on each recommendation. */
export function applyAnnotations(model: Model, annotations: Map<number, Annotation>): void {
  for (const rec of model.recommendations) {
    const a = annotations.get(rec.number)
    rec.audiences = a ? [...a.audiences] : []
    rec.themes = a ? [...a.themes] : []
  }
}
