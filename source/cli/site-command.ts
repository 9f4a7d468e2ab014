import {join} from 'node:path'
import {displayPath} from '../display-path.js'
import {loadProject} from '../annotate/load-project.js'
import {readBatchConfig} from '../batch/config.js'
import {hashFolders} from '../batch/fingerprint.js'
import {planJobs, runBatch} from '../batch/run-batch.js'
import {contentPaths} from '../content-paths.js'
import {BriefsError, exitCodes, usageError} from '../errors.js'
import {checkOutputFolder, lockOutputFolder, prepareOutputFolder} from '../output/output-folder.js'
import {removeStaleTemporaries} from '../output/write-atomic.js'
import {defaultDate} from '../render/formats.js'
import {interruptExitCode, onInterrupt} from '../shutdown.js'
import {buildSite} from '../site/build-site.js'
import {downloadsFolder} from '../site/downloads.js'
import {reuseDocuments} from '../site/reuse-documents.js'
import {version} from '../version.js'
import {concurrencyFlag, defaultWorkers} from './batch-command.js'
import {logger} from './logger.js'
import {createProgress} from './progress.js'

export interface SiteFlags {
  out: string
  concurrency?: string
  force?: boolean
  source?: string
  /** A batch folder whose unchanged documents are taken instead of made again; `false` with --no-reuse. */
  reuse: string | false
  baseUrl?: string
}

/**
 * `briefs site`: the web edition. The batch of the config makes the documents
 * into DIR/downloads (skipping what is unchanged, taking what `out/` already
 * holds from the same inputs), then every page is drawn from the same views.
 */
export async function siteCommand(config: string | undefined, flags: SiteFlags): Promise<void> {
  const concurrency = concurrencyFlag(flags.concurrency)
  const baseUrl = flags.baseUrl === undefined ? undefined : checkBaseUrl(flags.baseUrl)
  checkOutputFolder(flags.out)
  const project = loadProject({source: flags.source})
  const plan = readBatchConfig(config ?? contentPaths.batch, project)
  const siteDir = prepareOutputFolder(flags.out)
  const unlock = lockOutputFolder(siteDir, `site${config ? ` ${config}` : ''}`)
  const controller = new AbortController()
  const stopInterrupt = onInterrupt((signal) => {
    logger.error(`\nInterrupted (${signal}): starting nothing new; documents in progress are not written (again to stop at once)`)
    controller.abort()
  })
  const progress = createProgress(process.stderr, logger.quiet)
  try {
    const outDir = prepareOutputFolder(join(siteDir, downloadsFolder))
    removeStaleTemporaries(outDir)
    const batch = {
      project, plan, outDir, concurrency,
      workers: defaultWorkers(),
      force: Boolean(flags.force),
      date: defaultDate,
      version,
      templatesHash: hashFolders([contentPaths.templates, plan.templates]),
    }
    const reused = flags.reuse && !flags.force ? reuseDocuments(planJobs(batch), outDir, flags.reuse, version) : 0
    if (reused > 0) logger.info(`${reused} documents taken from ${flags.reuse} (made from the same inputs)`)
    const result = await runBatch({...batch, onEvent: progress, signal: controller.signal})
    progress.stop()
    for (const f of result.failed) logger.error(`FAILED ${f.path}: ${f.error}`)
    if (result.interrupted) {
      process.exitCode = interruptExitCode()
      return
    }
    const site = buildSite({project, plan, outDir: siteDir, documents: result.documents, version, baseUrl})
    logger.info(
      `${site.pages} pages in ${siteDir}: ${site.written.length} files written, ${site.unchanged.length} unchanged${site.removed.length ? `, ${site.removed.length} removed` : ''}; ` +
        `${result.documents.length} downloads in ${displayPath(outDir)} (${result.rendered} made, ${result.skipped} unchanged), ${(result.ms / 1000).toFixed(1)} s`,
    )
    process.stdout.write(`${join(siteDir, 'index.html')}\n`)
    if (result.failed.length > 0) throw new BriefsError(`${result.failed.length} document(s) failed; their pages link the other formats`, exitCodes.batch)
  } finally {
    progress.stop()
    stopInterrupt()
    unlock()
  }
}

function checkBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw usageError(`Unexpected \`${value}\` in --base-url, expected an absolute address such as https://example.org/briefs/`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usageError(`Unexpected \`${value}\` in --base-url, expected an address starting with https:// or http://`)
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}
