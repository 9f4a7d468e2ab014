import type {LabelKey, Labels} from './label-schema.js'

/** Fill `{name}` slots in a label; a slot without a value is a programmer error. */
export function format(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    if (!(name in values)) throw new Error(`Cannot fill \`{${name}}\` in the label \`${template}\``)
    return String(values[name])
  })
}

/** Keys that come in a singular form `<key>One` beside the plural `<key>` (with a `{count}` slot). */
type CountKey = {[K in LabelKey]: `${K}One` extends LabelKey ? K : never}[LabelKey]

/** "1 recommendation" / "12 recommendations". */
export function countLabel(labels: Labels, key: CountKey, count: number): string {
  return count === 1 ? labels[`${key}One`] : format(labels[key], {count})
}

/** Singular and plural nouns that head a list of values. */
const listNouns = {
  guideline: ['guideline', 'guidelines'],
  audience: ['audience', 'audiences'],
  theme: ['theme', 'themes'],
  recommendation: ['recommendation', 'recommendations'],
  country: ['country', 'countries'],
} as const satisfies Record<string, readonly [LabelKey, LabelKey]>

/** "Guideline: I", "Guidelines: I, VII" — the noun agrees with the number of values. */
export function listLabel(labels: Labels, noun: keyof typeof listNouns, values: readonly string[]): string {
  const [one, many] = listNouns[noun]
  return `${labels[values.length === 1 ? one : many]}: ${values.join(', ')}`
}

/** "pág. 94", "págs. 86 y 87", "págs. 12, 14 y 15"; "p. 94", "pp. 86 and 87"; "p. 94", "pp. 86 e 87". */
export function pageLabel(pages: readonly number[], labels: Labels): string {
  if (pages.length === 0) return ''
  if (pages.length === 1) return `${labels['page.one']} ${pages[0]}`
  return `${labels['page.many']} ${pages.slice(0, -1).join(', ')} ${labels['page.and']} ${pages.at(-1)}`
}

/** How each language writes a date in running text (UN style in English: "19 August 2026"). */
const dateLocales = {es: 'es-419', en: 'en-GB', pt: 'pt-BR'} as const

/** `2026-08-19` → "19 de agosto de 2026", "19 August 2026", "19 de agosto de 2026". */
export function dateLabel(iso: string, lang: keyof typeof dateLocales): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(dateLocales[lang], {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'}).format(date)
}
