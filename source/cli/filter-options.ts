import type {Command} from 'commander'
import {resolve} from 'node:path'
import type {LoadOptions} from '../annotate/load-project.js'
import {assessmentStatuses, briefKinds, languages} from '../model/vocabulary.js'
import {regions} from '../annotate/country-groups.js'

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)]

/** The filter flags `briefs select` and `briefs build` share; `FilterFlags` (select/spec-from-flags.ts) is what they give. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('-g, --guideline <ids>', 'guideline numerals or numbers (VII, 7); comma-separated or repeated', collect)
    .option('-a, --audience <ids>', 'audience ids (see `briefs list audiences`)', collect)
    .option('-t, --theme <ids>', 'theme ids (see `briefs list themes`)', collect)
    .option('-r, --rec <ranges>', 'recommendation numbers and ranges, e.g. 1-10,23', collect)
    .option('-q, --query <words>', 'only recommendations whose text holds all these words')
    .option('-c, --country <code>', 'ISO code or name of a country (see `briefs list countries`)')
    .option('--region <id>', `a region brief, the follow-up of its countries' self-assessments: ${Object.keys(regions).join(', ')} (lac: all 33 member States)`)
    .option('-l, --lang <lang>', `language of the brief, its labels and text: ${languages.join(', ')} (default: a country's own language, else the source's)`)
    .option('-k, --kind <kind>', `brief kind: ${briefKinds.join(', ')} (inferred from the filters when omitted)`)
    .option('--title <title>', 'a title of your own for the brief')
    .option('--spec <file>', 'a brief specification in YAML (flags add to it)')
    .option('--source <file>', 'the source text (default: the bundled document)')
    .option('--status <statuses>', `only recommendations whose self-assessment status is one of these (country and region briefs): ${[...assessmentStatuses, 'none'].join(', ')}`, collect)
    .option('--profiles <dir>', 'folder of country profiles (default: content/countries)')
    .option('--as-of <date>', 'the self-assessments as they stood on this date, YYYY-MM-DD (earlier rounds from the profiles\' history)')
}

/** The project a command's flags point at: the source text and, if given, another folder of country profiles. */
export function projectOptions(flags: {source?: string | undefined; profiles?: string | undefined}): LoadOptions {
  return {source: flags.source, ...(flags.profiles ? {paths: {profiles: resolve(flags.profiles)}} : {})}
}
