import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {Document, LineCounter, Node as YamlNode} from 'yaml'
import type {z} from 'zod'
import {displayPath} from './display-path.js'
import {inputError} from './errors.js'

/** A YAML file read with positions, so that any problem can name its line. */
export interface YamlFile {
  readonly path: string
  readonly document: Document
  readonly lines: LineCounter
  readonly data: unknown
}

export {displayPath} from './display-path.js'

let library: typeof import('yaml') | undefined
/**
 * The YAML library, loaded on first use: most runs read compiled content from
 * the cache and never parse YAML. (Node loads the same CommonJS build for an
 * import, so this is the one copy.)
 */
function yaml(): typeof import('yaml') {
  library ??= createRequire(import.meta.url)('yaml') as typeof import('yaml')
  return library
}

export function readYaml(path: string, text?: string): YamlFile {
  let source: string
  try {
    source = text ?? readFileSync(path, 'utf8')
  } catch (error) {
    throw inputError(`${displayPath(path)}: Cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  const {LineCounter, parseDocument} = yaml()
  const lines = new LineCounter()
  const document = parseDocument(source, {lineCounter: lines, uniqueKeys: true, prettyErrors: false})
  const problem = document.errors[0]
  if (problem) {
    const {line, col} = lines.linePos(problem.pos[0])
    throw inputError(`${displayPath(path)}:${line}:${col}: ${problem.message.split('\n')[0]} [yaml]`)
  }
  return {path, document, lines, data: document.toJS()}
}

/** `file:line:column` of the node at a data path (or of its nearest parent). */
export function locate(file: YamlFile, path: readonly PropertyKey[]): string {
  const {isMap, isSeq} = yaml()
  let node: unknown = file.document.contents
  let found = node as YamlNode | null
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = (p.key as {value?: unknown} | null)?.value ?? p.key
        return String(k) === String(key)
      })
      if (!pair) break
      node = pair.value ?? pair.key
      found = (pair.value as YamlNode | null) ?? (pair.key as YamlNode)
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key]
      if (!node) break
      found = node as YamlNode
    } else break
  }
  const offset = found?.range?.[0] ?? 0
  const {line, col} = file.lines.linePos(offset)
  return `${displayPath(file.path)}:${line}:${col}`
}

/** Validate a YAML file's data with a zod schema; the first problem names its line. */
export function validateYaml<T>(file: YamlFile, schema: z.ZodType<T>): T {
  const result = schema.safeParse(file.data)
  if (result.success) return result.data
  const messages = result.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? ` (at \`${issue.path.join('.')}\`)` : ''
    return `${locate(file, issue.path)}: ${issue.message}${where} [schema]`
  })
  throw inputError(messages.join('\n'))
}
