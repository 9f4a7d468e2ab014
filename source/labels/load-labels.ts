import {join} from 'node:path'
import {cached} from '../content-cache.js'
import {contentPaths} from '../content-paths.js'
import {readYaml, validateYaml} from '../yaml-file.js'
import {labelSchema, type Labels} from './label-schema.js'
import type {Language} from '../model/vocabulary.js'

const cache = new Map<string, Labels>()

/** The labels of a language from `<dir>/<lang>.yaml`, checked against the schema (every key, no other). */
export function loadLabels(lang: Language, dir: string = contentPaths.locales): Labels {
  const path = join(dir, `${lang}.yaml`)
  let labels = cache.get(path)
  if (!labels) {
    // Compiled once into the content cache: a later run reads it without YAML or the schema.
    labels = cached(`labels-${lang}`, {files: [path]}, () => validateYaml(readYaml(path), labelSchema))
    cache.set(path, labels)
  }
  return labels
}
