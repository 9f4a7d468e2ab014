import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {inputError} from '../errors.js'
import {checkYaml, problemAt, readYaml, type YamlFile, type YamlProblem} from '../yaml-file.js'
import {assessmentStatuses} from '../model/vocabulary.js'

/** A calendar date written `YYYY-MM-DD` that exists (no 2025-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'Expected a date that exists')

/** The fields of one answer, current or replaced. */
const answerFields = {
  status: z.enum(assessmentStatuses),
  note: z.string().optional(),
  evidence: z.url({protocol: /^https?$/}).optional(),
  /** When the answer was given (`YYYY-MM-DD`). */
  assessed: isoDate.optional(),
  /** The form the answer was imported from (its file name), written by `briefs assessment import`. */
  form: z.string().optional(),
  /** The day the answer was imported (`YYYY-MM-DD`): the round it belongs to. */
  received: isoDate.optional(),
}

export const profileSchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/),
  /** True for made-up profiles under `examples/`: every page made from one says it is illustrative. */
  illustrative: z.boolean().optional(),
  /** Who collects the country's self-assessment forms (named in the form's instructions). */
  contact: z.string().optional(),
  context: z.string().default(''),
  focus: z
    .strictObject({
      guidelines: z.array(z.string().regex(/^[IVXLC]+$/, 'Expected a guideline numeral such as `VII`')).default([]),
      audiences: z.array(z.string()).default([]),
      themes: z.array(z.string()).default([]),
    })
    .default({guidelines: [], audiences: [], themes: []}),
  assessments: z
    .record(
      z.string().regex(/^\d+$/, 'Expected a recommendation number as key'),
      z.strictObject({
        ...answerFields,
        /** Earlier answers an import replaced, oldest first (see `source/annotate/rounds.ts`). */
        history: z.array(z.strictObject({...answerFields, replaced: isoDate})).optional(),
      }),
    )
    .nullable()
    .default({})
    .transform((v) => v ?? {}),
  /** The form the answers were last imported from, written by `briefs assessment import`. */
  imported: z.strictObject({form: z.string(), date: isoDate}).optional(),
})

export type Profile = z.infer<typeof profileSchema>
/** One answer of a profile, as loaded. */
export type ProfileAnswer = Profile['assessments'][string]
/** An answer an import replaced, with the day it was replaced. */
export type ReplacedAnswer = NonNullable<ProfileAnswer['history']>[number]

export interface ProfileCheck {
  readonly guidelines: ReadonlySet<string>
  readonly audiences: ReadonlySet<string>
  readonly themes: ReadonlySet<string>
  readonly numbers: ReadonlySet<number>
}

/** Read and check one country profile; an absent file gives an empty profile. */
export function loadProfile(dir: string, code: string, known: ProfileCheck): Profile {
  const path = profilePath(dir, code)
  if (!existsSync(path)) return emptyProfile(code)
  const checked = checkProfile(readYaml(path), code, known)
  if (checked.profile === null) throw inputError(checked.problems.map((p) => p.message).join('\n'))
  return checked.profile
}

export function emptyProfile(code: string): Profile {
  return {country: code, context: '', focus: {guidelines: [], audiences: [], themes: []}, assessments: {}}
}

/** Every problem of a profile's YAML (schema, then unknown ids), each with its data path: what `briefs serve` shows beside a field. */
export function checkProfile(file: YamlFile, code: string, known: ProfileCheck): {profile: Profile; problems: []} | {profile: null; problems: YamlProblem[]} {
  const checked = checkYaml(file, profileSchema)
  if (checked.data === null) return {profile: null, problems: checked.problems.slice(0, 20)}
  const profile = checked.data
  const problems: YamlProblem[] = []
  const add = (path: readonly PropertyKey[], reason: string) => problems.push({path, message: problemAt(file, path, reason, 'profile')})
  if (profile.country !== code) add(['country'], `Expected \`country: ${code}\` in ${code}.yaml, found \`${profile.country}\``)
  for (const kind of ['guidelines', 'audiences', 'themes'] as const) {
    profile.focus[kind].forEach((id, index) => {
      if (!known[kind].has(id)) add(['focus', kind, index], `Unknown ${kind.slice(0, -1)} \`${id}\`; valid: ${[...known[kind]].join(', ')}`)
    })
  }
  for (const key of Object.keys(profile.assessments)) {
    if (!known.numbers.has(Number(key))) add(['assessments', key], `Unknown recommendation number \`${key}\``)
  }
  return problems.length > 0 ? {profile: null, problems} : {profile, problems: []}
}

export function profilePath(dir: string, code: string): string {
  return join(dir, `${code}.yaml`)
}

export function profileCodes(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => /^[A-Z]{2}\.yaml$/.test(f)).map((f) => f.slice(0, 2)) : []
}
