/** User-facing messages go to stderr; `--quiet` silences all but errors. */
export const logger = {
  quiet: false,
  info(message: string): void {
    if (!this.quiet) process.stderr.write(`${message}\n`)
  },
  error(message: string): void {
    process.stderr.write(`${message}\n`)
  },
}
