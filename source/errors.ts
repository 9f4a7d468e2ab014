/** Exit codes, as DESIGN.md fixes them. */
export const exitCodes = {
  ok: 0,
  input: 1,
  usage: 2,
  environment: 3,
  batch: 4,
  /** A failure the program did not foresee: a bug to report. */
  internal: 70,
} as const

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes]

/** An error meant for the user: printed without a stack trace, with its exit code. */
export class BriefsError extends Error {
  readonly exitCode: ExitCode
  constructor(message: string, exitCode: ExitCode, options?: {cause?: unknown}) {
    super(message, options)
    this.name = 'BriefsError'
    this.exitCode = exitCode
  }
}

export function inputError(message: string): BriefsError {
  return new BriefsError(message, exitCodes.input)
}

export function usageError(message: string): BriefsError {
  return new BriefsError(message, exitCodes.usage)
}

export function environmentError(message: string): BriefsError {
  return new BriefsError(message, exitCodes.environment)
}

/** What a system error code means, in words for people who have never met `ENOSPC`. */
const systemReasons: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied (the file or folder is read-only for you)',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'it already exists',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links in the path',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'it is in use',
  ENOTEMPTY: 'the folder is not empty',
  EXDEV: 'it is on another disk',
  ENOMEM: 'the system is out of memory',
}

/** A system error: an `Error` with a string `code` (`ENOENT`, `EPERM`, `ERR_WORKER_OUT_OF_MEMORY`…). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
}

/** The code of a system error, or undefined for anything else thrown. */
export function errorCode(error: unknown): string | undefined {
  return isSystemError(error) ? error.code : undefined
}

/** The first line of what was thrown: an error's message, or the value in words. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
}

/** `code: reason` of a system error, or its first line when it is not one. */
export function explainSystemError(error: unknown): string {
  const code = errorCode(error)
  if (typeof code === 'string' && code in systemReasons) return systemReasons[code]!
  const message = firstLine(error)
  return code ? `${message} (${code})` : message
}

/** An error for a system call that failed on `path`: what was attempted, the path, the reason in words. */
export function systemError(action: string, path: string, error: unknown, exitCode: ExitCode = exitCodes.environment): BriefsError {
  return new BriefsError(`${action} ${path}: ${explainSystemError(error)}`, exitCode, {cause: error})
}

const browserErrorNames = new Set(['TargetCloseError', 'ProtocolError', 'ConnectionClosedError'])

/** Did this error come from the browser stopping under us (crashed, killed, out of memory)? */
export function isBrowserGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return browserErrorNames.has(error.name) || /Target closed|Session closed|Connection closed|browser has disconnected|Protocol error|Navigating frame was detached|detached Frame/i.test(error.message)
}

/**
 * The one mapping from any error to what the user sees and the exit code:
 * our own errors as they are, system errors in words with their path, a
 * browser that stopped as an environment problem. A stack trace only with
 * BRIEFS_DEBUG=1.
 */
export function describeError(error: unknown, env: NodeJS.ProcessEnv = process.env): {message: string; exitCode: number} {
  const debug = env['BRIEFS_DEBUG'] === '1'
  const trace = debug && error instanceof Error && error.stack ? `\n${error.stack}` : ''
  if (error instanceof BriefsError) {
    const cause = debug && error.cause instanceof Error && error.cause.stack ? `\n${error.cause.stack}` : ''
    return {message: `${error.message}${trace}${cause}`, exitCode: error.exitCode}
  }
  if (isSystemError(error) && error.code! in systemReasons) {
    const where = error.path ?? ''
    return {message: `Cannot ${error.syscall ?? 'use'} ${where}: ${explainSystemError(error)}${trace}`.replace(/ {2}/, ' '), exitCode: exitCodes.environment}
  }
  if (isBrowserGone(error)) {
    return {message: `The browser stopped while rendering (it crashed, was killed or ran out of memory); nothing was written. Run again; if it keeps happening, check free memory.${trace}`, exitCode: exitCodes.environment}
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return {message: `The browser took too long to render: ${error.message.split('\n')[0]}. Raise the limit with --limit render-time=SECONDS.${trace}`, exitCode: exitCodes.environment}
  }
  if (error instanceof RangeError && /call stack|Invalid string length|Array buffer allocation/i.test(error.message)) {
    return {message: `The input is too large or too deeply nested to process (${error.message}); see the limits in the README.${trace}`, exitCode: exitCodes.input}
  }
  const first = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)
  return {
    message: `briefs: unexpected failure: ${first}${debug ? trace : '\n(this is a bug; run with BRIEFS_DEBUG=1 for the details and report them)'}`,
    exitCode: exitCodes.internal,
  }
}
