import cliProgress from 'cli-progress'
import type {BatchEvent} from '../batch/run-batch.js'

export interface Progress {
  (event: BatchEvent): void
  stop(): void
}

/** A live bar with counts and ETA on a terminal; one plain line per document otherwise (CI). */
export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): Progress {
  const tty = Boolean(stream.isTTY)
  let bar: cliProgress.SingleBar | null = null
  let done = 0
  let total = 0
  const line = (text: string) => {
    if (!quiet) stream.write(`${text}\n`)
  }
  const progress = ((event: BatchEvent) => {
    switch (event.type) {
      case 'start':
        total = event.total - event.skipped
        if (event.skipped) line(`${event.skipped} of ${event.total} documents unchanged: skipped (--force redoes them)`)
        if (tty && !quiet && total > 0) {
          bar = new cliProgress.SingleBar(
            {format: '{bar} {percentage}% | {value}/{total} documents | ETA {eta_formatted} | {name}', hideCursor: true, stream, clearOnComplete: false, etaBuffer: 20},
            cliProgress.Presets.shades_classic,
          )
          bar.start(total, 0, {name: ''})
        }
        break
      case 'done':
        done++
        if (bar) bar.update(done, {name: event.job.name})
        else line(`[${done}/${total}] ${event.job.name} (${(event.ms / 1000).toFixed(1)} s${event.entry.pages ? `, ${event.entry.pages} p.` : ''})`)
        break
      case 'retry':
        if (!bar) line(`retrying ${event.job.name}: ${event.error}`)
        break
      case 'failed':
        done++
        if (bar) bar.update(done, {name: `FAILED ${event.job.name}`})
        else line(`[${done}/${total}] FAILED ${event.job.name}: ${event.error}`)
        break
      case 'browser-restarted':
        if (!bar) line('the browser stopped; started a new one')
        break
      case 'skipped':
        break
    }
  }) as Progress
  progress.stop = () => {
    bar?.stop()
  }
  return progress
}
