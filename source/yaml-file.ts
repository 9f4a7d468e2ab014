import {readFileSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {VFileMessage} from 'vfile-message'
import type {Document, LineCounter, Node as YamlNode} from 'yaml'
import type {z} from 'zod'
import {displayPath} from './display-path.js'
import {formatMessage, placedMessage, type RuleId} from './diagnostics.js'
import {BriefsError, explainSystemError, firstLine, inputError} from './errors.js'
import {checkLimit, limit, limitError} from './limits.js'

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
  const {LineCounter, parseDocument} = yaml()
  const lines = new LineCounter()
  const document = parseDocument(source, {lineCounter: lines, uniqueKeys: true, prettyErrors: false})
  const problem = document.errors[0]
  if (problem) {
    const {line, col} = lines.linePos(problem.pos[0])
    throw inputError(formatMessage(placedMessage(path, {line, column: col}, problem.message.split('\n')[0]!, 'yaml')))
  }
  let data: unknown
  try {
    // Aliases expand on conversion: a "billion laughs" file stops at the limit instead of filling memory.
    data = document.toJS({maxAliasCount: limit('yaml-aliases')})
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw limitError('yaml-aliases', `more than ${limit('yaml-aliases')}`, `${displayPath(path)}:1:1`)
    }
    throw inputError(`${displayPath(path)}:1:1: ${firstLine(error)} [yaml]`)
  }
  return {path, document, lines, data}
}

/** `file:line:column` of the node at a data path (or of its nearest parent). */
export function locate(file: YamlFile, path: readonly PropertyKey[]): string {
  const {line, column} = locatePoint(file, path)
  return `${displayPath(file.path)}:${line}:${column}`
}

/** Validate a YAML file's data with a zod schema; up to five problems, each naming its line. */
export function validateYaml<T>(file: YamlFile, schema: z.ZodType<T>): T {
  const result = schema.safeParse(file.data)
  if (result.success) return result.data
  throw inputError(issueMessages(result.error.issues, file, {ruleId: 'schema', limit: 5}).join('\n'))
}

/** A problem at a data path of a YAML file, as a message placed on its line and column. */
export function yamlMessage(file: YamlFile, path: readonly PropertyKey[], reason: string, ruleId: RuleId): VFileMessage {
  return placedMessage(file.path, locatePoint(file, path), reason, ruleId)
}

/** `FILE:LINE:COLUMN: reason [rule-id]` for a problem at a data path of a YAML file. */
export function problemAt(file: YamlFile, path: readonly PropertyKey[], reason: string, ruleId: RuleId): string {
  return formatMessage(yamlMessage(file, path, reason, ruleId))
}

export interface IssueOptions {
  readonly ruleId: RuleId
  /** Data path of the validated value inside the file (a batch entry's `['briefs', 3]`). */
  readonly base?: readonly PropertyKey[]
  /** Said after the reason instead of the issue's data path (`recommendation 12`). */
  readonly context?: string
  /** At most this many issues (the first is what a user fixes first). */
  readonly limit?: number
}

/**
 * zod issues as printed messages: the one place a schema problem becomes
 * `FILE:LINE:COLUMN: reason (at \`path\`) [rule-id]`. Without a file (flags),
 * `where` names the place instead.
 */
export function issueMessages(issues: readonly z.core.$ZodIssue[], source: YamlFile | string, options: IssueOptions): string[] {
  return issues.slice(0, options.limit ?? 1).map((issue) => {
    const at = options.context ? ` (${options.context})` : issue.path.length > 0 ? ` (at \`${issue.path.join('.')}\`)` : ''
    const reason = `${issue.message}${at}`
    if (typeof source === 'string') return `${source}: ${reason} [${options.ruleId}]`
    return formatMessage(yamlMessage(source, [...(options.base ?? []), ...issuePath(issue)], reason, options.ruleId))
  })
}

/** Line and column of the node at a data path of a YAML file (or of its nearest parent). */
export function locatePoint(file: YamlFile, path: readonly PropertyKey[]): {line: number; column: number} {
  const {isMap, isNode, isScalar, isSeq} = yaml()
  let node: unknown = file.document.contents
  let found: YamlNode | null = isNode(node) ? node : null
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key))
      if (!pair) break
      node = pair.value ?? pair.key
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key]
      if (!node) break
    } else break
    if (isNode(node)) found = node
  }
  const {line, col} = file.lines.linePos(found?.range?.[0] ?? 0)
  return {line, column: col}
}

/** Where a zod issue points: for an unknown key, the key itself (its own line), not the object holding it. */
export function issuePath(issue: {readonly path: readonly PropertyKey[]; readonly code?: string; readonly keys?: readonly string[]}): PropertyKey[] {
  return issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined ? [...issue.path, issue.keys[0]] : [...issue.path]
}

/** One problem of a YAML file: the data path it is at (what a form shows it beside), and its printed message. */
export interface YamlProblem {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/** Check a YAML file's data with a zod schema: the data, or every problem with its place (messages from `issueMessages`). */
export function checkYaml<T>(file: YamlFile, schema: z.ZodType<T>): {data: T; problems: []} | {data: null; problems: YamlProblem[]} {
  const result = schema.safeParse(file.data)
  if (result.success) return {data: result.data, problems: []}
  return {
    data: null,
    problems: result.error.issues.map((issue) => ({path: issuePath(issue), message: issueMessages([issue], file, {ruleId: 'schema'})[0]!})),
  }
}
