/** Languages the project writes documents in: labels, and editions of a document. */
export const languages = ['es', 'en', 'pt'] as const
export type Language = (typeof languages)[number]

/** BCP 47 tags written into documents: Latin American Spanish, English, Brazilian Portuguese. */
export const langTags = {es: 'es-419', en: 'en', pt: 'pt-BR'} as const satisfies Record<Language, string>

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}
