import {BriefsError, exitCodes} from '../errors.js'

/** An error with the HTTP status it answers with; `body` adds fields to the JSON error. */
export class HttpError extends Error {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Readonly<Record<string, unknown>>
  constructor(status: number, message: string, extra: {headers?: Record<string, string>; body?: Record<string, unknown>} = {}) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.headers = extra.headers ?? {}
    this.body = extra.body ?? {}
  }
}

/** The CLI's exit code, as an HTTP status: usage 400, invalid data 422, environment (no browser) 503. */
export function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status
  if (error instanceof BriefsError) {
    if (error.exitCode === exitCodes.usage) return 400
    if (error.exitCode === exitCodes.input) return 422
    if (error.exitCode === exitCodes.environment) return 503
  }
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500
}

/** What a JSON error says: the CLI's message for a BriefsError, never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof HttpError || error instanceof BriefsError) return error.message
  const status = statusOf(error)
  if (status < 500 && error instanceof Error) return error.message
  return 'Internal error (see the server log)'
}
