import {z} from 'zod'
import {inputError, usageError} from '../errors.js'
import {checkLimit} from '../limits.js'
import {issueMessages, locate, readYaml, type YamlFile} from '../yaml-file.js'
import {isoDate} from '../annotate/profiles.js'
import {briefKinds, languages, type BriefKind, type Language} from '../model/vocabulary.js'

const list = z.union([z.array(z.union([z.string(), z.number()])), z.string(), z.number()]).transform((v) =>
  (Array.isArray(v) ? v : [v]).flatMap((item) => String(item).split(',')).map((s) => s.trim()).filter(Boolean),
)

/** A brief specification, as written in YAML (or gathered from flags). */
export const briefSpecSchema = z.strictObject({
  kind: z.enum(briefKinds).optional(),
  title: z.string().min(1).optional(),
  /** Unset: a country brief takes its country's language, any other the source's. */
  lang: z.enum(languages).optional(),
  guidelines: list.default([]),
  audiences: list.default([]),
  themes: list.default([]),
  /** Numbers and ranges: `1-10,23`. */
  recs: list.default([]),
  query: z.string().min(1).optional(),
  country: z.string().min(1).optional(),
  /** A region brief: `lac` (all 33 member States) or a subregion (`caribbean`, …). */
  region: z.string().min(1).optional(),
  /** Self-assessment statuses to keep (`not-started`, …, `none` for unassessed); needs a country. */
  statuses: list.default([]),
  /** The self-assessments as they stood on this date (`YYYY-MM-DD`). */
  asOf: isoDate.optional(),
})

export type BriefSpecInput = z.input<typeof briefSpecSchema>

export interface BriefSpec {
  readonly kind: BriefKind
  readonly title?: string | undefined
  /** Unset: decided by `select` (the country's first language with an edition, else the source's). */
  readonly lang?: Language | undefined
  readonly guidelines: string[]
  readonly audiences: string[]
  readonly themes: string[]
  readonly recs: string[]
  readonly query?: string | undefined
  readonly country?: string | undefined
  /** `lac` or a subregion id: the follow-up of the region's self-assessments. */
  readonly region?: string | undefined
  /** Self-assessment statuses to keep (`none`: not assessed); empty or absent keeps all. */
  readonly statuses?: readonly string[] | undefined
  /** `YYYY-MM-DD`: the country's answers as known on that day (`profileAsOf`); unset: the latest. */
  readonly asOf?: string | undefined
  /** Where each field came from, for messages ("--audience", "brief.yaml:3:5"). */
  readonly origin?: Readonly<Record<string, Place>> | undefined
}

/**
 * Where a value came from: a flag or argument (wrong usage, exit 2), or a place in an input file
 * (`FILE:LINE:COLUMN`: a problem in that file, exit 1).
 */
export interface Place {
  readonly text: string
  readonly inFile: boolean
}

/** Validate a spec and infer its kind when it does not say. */
export function toBriefSpec(input: unknown, where = 'the brief specification', file?: YamlFile, base: readonly PropertyKey[] = []): BriefSpec {
  const result = briefSpecSchema.safeParse(input)
  // A spec file that does not fit is a problem in an input file (exit 1, as for every other YAML file); flags are usage (exit 2).
  if (!result.success) throw (file ? inputError : usageError)(issueMessages(result.error.issues, file ?? where, {ruleId: 'spec', base}).join('\n'))
  const spec = result.data
  if (spec.title !== undefined) checkLimit('title-length', spec.title.length, file ? locate(file, [...base, 'title']) : where === 'the command line' ? '--title' : where)
  const origin: Record<string, Place> = {}
  for (const key of ['guidelines', 'audiences', 'themes', 'recs', 'country', 'region', 'lang', 'kind', 'statuses'] as const) {
    origin[key] = file ? {text: locate(file, [...base, key]), inFile: true} : {text: where, inFile: false}
  }
  return {...spec, kind: spec.kind ?? inferKind(spec), origin}
}

function inferKind(spec: z.output<typeof briefSpecSchema>): BriefKind {
  const others = spec.themes.length + spec.recs.length + (spec.query ? 1 : 0)
  if (spec.country) return 'country'
  if (spec.region) return 'region'
  if (others === 0 && spec.audiences.length === 0 && spec.guidelines.length === 0) return 'full'
  if (others === 0 && spec.audiences.length === 0 && spec.guidelines.length >= 1) return 'guideline'
  if (others === 0 && spec.guidelines.length === 0 && spec.audiences.length === 1) return 'audience'
  return 'custom'
}

/** Read a brief spec from a YAML file. */
export function readBriefSpec(path: string): BriefSpec {
  const file = readYaml(path)
  return toBriefSpec(file.data ?? {}, path, file)
}

/** Expand `1-10,23` into numbers; a malformed part is a usage error naming the flag. */
export function expandNumbers(parts: readonly string[], where: string): number[] {
  const numbers: number[] = []
  for (const part of parts) {
    const match = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(part)
    if (!match) throw usageError(`Unexpected \`${part}\` in ${where}, expected recommendation numbers and ranges such as \`1-10,23\``)
    const from = Number(match[1])
    const to = match[2] ? Number(match[2]) : from
    if (to < from) throw usageError(`Unexpected range \`${part}\` in ${where}: it ends before it starts`)
    for (let n = from; n <= to; n++) numbers.push(n)
  }
  return numbers
}
