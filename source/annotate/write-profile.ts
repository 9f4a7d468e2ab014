import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Document, isMap, isNode, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode, type Pair} from 'yaml'
import {inputError} from '../errors.js'
import {writeFileAtomic} from '../output/write-atomic.js'
import {displayPath} from '../display-path.js'
import {readYaml, validateYaml} from '../yaml-file.js'
import {profileSchema, type Profile, type ReplacedAnswer} from './profiles.js'
import type {AssessmentStatus} from '../model/vocabulary.js'

/** One recommendation's answer as a form or the web editor gives it. */
export interface AssessmentAnswer {
  readonly status: AssessmentStatus
  readonly note?: string | undefined
  readonly evidence?: string | undefined
  /** `YYYY-MM-DD`. */
  readonly assessed?: string | undefined
  /** The form's file name, when the answer comes from an imported form. */
  readonly form?: string | undefined
  /** The import date (`YYYY-MM-DD`), when the answer comes from an imported form. */
  readonly received?: string | undefined
}

/** What to change in a profile; keys left out stay exactly as they are. */
export interface ProfileUpdate {
  /** Per recommendation number: the new answer, or `null` to remove the answer. */
  readonly assessments?: Readonly<Record<number, AssessmentAnswer | null>>
  /**
   * Per recommendation number: the answer the update replaces, appended to that
   * answer's `history` (an import keeps each round's answer; the web editor sends none,
   * and `history` is never touched otherwise).
   */
  readonly replaced?: Readonly<Record<number, ReplacedAnswer>>
  readonly context?: string
  readonly focus?: {readonly guidelines: readonly string[]; readonly audiences: readonly string[]; readonly themes: readonly string[]}
  /** Where the answers came from (the form's file name and the import date), recorded in the profile. */
  readonly imported?: {readonly form: string; readonly date: string}
}

/** The text of a profile that does not exist yet (the shipped profiles have the same shape). */
export function emptyProfileText(code: string): string {
  return `country: ${code}\n\ncontext: ''\n\nfocus:\n  guidelines: []\n  audiences: []\n  themes: []\n\nassessments: {}\n`
}

/**
 * Apply an update to a profile's YAML text and return the new text.
 *
 * Only the top-level entries the update touches are re-rendered (through the
 * `yaml` Document API, so comments inside them, key order and untouched
 * answers survive); every other byte of the file — header comments, the
 * hand-folded context paragraph — is kept as written, so a diff of the file
 * shows just what changed.
 */
export function updateProfileText(text: string, update: ProfileUpdate, where = 'profile'): string {
  const doc = parseDocument(text, {uniqueKeys: true})
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw inputError(`${where}: Cannot update the profile: it is not a YAML mapping`)
  const root = doc.contents
  // Where each top-level entry sits in the text, taken before any node is replaced.
  const spans = new Map<string, {from: number; to: number}>()
  for (const pair of root.items) {
    const key = isNode(pair.key) ? pair.key : null
    const value = isNode(pair.value) ? pair.value : null
    if (!key?.range) continue
    let to = value?.range ? value.range[1] : key.range[1]
    while (to > key.range[1] && /\s/.test(text[to - 1]!)) to--
    spans.set(String(isScalar(key) ? key.value : key), {from: key.range[0], to})
  }
  const changed: string[] = []

  if (update.assessments && Object.keys(update.assessments).length > 0) {
    const map = ensureMap(doc, root, 'assessments')
    for (const [key, answer] of Object.entries(update.assessments).sort(([a], [b]) => Number(a) - Number(b))) {
      setAnswer(doc, map, Number(key), answer, update.replaced?.[Number(key)])
    }
    map.flow = map.items.length === 0
    changed.push('assessments')
  }
  if (update.context !== undefined) {
    const node = doc.createNode(update.context)
    const old = root.get('context', true)
    // A long paragraph reads best as a folded block, as the shipped profiles write it.
    if (update.context.length > 60 && !update.context.includes('\n')) node.type = Scalar.BLOCK_FOLDED
    else if (isScalar(old) && old.type) node.type = old.type === Scalar.PLAIN && update.context.includes('\n') ? Scalar.BLOCK_LITERAL : old.type
    setKeepingComments(root, 'context', node)
    changed.push('context')
  }
  if (update.focus) {
    const focus = ensureMap(doc, root, 'focus')
    focus.flow = false
    for (const kind of ['guidelines', 'audiences', 'themes'] as const) {
      const seq = doc.createNode([...update.focus[kind]])
      seq.flow = true
      setKeepingComments(focus, kind, seq)
    }
    changed.push('focus')
  }
  if (update.imported) {
    const imported = ensureMap(doc, root, 'imported')
    imported.flow = false
    imported.set('form', update.imported.form)
    imported.set('date', update.imported.date)
    changed.push('imported')
  }
  return splice(text, root, changed, spans)
}

/** Read `dir/CODE.yaml` (or start an empty one), apply the update, check the result and write it atomically. */
export function writeProfile(dir: string, code: string, update: ProfileUpdate): {path: string; text: string; profile: Profile} {
  const path = join(dir, `${code}.yaml`)
  const before = existsSync(path) ? readFileSync(path, 'utf8') : emptyProfileText(code)
  const text = updateProfileText(before, update, displayPath(path))
  // Never write a profile that would not load back.
  const profile = validateYaml(readYaml(path, text), profileSchema)
  if (text !== before) writeFileAtomic(path, text)
  return {path, text, profile}
}

function ensureMap(doc: Document, root: YAMLMap, key: string): YAMLMap {
  const existing = root.get(key, true)
  if (isMap(existing)) return existing
  const map = new YAMLMap(doc.schema)
  if (root.has(key)) setKeepingComments(root, key, map)
  else root.add(doc.createPair(key, map))
  return map
}

function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key))
}

/** Replace a pair's value, keeping the comments that sat on the old value. */
function setKeepingComments(map: YAMLMap, key: string, node: YamlNode): void {
  const pair = findPair(map, key)
  if (!pair) {
    map.add({key, value: node})
    return
  }
  const old = isNode(pair.value) ? pair.value : null
  if (old?.commentBefore) node.commentBefore = old.commentBefore
  if (old?.comment) node.comment = old.comment
  pair.value = node
}

/** An answer's fields in the order the file writes them; `history` comes last. */
const answerKeys = ['status', 'note', 'evidence', 'assessed', 'form', 'received'] as const
const entryOrder: readonly string[] = [...answerKeys, 'history']
const replacedKeys = [...answerKeys, 'replaced'] as const

function setAnswer(doc: Document, map: YAMLMap, number: number, answer: AssessmentAnswer | null, replaced: ReplacedAnswer | undefined): void {
  const pair = findPair(map, number)
  if (answer === null) {
    if (pair) map.items.splice(map.items.indexOf(pair), 1)
    return
  }
  if (pair && isMap(pair.value)) {
    // Update field by field so comments on the entry and its fields stay; `history` is only ever appended to.
    const entry = pair.value
    entry.flow = false
    for (const key of answerKeys) {
      const value = answer[key]
      if (value === undefined || value === '') entry.delete(key)
      else setInOrder(doc, entry, key, value)
    }
    if (replaced) appendHistory(doc, entry, replaced)
    return
  }
  const node = doc.createNode(givenFields(answer, answerKeys))
  node.flow = false
  if (replaced) appendHistory(doc, node, replaced)
  if (pair) {
    pair.value = node
    return
  }
  // Keep the answers in recommendation order.
  insertBefore(map, doc.createPair(number, node), (key) => Number(key) > number)
}

/** The fields of `source` among `keys` that hold something (no empty strings written to the YAML). */
function givenFields<K extends string>(source: Readonly<Partial<Record<K, string | undefined>>>, keys: readonly K[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const key of keys) {
    const value = source[key]
    if (value !== undefined && value !== '') fields[key] = value
  }
  return fields
}

/** Put `pair` before the first entry whose key `comesAfter` says follows it, else at the end. */
function insertBefore(map: YAMLMap, pair: Pair, comesAfter: (key: string) => boolean): void {
  const at = map.items.findIndex((p) => comesAfter(String(isScalar(p.key) ? p.key.value : p.key)))
  if (at === -1) map.items.push(pair)
  else map.items.splice(at, 0, pair)
}

/** Set a field, a new one going where `entryOrder` puts it (not after `history`). */
function setInOrder(doc: Document, entry: YAMLMap, key: string, value: string): void {
  const pair = findPair(entry, key)
  if (pair) {
    if (isScalar(pair.value)) pair.value.value = value
    else pair.value = doc.createNode(value)
    return
  }
  const rank = entryOrder.indexOf(key)
  insertBefore(entry, doc.createPair(key, value), (other) => entryOrder.indexOf(other) > rank)
}

/** Add the replaced answer at the end of the entry's `history` list (newest last), as a block mapping. */
function appendHistory(doc: Document, entry: YAMLMap, replaced: ReplacedAnswer): void {
  const item = doc.createNode(givenFields(replaced, replacedKeys))
  item.flow = false
  const existing = entry.get('history', true)
  if (isSeq(existing)) {
    existing.flow = false
    existing.items.push(item)
    return
  }
  const seq = new YAMLSeq(doc.schema)
  seq.items.push(item)
  const pair = findPair(entry, 'history')
  if (pair) pair.value = seq
  else entry.items.push(doc.createPair('history', seq))
}

/**
 * Put the re-rendered text of each changed top-level entry in place of its old
 * text; entries that did not exist are appended at the end of the file.
 */
function splice(text: string, root: YAMLMap, keys: readonly string[], spans: ReadonlyMap<string, {from: number; to: number}>): string {
  const edits: {from: number; to: number; text: string}[] = []
  let appended = ''
  for (const key of keys) {
    const value = findPair(root, key)?.value
    const rendered = renderPair(key, isNode(value) ? value : null)
    const span = spans.get(key)
    if (span) edits.push({...span, text: rendered})
    else appended += `\n${rendered}\n`
  }
  let out = text
  for (const edit of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to)
  if (appended) out = out.replace(/\n*$/, '\n') + appended
  return out
}

/** `key: value` as it would appear at the top level of the file, without the comments above the key. */
function renderPair(key: string, value: YamlNode | null): string {
  const mini = new Document(null)
  const map = new YAMLMap(mini.schema)
  const pair: Pair = mini.createPair(key, null)
  pair.value = value
  map.items.push(pair)
  mini.contents = map
  return mini.toString().replace(/\n+$/, '')
}
