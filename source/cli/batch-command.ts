import {availableParallelism} from 'node:os'
import {loadProject} from '../annotate/load-project.js'
import {logger} from './logger.js'
import {contentPaths} from '../content-paths.js'
import {BriefsError, exitCodes, usageError} from '../errors.js'
import {checkOutputFolder, lockOutputFolder, prepareOutputFolder} from '../output/output-folder.js'
import {removeStaleTemporaries} from '../output/write-atomic.js'
import {defaultDate} from '../render/formats.js'
import {readBatchConfig} from '../batch/config.js'
import {hashFolders} from '../batch/fingerprint.js'
import {createProgress} from './progress.js'
import {runBatch} from '../batch/run-batch.js'
import {version} from '../version.js'
import {interruptExitCode, onInterrupt} from '../shutdown.js'

export interface BatchFlags {
  out: string
  concurrency?: string
  force?: boolean
  source?: string
}

/** Pages rendered at once by default: one per core, at least two (Chromium works in its own processes). */
export function defaultConcurrency(): number {
  return Math.max(2, availableParallelism())
}

/** Worker threads for DOCX/PPTX: the cores the browser pages leave, at least one. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1)
}

/** `briefs batch`: every brief of a config, one browser, skip what has not changed. */
export async function batchCommand(config: string | undefined, flags: BatchFlags): Promise<void> {
  const concurrency = concurrencyFlag(flags.concurrency)
  checkOutputFolder(flags.out)
  const project = loadProject({source: flags.source})
  const plan = readBatchConfig(config ?? contentPaths.batch, project)
  const outDir = prepareOutputFolder(flags.out)
  // Two runs into one folder would mix their files and manifests: the second refuses.
  const unlock = lockOutputFolder(outDir, `batch${config ? ` ${config}` : ''}`)
  const controller = new AbortController()
  // The first SIGINT/SIGTERM/SIGHUP stops gracefully; a second exits at once (shutdown.ts), browser closed either way.
  const stopInterrupt = onInterrupt((signal) => {
    logger.error(`\nInterrupted (${signal}): starting nothing new; documents in progress are not written (again to stop at once)`)
    controller.abort()
  })
  removeStaleTemporaries(outDir)
  const progress = createProgress(process.stderr, logger.quiet)
  try {
    const result = await runBatch({
      project, plan, outDir, concurrency,
      workers: defaultWorkers(),
      force: Boolean(flags.force),
      date: defaultDate,
      version,
      templatesHash: hashFolders([contentPaths.templates, plan.templates]),
      onEvent: progress,
      signal: controller.signal,
    })
    progress.stop()
    const seconds = (result.ms / 1000).toFixed(1)
    logger.info(
      `${result.documents.length} documents in ${outDir} (${result.rendered} made, ${result.skipped} unchanged, ${result.failed.length} failed), ` +
        `${result.pages} pages, ${seconds} s${result.browserRestarts ? `, browser restarted ${result.browserRestarts}×` : ''}`,
    )
    for (const f of result.failed) logger.error(`FAILED ${f.path}: ${f.error}`)
    if (result.interrupted) {
      process.exitCode = interruptExitCode()
      return
    }
    if (result.failed.length > 0) throw new BriefsError(`${result.failed.length} document(s) failed`, exitCodes.batch)
  } finally {
    progress.stop()
    stopInterrupt()
    unlock()
  }
}

/** `--concurrency`: a whole number from 1 to 64, or the default from the cores available. */
export function concurrencyFlag(value: string | undefined): number {
  if (value === undefined) return defaultConcurrency()
  const concurrency = Number(value)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw usageError(`Unexpected \`${value}\` in --concurrency, expected a whole number from 1 to 64`)
  return concurrency
}
