import type {Command} from 'commander'
import {usageError} from '../errors.js'

/**
 * A flag that takes one value, given twice (`--country CL --country AR`), is
 * a usage error: commander would silently keep the last. Flags that collect
 * values (`--audience a --audience b`, `--limit`) may repeat.
 */
export function refuseRepeatedFlags(command: Command, argv: readonly string[]): void {
  const end = argv.indexOf('--')
  const args = end === -1 ? argv : argv.slice(0, end)
  for (const option of command.options) {
    // Options whose parser gathers values into a list accept repeats; so do switches.
    if (!option.required || option.variadic || option.parseArg) continue
    const uses = args.filter((arg) => (option.long !== undefined && (arg === option.long || arg.startsWith(`${option.long}=`))) || (option.short !== undefined && arg.startsWith(option.short) && !arg.startsWith('--')))
    if (uses.length > 1) throw usageError(`${option.long ?? option.short} was given ${uses.length} times; it takes one value (${uses.join(' … ')})`)
  }
}
