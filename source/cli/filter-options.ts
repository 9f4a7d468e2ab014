import type {Command} from 'commander'
import {languages} from '../select/view.js'
import {toBriefSpec, type BriefSpec} from '../select/spec.js'
import {readYaml} from '../yaml-file.js'
import {briefKinds} from '../select/view.js'
import {usageError} from '../errors.js'

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)]

/** The filter flags `briefs select` and `briefs build` share. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('-g, --guideline <ids>', 'guideline numerals or numbers (VII, 7); comma-separated or repeated', collect)
    .option('-a, --audience <ids>', 'audience ids (see `briefs list audiences`)', collect)
    .option('-t, --theme <ids>', 'theme ids (see `briefs list themes`)', collect)
    .option('-r, --rec <ranges>', 'recommendation numbers and ranges, e.g. 1-10,23', collect)
    .option('-q, --query <words>', 'only recommendations whose text holds all these words')
    .option('-c, --country <code>', 'ISO code or name of a country (see `briefs list countries`)')
    .option('-l, --lang <lang>', `language of the labels: ${languages.join(', ')}`)
    .option('-k, --kind <kind>', `brief kind: ${briefKinds.join(', ')} (inferred from the filters when omitted)`)
    .option('--title <title>', 'a title of your own for the brief')
    .option('--spec <file>', 'a brief specification in YAML (flags add to it)')
    .option('--source <file>', 'the source text (default: the bundled document)')
}

export interface FilterFlags {
  guideline?: string[]
  audience?: string[]
  theme?: string[]
  rec?: string[]
  query?: string
  country?: string
  lang?: string
  kind?: string
  title?: string
  spec?: string
  source?: string
}

/** A brief spec from `--spec` and the filter flags; flags add to (or replace, for single values) the file's. */
export function specFromFlags(flags: FilterFlags): BriefSpec {
  const file = flags.spec ? readYaml(flags.spec) : null
  const base = file ? toBriefSpec(file.data ?? {}, flags.spec, file) : null
  const explicitKind = (file?.data as {kind?: unknown} | null)?.kind
  if (flags.lang !== undefined && !(languages as readonly string[]).includes(flags.lang)) {
    throw usageError(`Unknown language \`${flags.lang}\` in --lang. Valid values: ${languages.join(', ')}`)
  }
  if (flags.kind !== undefined && !(briefKinds as readonly string[]).includes(flags.kind)) {
    throw usageError(`Unknown brief kind \`${flags.kind}\` in --kind. Valid values: ${briefKinds.join(', ')}`)
  }
  const kind = flags.kind ?? (typeof explicitKind === 'string' ? explicitKind : undefined)
  const title = flags.title ?? base?.title
  const query = flags.query ?? base?.query
  const country = flags.country ?? base?.country
  const spec = toBriefSpec(
    {
      ...(kind ? {kind} : {}),
      ...(title ? {title} : {}),
      lang: flags.lang ?? base?.lang ?? 'es',
      guidelines: [...(base?.guidelines ?? []), ...(flags.guideline ?? [])],
      audiences: [...(base?.audiences ?? []), ...(flags.audience ?? [])],
      themes: [...(base?.themes ?? []), ...(flags.theme ?? [])],
      recs: [...(base?.recs ?? []), ...(flags.rec ?? [])],
      ...(query ? {query} : {}),
      ...(country ? {country} : {}),
    },
    flags.spec ?? 'the command line',
  )
  // Say which flag a value came from, or the spec file's line when it came from there.
  const origin: Record<string, string> = {
    guidelines: '--guideline', audiences: '--audience', themes: '--theme', recs: '--rec', country: '--country', lang: '--lang', kind: '--kind',
  }
  if (base?.origin) {
    const fromFlags: Record<string, unknown> = {guidelines: flags.guideline, audiences: flags.audience, themes: flags.theme, recs: flags.rec, country: flags.country}
    for (const key of Object.keys(fromFlags)) if (fromFlags[key] === undefined && base.origin[key]) origin[key] = base.origin[key]
  }
  return {...spec, origin}
}
