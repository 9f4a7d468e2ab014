import {availableParallelism} from 'node:os'
import {loadProject} from '../annotate/load-project.js'
import {readBatchConfig} from '../batch/config.js'
import {hashFolders} from '../batch/fingerprint.js'
import type {BatchOptions} from '../batch/run-batch.js'
import {contentPaths} from '../content-paths.js'
import {usageError} from '../errors.js'
import {lockOutputFolder} from '../output/output-folder.js'
import {defaultDate} from '../render/formats.js'
import {onInterrupt} from '../shutdown.js'
import {version} from '../version.js'
import {logger} from './logger.js'
import {createProgress, type Progress} from './progress.js'

/** The project and the batch config `briefs batch` and `briefs site` run, read (and checked) before any folder is made. */
export function loadBatch(config: string | undefined, source: string | undefined): Pick<BatchOptions, 'project' | 'plan'> {
  const project = loadProject({source})
  return {project, plan: readBatchConfig(config ?? contentPaths.batch, project)}
}

/** The options of a batch of `loaded` into `outDir`, as both commands run it. */
export function batchOptions(loaded: Pick<BatchOptions, 'project' | 'plan'>, outDir: string, concurrency: number, force: boolean | undefined): BatchOptions {
  return {
    ...loaded, outDir, concurrency,
    workers: defaultWorkers(),
    force: Boolean(force),
    date: defaultDate,
    version,
    templatesHash: hashFolders([contentPaths.templates, loaded.plan.templates]),
  }
}

/**
 * `work` with every one of `folders` locked (two runs into one folder would mix
 * their files and manifests: the second refuses), a progress display, and the
 * first SIGINT/SIGTERM/SIGHUP turned into `signal` (a second exits at once,
 * shutdown.ts); all three undone however `work` ends. `briefs site` locks its
 * folder and the downloads folder inside it, where its batch writes.
 */
export async function withBatchRun<T>(folders: string | readonly string[], label: string, work: (run: {readonly signal: AbortSignal; readonly progress: Progress}) => Promise<T>): Promise<T> {
  const unlock = lockAll([folders].flat(), label)
  const controller = new AbortController()
  const stopInterrupt = onInterrupt((signal) => {
    logger.error(`\nInterrupted (${signal}): starting nothing new; documents in progress are not written (again to stop at once)`)
    controller.abort()
  })
  const progress = createProgress(process.stderr, logger.quiet)
  try {
    return await work({signal: controller.signal, progress})
  } finally {
    progress.stop()
    stopInterrupt()
    unlock()
  }
}

/** Lock each folder in turn; if one is held by another run, release those already taken and refuse (exit 3). */
function lockAll(folders: readonly string[], label: string): () => void {
  const unlocks: (() => void)[] = []
  const unlockAll = () => {
    for (const unlock of unlocks.splice(0).reverse()) unlock()
  }
  try {
    for (const folder of folders) unlocks.push(lockOutputFolder(folder, label))
  } catch (error) {
    unlockAll()
    throw error
  }
  return unlockAll
}

/** Pages rendered at once by default: one per core, at least two (Chromium works in its own processes). */
export function defaultConcurrency(): number {
  return Math.max(2, availableParallelism())
}

/** Worker threads for DOCX/PPTX: the cores the browser pages leave, at least one. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1)
}

/** `--concurrency`: a whole number from 1 to 64, or the default from the cores available. */
export function concurrencyFlag(value: string | undefined): number {
  if (value === undefined) return defaultConcurrency()
  const concurrency = Number(value)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw usageError(`Unexpected \`${value}\` in --concurrency, expected a whole number from 1 to 64`)
  return concurrency
}
