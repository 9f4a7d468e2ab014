/** Exit codes, as DESIGN.md fixes them. */
export const exitCodes = {
  ok: 0,
  input: 1,
  usage: 2,
  environment: 3,
  batch: 4,
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
