import {BriefsError, exitCodes, usageError} from './errors.js'

/**
 * Every limit that bounds the work one input can cause, in one place. Each
 * is documented in the README, raised with `--limit NAME=VALUE` (any command)
 * or `BRIEFS_LIMITS="NAME=VALUE,…"` (also seen by worker threads), and
 * reported by name when exceeded.
 */
export const limitDefinitions = {
  'source-size': {default: 2_000_000, unit: 'bytes', what: 'size of a source text'},
  'line-length': {default: 20_000, unit: 'characters', what: 'length of one line of a source text'},
  'nesting-depth': {default: 12, unit: 'levels', what: 'nesting of lists and quotes in a source text'},
  'paragraph-lines': {default: 1000, unit: 'lines', what: 'length of one paragraph inside a quote or list item'},
  'yaml-size': {default: 1_000_000, unit: 'bytes', what: 'size of a profile, spec, batch config, annotations or taxonomy file'},
  'yaml-aliases': {default: 100, unit: 'aliases', what: 'number of YAML aliases (*name) expanded in one file'},
  'title-length': {default: 300, unit: 'characters', what: 'length of a brief title'},
  'render-time': {default: 120, unit: 'seconds', what: 'time to render one document in the browser'},
  'worker-memory': {default: 1024, unit: 'MB', what: 'heap of a worker thread rendering one DOCX or PPTX'},
} as const

export type LimitName = keyof typeof limitDefinitions

const values = new Map<LimitName, number>()

/** Current value of a limit. */
export function limit(name: LimitName): number {
  return values.get(name) ?? limitDefinitions[name].default
}

/** Shorthands for the limits read in hot paths. */
export const limits = {
  get workerMemoryMb(): number {
    return limit('worker-memory')
  },
  get renderMs(): number {
    return Math.max(1, Math.round(limit('render-time') * 1000))
  },
}

const multipliers: Record<string, number> = {'': 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9}

/** Apply `NAME=VALUE[,NAME=VALUE…]` (values may end in k/M/G). `origin` names the flag or variable in errors. */
export function setLimits(text: string, origin: string): void {
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([a-z-]+)=(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(part)
    const name = match?.[1] as LimitName | undefined
    if (!match || !name || !(name in limitDefinitions)) {
      throw usageError(`Unexpected \`${part}\` in ${origin}: expected NAME=VALUE with NAME one of ${Object.keys(limitDefinitions).join(', ')}`)
    }
    const factor = multipliers[match[3]!.toLowerCase()]
    const value = Number(match[2]) * (factor ?? NaN)
    if (!Number.isFinite(value) || value <= 0) throw usageError(`Unexpected \`${part}\` in ${origin}: the value must be a positive number`)
    values.set(name, value)
  }
}

/** Limits from the environment, read once when this module loads (worker threads see them too). */
if (process.env['BRIEFS_LIMITS']) setLimits(process.env['BRIEFS_LIMITS'], 'BRIEFS_LIMITS')

/** `where: the <what> is <actual> <unit>, above the limit NAME (N); raise it with --limit NAME=…`. */
export function limitError(name: LimitName, actual: number | string, where: string, exitCode: number = exitCodes.input): BriefsError {
  const {what, unit} = limitDefinitions[name]
  const code = exitCode as (typeof exitCodes)[keyof typeof exitCodes]
  return new BriefsError(
    `${where}: the ${what} is ${typeof actual === 'number' ? actual.toLocaleString('en') : actual} ${unit}, above the limit ${name} (${limit(name).toLocaleString('en')} ${unit}); ` +
      `raise it with --limit ${name}=N or BRIEFS_LIMITS=${name}=N [limit]`,
    code,
  )
}

/** Throw `limitError` when `actual` exceeds the limit. */
export function checkLimit(name: LimitName, actual: number, where: string): void {
  if (actual > limit(name)) throw limitError(name, actual, where)
}
