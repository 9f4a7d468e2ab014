import type {PhrasingContent} from 'mdast'

/**
 * Inline text as every format draws it: a flat list of runs, each text with
 * its formatting, or a footnote reference. HTML, the slide plan (PDF deck,
 * handout, PowerPoint) and Word all start from these runs, so the rule for
 * what inline markdown becomes is written once, here:
 *
 * - links keep their text only (a brief must not point anywhere);
 * - raw HTML stays text, never markup;
 * - images become their alt text;
 * - a line break becomes a space.
 */
export type InlineRun = TextRun | FootnoteRun

/** Formatting a text run may carry. */
export interface Marks {
  readonly em?: true
  readonly strong?: true
  readonly del?: true
  readonly code?: true
}

export interface TextRun extends Marks {
  readonly text: string
}

export interface FootnoteRun {
  /** The footnote's identifier, as the source marks it (`"2"`). */
  readonly footnote: string
}

type Walk = (nodes: readonly PhrasingContent[], marks: Marks) => InlineRun[]
type Handler<T extends PhrasingContent> = (node: T, marks: Marks, walk: Walk) => InlineRun[]
/** Each phrasing node type with its node. */
type NodeOf = {[N in PhrasingContent as N['type']]: N}
type Handlers = {readonly [K in keyof NodeOf]: Handler<NodeOf[K]>}

const text = (value: string, marks: Marks): InlineRun[] => (value ? [{text: value, ...marks}] : [])

/** One handler per node type (as mdast-util-to-markdown's `handle` map). */
const handlers: Handlers = {
  text: (node, marks) => text(node.value, marks),
  html: (node, marks) => text(node.value, marks),
  inlineCode: (node, marks) => text(node.value, {...marks, code: true}),
  break: (_, marks) => text(' ', marks),
  emphasis: (node, marks, walk) => walk(node.children, {...marks, em: true}),
  strong: (node, marks, walk) => walk(node.children, {...marks, strong: true}),
  delete: (node, marks, walk) => walk(node.children, {...marks, del: true}),
  link: (node, marks, walk) => walk(node.children, marks),
  linkReference: (node, marks, walk) => walk(node.children, marks),
  image: (node, marks) => text(node.alt ?? '', marks),
  imageReference: (node, marks) => text(node.alt ?? '', marks),
  footnoteReference: (node) => [{footnote: node.identifier}],
}

/** The handler for `type` called with a node of that type (one generic call, so no cast is needed). */
function handle<K extends keyof NodeOf>(type: K, node: NodeOf[K], marks: Marks): InlineRun[] {
  return handlers[type](node, marks, walk)
}

const walk: Walk = (nodes, marks) => nodes.flatMap((node) => handle(node.type, node, marks))

const markKeys = ['em', 'strong', 'del', 'code'] as const
const sameMarks = (a: Marks, b: Marks) => markKeys.every((key) => a[key] === b[key])

/** Inline mdast as runs; adjacent text runs with the same formatting are merged. */
export function inlineRuns(nodes: readonly PhrasingContent[]): InlineRun[] {
  const runs: InlineRun[] = []
  for (const run of walk(nodes, {})) {
    const last = runs.at(-1)
    if (last && 'text' in last && 'text' in run && sameMarks(last, run)) runs[runs.length - 1] = {...last, text: last.text + run.text}
    else runs.push(run)
  }
  return runs
}
