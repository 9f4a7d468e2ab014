import {usageError} from '../errors.js'
import {toBriefSpec, type BriefSpec, type Place} from './spec.js'
import {readYaml} from '../yaml-file.js'
import {isoDate} from '../annotate/profiles.js'
import {briefKinds, isOneOf, languages} from '../model/vocabulary.js'

/** The filters as the CLI's flags (and the web workspace's query parameters of the same names) give them. */
export interface FilterFlags {
  guideline?: string[]
  audience?: string[]
  theme?: string[]
  rec?: string[]
  query?: string
  country?: string
  region?: string
  lang?: string
  kind?: string
  title?: string
  spec?: string
  source?: string
  status?: string[]
  profiles?: string
  asOf?: string
}

/** A brief spec from `--spec` and the filter flags; flags add to (or replace, for single values) the file's. */
export function specFromFlags(flags: FilterFlags): BriefSpec {
  const file = flags.spec ? readYaml(flags.spec) : null
  const base = file ? toBriefSpec(file.data ?? {}, flags.spec, file) : null
  const data = file?.data
  const explicitKind = typeof data === 'object' && data !== null && 'kind' in data ? data.kind : undefined
  if (flags.lang !== undefined && !isOneOf(languages, flags.lang)) {
    throw usageError(`Unknown language \`${flags.lang}\` in --lang. Valid values: ${languages.join(', ')}`)
  }
  if (flags.kind !== undefined && !isOneOf(briefKinds, flags.kind)) {
    throw usageError(`Unknown brief kind \`${flags.kind}\` in --kind. Valid values: ${briefKinds.join(', ')}`)
  }
  if (flags.asOf !== undefined && !isoDate.safeParse(flags.asOf).success) {
    throw usageError(`Unexpected date \`${flags.asOf}\` in --as-of, expected a date written YYYY-MM-DD`)
  }
  const asOf = flags.asOf ?? base?.asOf
  const kind = flags.kind ?? (typeof explicitKind === 'string' ? explicitKind : undefined)
  const title = flags.title ?? base?.title
  const query = flags.query ?? base?.query
  const country = flags.country ?? base?.country
  const region = flags.region ?? base?.region
  const spec = toBriefSpec(
    {
      ...(kind ? {kind} : {}),
      ...(title ? {title} : {}),
      ...((flags.lang ?? base?.lang) ? {lang: flags.lang ?? base?.lang} : {}),
      guidelines: [...(base?.guidelines ?? []), ...(flags.guideline ?? [])],
      audiences: [...(base?.audiences ?? []), ...(flags.audience ?? [])],
      themes: [...(base?.themes ?? []), ...(flags.theme ?? [])],
      recs: [...(base?.recs ?? []), ...(flags.rec ?? [])],
      ...(query ? {query} : {}),
      ...(country ? {country} : {}),
      ...(region ? {region} : {}),
      statuses: [...(base?.statuses ?? []), ...(flags.status ?? [])],
      ...(asOf ? {asOf} : {}),
    },
    flags.spec ?? 'the command line',
  )
  // Say which flag a value came from, or the spec file's line when it came from there.
  const flagsOf: Record<string, string> = {
    guidelines: '--guideline', audiences: '--audience', themes: '--theme', recs: '--rec', country: '--country', region: '--region', lang: '--lang', kind: '--kind', statuses: '--status',
  }
  const origin: Record<string, Place> = Object.fromEntries(Object.entries(flagsOf).map(([key, flag]) => [key, {text: flag, inFile: false}]))
  if (base?.origin) {
    const fromFlags: Record<string, unknown> = {guidelines: flags.guideline, audiences: flags.audience, themes: flags.theme, recs: flags.rec, country: flags.country, region: flags.region, statuses: flags.status}
    for (const key of Object.keys(fromFlags)) if (fromFlags[key] === undefined && base.origin[key]) origin[key] = base.origin[key]
  }
  return {...spec, origin}
}
