import {logger} from './logger.js'
import {BriefsError, exitCodes} from '../errors.js'
import {checkOutputFolder, prepareOutputFolder} from '../output/output-folder.js'
import {removeStaleTemporaries} from '../output/write-atomic.js'
import {runBatch} from '../batch/run-batch.js'
import {interruptExitCode} from '../shutdown.js'
import {batchOptions, concurrencyFlag, loadBatch, withBatchRun} from './cli-batch.js'

export interface BatchFlags {
  out: string
  concurrency?: string
  force?: boolean
  source?: string
}

/** `briefs batch`: every brief of a config, one browser, skip what has not changed. */
export async function batchCommand(config: string | undefined, flags: BatchFlags): Promise<void> {
  const concurrency = concurrencyFlag(flags.concurrency)
  checkOutputFolder(flags.out)
  const loaded = loadBatch(config, flags.source)
  const outDir = prepareOutputFolder(flags.out)
  await withBatchRun(outDir, `batch${config ? ` ${config}` : ''}`, async ({signal, progress}) => {
    removeStaleTemporaries(outDir)
    const result = await runBatch({...batchOptions(loaded, outDir, concurrency, flags.force), onEvent: progress, signal})
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
  })
}
