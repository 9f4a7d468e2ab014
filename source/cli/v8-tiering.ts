import {setFlagsFromString} from 'node:v8'

/**
 * How long a function runs before V8 optimizes it, raised for the whole process (the batch's
 * worker threads too: V8's flags are per process). A command lives for a second to a couple of
 * minutes and runs a lot of library code a few times each; with V8's default budget
 * (132 KB of bytecode), TurboFan compiled functions that were never hot again, on background
 * threads that took a fifth of a batch's CPU. With 4 MB only code that stays hot is optimized:
 * the wave-1 batch's Node CPU fell from 50–53 to 37–42 s, its whole machine CPU by 8–15 s
 * (docs/benchmarks.md). Imported first by the CLI, so it is set before any other module runs.
 */
const interruptBudget = 4_000_000

setFlagsFromString(`--interrupt-budget=${interruptBudget}`)
