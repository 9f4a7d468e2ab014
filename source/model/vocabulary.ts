/**
 * The project's closed sets of words, below every stage: each stage that
 * names a language, a brief kind, an assessment status or an output format
 * takes it from here, so no lower layer has to import a higher one to learn
 * a word.
 */

/** Languages the project writes documents in: labels, and editions of a document. */
export const languages = ['es', 'en', 'pt'] as const
export type Language = (typeof languages)[number]

/** BCP 47 tags written into documents: Latin American Spanish, English, Brazilian Portuguese. */
export const langTags = {es: 'es-419', en: 'en', pt: 'pt-BR'} as const satisfies Record<Language, string>

/** The kinds of brief. */
export const briefKinds = ['full', 'guideline', 'audience', 'country', 'region', 'custom'] as const
export type BriefKind = (typeof briefKinds)[number]

/** Self-assessment statuses a country profile may give a recommendation. */
export const assessmentStatuses = ['not-started', 'in-progress', 'implemented', 'not-applicable'] as const
export type AssessmentStatus = (typeof assessmentStatuses)[number]

/** Every output format; `render/formats.ts` gives each its extension and `render/index.ts` its renderer. */
export const formats = ['html', 'pdf', 'docx', 'slides', 'handout', 'pptx', 'md', 'json'] as const
export type Format = (typeof formats)[number]

/** Paper sizes for printed briefs. */
export const papers = ['a4', 'letter'] as const
export type Paper = (typeof papers)[number]

/** Slides per handout page: 2, each with ruled lines for notes below, or 6 as an overview. */
export const handoutLayouts = [2, 6] as const
export type HandoutLayout = (typeof handoutLayouts)[number]

/** Whether `value` is one of `words` (a closed set above), narrowing it to that set's type. */
export function isOneOf<const T extends string>(words: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (words as readonly string[]).includes(value)
}

export function isLanguage(value: unknown): value is Language {
  return isOneOf(languages, value)
}

/** An edition's language, from its text's metadata; Spanish (the original's) when it names none we know. */
export function editionLanguage(meta: {readonly language: string}): Language {
  return isLanguage(meta.language) ? meta.language : 'es'
}
