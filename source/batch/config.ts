import {z} from 'zod'
import type {Project} from '../annotate/load-project.js'
import {usageError} from '../errors.js'
import {formats, papers, type Format, type Paper} from '../render/formats.js'
import {briefSpecSchema, toBriefSpec, type BriefSpec} from '../select/spec.js'
import {languages} from '../select/view.js'
import {locate, readYaml, type YamlFile} from '../yaml-file.js'

const generators = ['guideline', 'audience', 'theme', 'country'] as const

const common = {
  formats: z.array(z.enum(formats)).min(1).optional(),
  paper: z.enum(papers).optional(),
}

const entrySchema = z.union([
  z.strictObject({each: z.enum(generators), lang: z.enum(languages).optional(), statuses: briefSpecSchema.shape.statuses, ...common}),
  briefSpecSchema.extend(common),
])

export const batchConfigSchema = z.strictObject({
  formats: z.array(z.enum(formats)).min(1).default(['pdf', 'docx', 'slides', 'handout', 'pptx']),
  lang: z.enum(languages).default('es'),
  paper: z.enum(papers).default('a4'),
  handoutLayout: z.union([z.literal(3), z.literal(6)]).default(3),
  templates: z.string().optional(),
  briefs: z.array(entrySchema).min(1),
})

/** One brief of a batch with the formats to make it in. */
export interface BatchBrief {
  readonly spec: BriefSpec
  readonly formats: Format[]
  readonly paper: Paper
}

export interface BatchPlan {
  readonly briefs: BatchBrief[]
  readonly handoutLayout: 3 | 6
  readonly templates?: string | undefined
}

/** Read a batch config and expand its generators into brief specs. Problems name file and line. */
export function readBatchConfig(path: string, project: Project): BatchPlan {
  const file = readYaml(path)
  const result = batchConfigSchema.safeParse(file.data ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw usageError(`${locate(file, issue.path)}: ${issue.message}${issue.path.length ? ` (at \`${issue.path.join('.')}\`)` : ''} [batch]`)
  }
  return expandConfig(result.data, project, file)
}

export function expandConfig(config: z.output<typeof batchConfigSchema>, project: Project, file?: YamlFile): BatchPlan {
  const briefs: BatchBrief[] = []
  config.briefs.forEach((entry, index) => {
    const formatsOf = entry.formats ?? config.formats
    const paper = entry.paper ?? config.paper
    const where = file ? locate(file, ['briefs', index]) : `briefs[${index}]`
    const add = (input: Record<string, unknown>) =>
      briefs.push({spec: toBriefSpec({lang: config.lang, ...input}, where, file, ['briefs', index]), formats: formatsOf, paper})
    if ('each' in entry) {
      const lang = entry.lang ?? config.lang
      switch (entry.each) {
        case 'guideline':
          for (const g of project.model.guidelines) add({kind: 'guideline', guidelines: [g.id], lang})
          break
        case 'audience':
          for (const a of project.audiences) add({kind: 'audience', audiences: [a.id], lang})
          break
        case 'theme':
          for (const t of project.themes) add({kind: 'custom', themes: [t.id], lang})
          break
        case 'country':
          for (const c of project.countries) add({kind: 'country', country: c.code, lang, statuses: entry.statuses})
          break
      }
    } else {
      const {formats: _f, paper: _p, ...spec} = entry
      add(spec)
    }
  })
  return {briefs, handoutLayout: config.handoutLayout, templates: config.templates}
}
