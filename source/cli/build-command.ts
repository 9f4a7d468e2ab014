import {resolve} from 'node:path'
import {openProject} from '../annotate/project.js'
import {usageError} from '../errors.js'
import {checkOutputFolder, ensureFolder, lockOutputFolder} from '../output/output-folder.js'
import {safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {browserFormats, defaultDate, extensions, rendererFor, type RenderOptions} from '../render/index.js'
import {selectOpened} from '../select/index.js'
import {unknownValue} from '../select/suggest.js'
import {projectOptions} from './filter-options.js'
import {specFromFlags, type FilterFlags} from '../select/spec-from-flags.js'
import {formats, handoutLayouts, isOneOf, papers, type Format} from '../model/vocabulary.js'

export interface BuildFlags extends FilterFlags {
  format: string
  out: string
  paper: string
  templates?: string
  date?: string
  handoutLayout: string
}

/** `--format html,pdf` → formats, or a usage error listing the valid ones. */
export function parseFormats(value: string): Format[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean)
  if (list.length === 0) throw usageError(`Expected at least one format in --format. Valid values: ${formats.join(', ')}`)
  return [...new Set(list.map((f) => {
    if (!isOneOf(formats, f)) throw unknownValue('format', f, '--format', formats)
    return f
  }))]
}

export function parseRenderFlags(flags: {paper: string; templates?: string | undefined; date?: string | undefined; handoutLayout: string}): Omit<RenderOptions, 'browser'> {
  const paper = flags.paper
  if (!isOneOf(papers, paper)) throw usageError(`Unknown paper \`${flags.paper}\` in --paper. Valid values: ${papers.join(', ')}`)
  const handoutLayout = handoutLayouts.find((n) => String(n) === flags.handoutLayout)
  if (handoutLayout === undefined) throw usageError(`Unknown layout \`${flags.handoutLayout}\` in --handout-layout. Valid values: ${handoutLayouts.join(', ')}`)
  let date = defaultDate
  if (flags.date !== undefined) {
    date = flags.date === 'now' ? new Date() : new Date(flags.date)
    if (Number.isNaN(date.getTime())) throw usageError(`Unexpected date \`${flags.date}\` in --date, expected YYYY-MM-DD, an ISO timestamp or \`now\``)
  }
  return {paper, templates: flags.templates, date, handoutLayout}
}

/** `briefs build`: render one brief in each asked format; all files or none. */
export async function buildCommand(flags: BuildFlags): Promise<void> {
  const wanted = parseFormats(flags.format)
  const renderFlags = parseRenderFlags(flags)
  // A file, a device or /proc as --out: say so now, before any work.
  checkOutputFolder(flags.out)
  const project = await openProject(projectOptions(flags))
  const view = await selectOpened(project, specFromFlags(flags))
  const outDir = resolve(flags.out)
  const rendered: [string, Uint8Array][] = []
  {
    // Launched only if a format needs it; closed with its profile on every way out of this block.
    // The browser module (puppeteer) is loaded only then too.
    const needsBrowser = wanted.some((f) => browserFormats.has(f))
    await using browsers = needsBrowser ? new (await import('../render/browser.js')).BrowserManager() : null
    for (const format of wanted) {
      const render = await rendererFor(format)
      const browser = browserFormats.has(format) ? await browsers?.get() : undefined
      rendered.push([safeJoin(outDir, `${view.slug}.${extensions[format]}`), await render(view, {...renderFlags, browser})])
    }
  }
  // Everything rendered: only now write, each file atomically, holding the folder against another run.
  ensureFolder(outDir)
  const unlock = lockOutputFolder(outDir, 'build')
  for (const [path, bytes] of rendered) {
    writeFileAtomic(path, bytes)
    process.stdout.write(`${path}\n`)
  }
  unlock()
}
