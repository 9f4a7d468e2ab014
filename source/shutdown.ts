/**
 * The process's ways out, in one place: signals, uncaught errors and normal
 * exit. Whatever must not outlive the process (a browser, its profile, the
 * output folder's lock) registers a synchronous cleanup here; it runs on every
 * way out Node still controls (SIGKILL leaves sweeping to the next run).
 */

type Cleanup = () => void

const cleanups = new Set<Cleanup>()
const interruptHandlers = new Set<(signal: NodeJS.Signals) => void>()
let installed = false
let interruptedBy: NodeJS.Signals | null = null

export const signalExitCodes = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143} as const
type HandledSignal = keyof typeof signalExitCodes

/** Run `cleanup` when the process exits, however it exits; the returned function unregisters it. */
export function onExit(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

/** Run every registered cleanup now (each at most once). */
export function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup)
    try {
      cleanup()
    } catch {
      // A cleanup that fails must not keep the others from running.
    }
  }
}

/**
 * Let a command stop gracefully on the first SIGINT, SIGTERM or SIGHUP (a
 * batch finishes the documents it can and writes its manifest); a second
 * signal, or a signal with no handler, exits at once after the cleanups.
 */
export function onInterrupt(handler: (signal: NodeJS.Signals) => void): () => void {
  interruptHandlers.add(handler)
  return () => interruptHandlers.delete(handler)
}

/**
 * Resolves once the event loop has polled for events: a signal that arrived
 * during long synchronous work (making a site's pages) has then reached its
 * handler, so the caller can check its abort signal before writing anything.
 * Two turns of `setImmediate`: the poll phase lies between them.
 */
export async function pendingSignalsHeard(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** The signal that interrupted the run, if one did. */
export function interruptSignal(): NodeJS.Signals | null {
  return interruptedBy
}

/** The exit code for an interruption by `signal`: 128 + its number, as shells report it. */
export function interruptExitCode(signal: NodeJS.Signals | null = interruptedBy): number {
  return signal && signal in signalExitCodes ? signalExitCodes[signal as HandledSignal] : signalExitCodes.SIGINT
}

/**
 * Install the handlers once per process (the CLI does, first thing).
 * `report` prints a fatal error and returns its exit code.
 */
export function installShutdown(report: (error: unknown) => number, onSignal: (message: string) => void): void {
  if (installed) return
  installed = true
  process.on('exit', runCleanups)
  for (const signal of Object.keys(signalExitCodes) as HandledSignal[]) {
    process.on(signal, () => {
      const first = interruptedBy === null
      interruptedBy ??= signal
      if (first && interruptHandlers.size > 0) {
        for (const handler of interruptHandlers) handler(signal)
        return
      }
      onSignal(`\nInterrupted (${signal}): stopped; nothing partial was written`)
      exitNow(interruptExitCode(signal))
    })
  }
  const fatal = (error: unknown) => exitNow(report(error))
  process.on('uncaughtException', fatal)
  process.on('unhandledRejection', fatal)
}

function exitNow(code: number): never {
  runCleanups()
  process.exit(code)
}
