import {join} from 'node:path'
import {displayPath} from '../display-path.js'
import {planJobs, runBatch} from '../batch/run-batch.js'
import {BriefsError, exitCodes, usageError} from '../errors.js'
import {checkOutputFolder, prepareOutputFolder} from '../output/output-folder.js'
import {removeStaleTemporaries} from '../output/write-atomic.js'
import {interruptExitCode, pendingSignalsHeard} from '../shutdown.js'
import {buildSite} from '../site/build-site.js'
import {downloadPapers, downloadsFolder} from '../site/downloads.js'
import {reuseDocuments} from '../site/reuse-documents.js'
import {removeSiteTemporaries} from '../site/site-writer.js'
import {sitePlan} from '../site/site-plan.js'
import {version} from '../version.js'
import {batchOptions, concurrencyFlag, loadBatch, withBatchRun} from './cli-batch.js'
import {logger} from './logger.js'

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
  const {project, plan: configPlan} = loadBatch(config, flags.source)
  // The config's batch, plus each PDF brief on the other paper: every page offers A4 and Letter.
  const plan = sitePlan(configPlan)
  const siteDir = prepareOutputFolder(flags.out)
  const outDir = prepareOutputFolder(join(siteDir, downloadsFolder))
  // Both folders are locked: a `briefs batch --out DIR/downloads` meanwhile would mix its files with the site's batch.
  await withBatchRun([siteDir, outDir], `site${config ? ` ${config}` : ''}`, async ({signal, progress}) => {
    removeStaleTemporaries(outDir)
    removeSiteTemporaries(siteDir)
    const batch = batchOptions({project, plan}, outDir, concurrency, flags.force)
    const jobs = planJobs(batch)
    const reused = flags.reuse && !flags.force ? reuseDocuments(jobs, outDir, flags.reuse, version) : 0
    if (reused > 0) logger.info(`${reused} documents taken from ${flags.reuse} (made from the same inputs)`)
    /** True, with the interrupt's exit code set, once a Ctrl-C has been heard (one during synchronous work is heard here). */
    const interrupted = async () => {
      await pendingSignalsHeard()
      if (signal.aborted) process.exitCode = interruptExitCode()
      return signal.aborted
    }
    const result = await runBatch({...batch, jobs, onEvent: progress, signal})
    progress.stop()
    for (const f of result.failed) logger.error(`FAILED ${f.path}: ${f.error}`)
    if (await interrupted()) return
    const pending = buildSite({project, plan, outDir: siteDir, documents: result.documents, papers: downloadPapers(jobs), version, baseUrl})
    // A Ctrl-C while the pages were made: no page is written.
    if (await interrupted()) return
    // Written synchronously: a signal during the writes waits for them, and the site is complete (exit 130 all the same).
    const site = pending.write()
    logger.info(
      `${site.pages} pages in ${siteDir}: ${site.written.length} files written, ${site.unchanged.length} unchanged${site.removed.length ? `, ${site.removed.length} removed` : ''}; ` +
        `${result.documents.length} downloads in ${displayPath(outDir)} (${result.rendered} made, ${result.skipped} unchanged), ${(result.ms / 1000).toFixed(1)} s`,
    )
    process.stdout.write(`${join(siteDir, 'index.html')}\n`)
    if (await interrupted()) return
    if (result.failed.length > 0) throw new BriefsError(`${result.failed.length} document(s) failed; their pages link the other formats`, exitCodes.batch)
  })
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
