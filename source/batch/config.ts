import {z} from 'zod'
import type {Project} from '../annotate/load-project.js'
import {inputError} from '../errors.js'
import {briefSpecSchema, toBriefSpec, type BriefSpec} from '../select/spec.js'
import {issueMessages, locate, readYaml, type YamlFile} from '../yaml-file.js'
import {regionsWithAnswers} from '../select/region.js'
import {paperFormats} from '../render/formats.js'
import {formats, handoutLayouts, papers, type Format, type HandoutLayout, type Paper, languages, type Language} from '../model/vocabulary.js'

const generators = ['guideline', 'audience', 'theme', 'country', 'region'] as const

/**
 * One paper or several: each paper-dependent document (`paperFormats`) is made
 * once per paper; the first paper's files keep the plain names, the others'
 * carry the paper (`country-jm-en.letter.pdf`, document-name.ts).
 */
const paperList = z.union([
  z.enum(papers),
  z.array(z.enum(papers)).min(1).refine((list) => new Set(list).size === list.length, {message: 'Each paper may be listed once'}),
], {error: (issue) => (issue.code === 'invalid_union' ? `Invalid paper: expected ${papers.map((p) => `"${p}"`).join(' or ')}, or a list of them such as [a4, letter]` : undefined)})

const common = {
  formats: z.array(z.enum(formats)).min(1).optional(),
  paper: paperList.optional(),
}

/** One language or several (one brief per language); unset: each brief's own default. */
const langs = z.union([z.enum(languages), z.array(z.enum(languages)).min(1)]).optional()

const entrySchema = z.union([
  z.strictObject({each: z.enum(generators), lang: langs, statuses: briefSpecSchema.shape.statuses, ...common}),
  briefSpecSchema.extend({...common, lang: langs}),
])

export const batchConfigSchema = z.strictObject({
  formats: z.array(z.enum(formats)).min(1).default(['pdf', 'docx', 'slides', 'handout', 'pptx']),
  lang: langs,
  paper: paperList.default('a4'),
  handoutLayout: z.literal(handoutLayouts).default(2),
  templates: z.string().optional(),
  briefs: z.array(entrySchema).min(1),
})

/** One brief of a batch with the formats to make it in, paper by paper. */
export interface BatchBrief {
  readonly spec: BriefSpec
  /**
   * The papers it is made on, each with its formats. The first paper's files
   * have the plain names (`country-jm-en.pdf`); every other paper has only the
   * paper-dependent formats, and its files carry the paper (`country-jm-en.letter.pdf`).
   */
  readonly papers: readonly [BriefPaper, ...BriefPaper[]]
}

/** A paper of a brief and the formats made on it. */
export interface BriefPaper {
  readonly paper: Paper
  readonly formats: readonly Format[]
}

export interface BatchPlan {
  readonly briefs: BatchBrief[]
  readonly handoutLayout: HandoutLayout
  readonly templates?: string | undefined
}

/** Read a batch config and expand its generators into brief specs. Problems name file and line. */
export function readBatchConfig(path: string, project: Project): BatchPlan {
  const file = readYaml(path)
  const result = batchConfigSchema.safeParse(file.data ?? {})
  if (!result.success) throw inputError(issueMessages(result.error.issues, file, {ruleId: 'batch'}).join('\n'))
  return expandConfig(result.data, project, file)
}

export function expandConfig(config: z.output<typeof batchConfigSchema>, project: Project, file?: YamlFile): BatchPlan {
  const briefs: BatchBrief[] = []
  config.briefs.forEach((entry, index) => {
    const formatsOf = entry.formats ?? config.formats
    const [paper, ...others] = [entry.paper ?? config.paper].flat() as [Paper, ...Paper[]]
    const papersOf: BatchBrief['papers'] = [
      {paper, formats: formatsOf},
      ...others.map((p) => ({paper: p, formats: formatsOf.filter((f) => paperFormats.has(f))})).filter((p) => p.formats.length > 0),
    ]
    const where = file ? locate(file, ['briefs', index]) : `briefs[${index}]`
    // A country brief without a language takes its country's; so does any brief without one.
    const wanted: (Language | undefined)[] = [entry.lang ?? config.lang].flat()
    const add = (input: Record<string, unknown>) => {
      for (const lang of wanted) {
        const spec = toBriefSpec({...input, ...(lang ? {lang} : {})}, where, file, ['briefs', index])
        briefs.push({spec, papers: papersOf})
      }
    }
    if ('each' in entry) {
      // Callers that build a config in code (not through the schema) may leave `statuses` out.
      if (entry.each !== 'country' && entry.each !== 'region' && (entry.statuses?.length ?? 0) > 0) {
        throw inputError(`${file ? locate(file, ['briefs', index, 'statuses']) : where}: \`statuses\` needs a country or a region (\`each: country\`, \`each: region\`): statuses come from the self-assessments [batch]`)
      }
      switch (entry.each) {
        case 'guideline':
          for (const g of project.model.guidelines) add({kind: 'guideline', guidelines: [g.id]})
          break
        case 'audience':
          for (const a of project.audiences) add({kind: 'audience', audiences: [a.id]})
          break
        case 'theme':
          for (const t of project.themes) add({kind: 'custom', themes: [t.id]})
          break
        case 'country':
          for (const c of project.countries) add({kind: 'country', country: c.code, statuses: entry.statuses})
          break
        case 'region':
          // Only regions where some country has answered: a region brief of nobody's answers says nothing
          // a list of countries would not (the default batch keeps its size while the profiles are empty).
          for (const region of regionsWithAnswers(project)) add({kind: 'region', region, statuses: entry.statuses})
          break
      }
    } else {
      const {formats: _f, paper: _p, lang: _l, ...spec} = entry
      add(spec)
    }
  })
  return {briefs, handoutLayout: config.handoutLayout, templates: config.templates}
}
