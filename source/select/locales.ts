import {join} from 'node:path'
import {z} from 'zod'
import {cached} from '../content-cache.js'
import {contentPaths} from '../content-paths.js'
import {readYaml, validateYaml} from '../yaml-file.js'
import type {Language} from './view.js'

export type Labels = Readonly<Record<string, string>>

const cache = new Map<string, Labels>()

/** Localised UI strings for a language, from `templates/locales/<lang>.yaml`. */
export function loadLabels(lang: Language, dir: string = contentPaths.locales): Labels {
  const path = join(dir, `${lang}.yaml`)
  let labels = cache.get(path)
  if (!labels) {
    labels = cached(`labels-${lang}`, {files: [path]}, () => validateYaml(readYaml(path), z.record(z.string(), z.string())))
    cache.set(path, labels)
  }
  return labels
}

/** Fill `{name}` slots in a label. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}
