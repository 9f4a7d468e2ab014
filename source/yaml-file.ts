import {readFileSync, statSync} from 'node:fs'
import {isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import type {z} from 'zod'
import {displayPath} from './display-path.js'
import {BriefsError, explainSystemError, inputError} from './errors.js'
import {checkLimit, limit, limitError} from './limits.js'

/** A YAML file read with positions, so that any problem can name its line. */
export interface YamlFile {
  readonly path: string
  readonly document: Document
  readonly lines: LineCounter
  readonly data: unknown
}

export {displayPath} from './display-path.js'

export function readYaml(path: string, text?: string): YamlFile {
  let source: string
  try {
    if (text === undefined) {
      // Refuse an oversized file before reading it into memory.
      const stat = statSync(path)
      if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), {code: 'EISDIR'})
      checkLimit('yaml-size', stat.size, displayPath(path))
    }
    source = text ?? readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof BriefsError) throw error
    throw inputError(`${displayPath(path)}: Cannot read the file: ${explainSystemError(error)}`)
  }
  checkLimit('yaml-size', Buffer.byteLength(source), displayPath(path))
  const lines = new LineCounter()
  const document = parseDocument(source, {lineCounter: lines, uniqueKeys: true, prettyErrors: false})
  const problem = document.errors[0]
  if (problem) {
    const {line, col} = lines.linePos(problem.pos[0])
    throw inputError(`${displayPath(path)}:${line}:${col}: ${problem.message.split('\n')[0]} [yaml]`)
  }
  let data: unknown
  try {
    // Aliases expand on conversion: a "billion laughs" file stops at the limit instead of filling memory.
    data = document.toJS({maxAliasCount: limit('yaml-aliases')})
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw limitError('yaml-aliases', `more than ${limit('yaml-aliases')}`, `${displayPath(path)}:1:1`)
    }
    throw inputError(`${displayPath(path)}:1:1: ${(error as Error).message.split('\n')[0]} [yaml]`)
  }
  return {path, document, lines, data}
}

/** `file:line:column` of the node at a data path (or of its nearest parent). */
export function locate(file: YamlFile, path: readonly PropertyKey[]): string {
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

/** Where a zod issue points: for an unknown key, the key itself (its own line), not the object holding it. */
export function issuePath(issue: {readonly path: readonly PropertyKey[]; readonly code?: string; readonly keys?: readonly string[]}): PropertyKey[] {
  return issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined ? [...issue.path, issue.keys[0]] : [...issue.path]
}

/** Validate a YAML file's data with a zod schema; the first problem names its line. */
export function validateYaml<T>(file: YamlFile, schema: z.ZodType<T>): T {
  const result = schema.safeParse(file.data)
  if (result.success) return result.data
  const messages = result.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? ` (at \`${issue.path.join('.')}\`)` : ''
    return `${locate(file, issuePath(issue))}: ${issue.message}${where} [schema]`
  })
  throw inputError(messages.join('\n'))
}
