import {parse} from 'yaml'

/** One field that differs between two versions of a profile, by its path in the YAML (`assessments.12.status`). */
export interface FieldChange {
  readonly field: string
  /** The value before, as text; null when the field was not there. */
  readonly before: string | null
  readonly after: string | null
}

/**
 * The fields two profile texts differ in. Lists of plain values (a focus's
 * guidelines) compare as one field; maps and lists of maps (an answer's
 * history) compare field by field.
 */
export function fieldDiff(beforeText: string, afterText: string): FieldChange[] {
  const before = flatten(read(beforeText))
  const after = flatten(read(afterText))
  const fields = [...new Set([...before.keys(), ...after.keys()])].sort(byPath)
  const changes: FieldChange[] = []
  for (const field of fields) {
    const a = before.get(field) ?? null
    const b = after.get(field) ?? null
    if (a !== b) changes.push({field, before: a, after: b})
  }
  return changes
}

function read(text: string): unknown {
  try {
    return parse(text) as unknown
  } catch {
    // A file broken by hand still has a history; its fields are just unknown.
    return {}
  }
}

function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      into.set(prefix, value.map(String).join(', '))
    } else {
      value.forEach((v, i) => flatten(v, `${prefix}.${i}`, into))
    }
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    // An empty map (no answers yet) leaves no field; a filled one is compared by its entries.
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, into)
  } else if (prefix !== '' && value !== undefined && value !== null && value !== '') {
    into.set(prefix, String(value))
  }
  return into
}

/** Paths in reading order: numeric segments as numbers (`assessments.9` before `assessments.10`). */
function byPath(a: string, b: string): number {
  const x = a.split('.')
  const y = b.split('.')
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue
    const [m, n] = [Number(x[i]), Number(y[i])]
    return Number.isInteger(m) && Number.isInteger(n) ? m - n : x[i]! < y[i]! ? -1 : 1
  }
  return x.length - y.length
}
