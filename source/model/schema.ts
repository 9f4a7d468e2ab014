import type {PhrasingContent} from 'mdast'
import {z} from 'zod'
import type {Model} from './types.js'

const point = z.strictObject({line: z.int().min(1), column: z.int().min(1), offset: z.int().min(0).optional()})
const position = z.strictObject({start: point, end: point}).describe('Where the item stands in the source text')

/** mdast phrasing content (text, emphasis, strong, link, footnoteReference, …). */
// Checked loosely (a `type` on each node); typed as mdast so the schema and the model types match.
// The double cast is zod's: a loose object's output type is no mdast node, and z.custom would drop the JSON Schema.
const phrasing = z
  .array(z.looseObject({type: z.string()}))
  .describe('Inline formatting as mdast phrasing content; footnote markers are `footnoteReference` nodes') as unknown as z.ZodType<PhrasingContent[]>

const block = z.strictObject({text: z.string(), children: phrasing, position})

export const guidelineSchema = z.strictObject({
  id: z.string().regex(/^[IVXLCDM]+$/).describe('Roman numeral, e.g. "VII"'),
  number: z.int().min(1),
  title: z.string().min(1),
  children: phrasing,
  groups: z.array(
    z.strictObject({
      id: z.string(),
      guideline: z.string(),
      title: z.string(),
      recommendations: z.array(z.int()),
      position,
    }),
  ),
  recommendations: z.array(z.int()).describe('Numbers of the recommendations under this guideline'),
  position,
})

export const recommendationSchema = z.strictObject({
  number: z.int().min(1).describe('The number the source gives it'),
  guideline: z.string().describe('Guideline id (Roman numeral)'),
  group: z.string().nullable(),
  pages: z.array(z.int().min(1)).describe('Page references into the Panorama 2024'),
  footnotes: z.array(z.string()).describe('Footnote ids referenced, e.g. ["2"]'),
  text: z.string().describe('Plain text without page reference, footnote markers or trailing period'),
  children: phrasing,
  audiences: z.array(z.string()),
  themes: z.array(z.string()),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)),
  position,
})

export const footnoteSchema = z.strictObject({id: z.string(), text: z.string(), children: phrasing, position})

/** The recommendation model, as `briefs model` prints it. */
export const modelSchema = z
  .strictObject({
    meta: z.strictObject({
      title: z.string(),
      publisher: z.string(),
      year: z.int().nullable(),
      language: z.string(),
      announced: z.strictObject({recommendations: z.int().nullable(), guidelines: z.int().nullable()}),
      counts: z.strictObject({recommendations: z.int(), guidelines: z.int(), footnotes: z.int()}),
    }),
    preamble: z.array(block),
    guidelines: z.array(guidelineSchema),
    recommendations: z.array(recommendationSchema),
    footnotes: z.array(footnoteSchema),
    colophon: z.strictObject({
      blocks: z.array(block),
      authors: z.string().nullable(),
      citation: z.string().nullable(),
      copyright: z.string().nullable(),
      symbol: z.string().nullable(),
    }),
  })
  .meta({title: 'policy-briefs recommendation model', description: 'What `briefs model` prints'})

/** The JSON Schema published by `briefs schema`, generated from the schema the code validates with. */
export function modelJsonSchema(): unknown {
  return z.toJSONSchema(modelSchema, {target: 'draft-2020-12'})
}

// The schema and the TypeScript types must describe the same thing.
type Parsed = z.infer<typeof modelSchema>
export type SchemaMatchesModel = Model extends Parsed ? true : never
const _check: SchemaMatchesModel = true
void _check
