// What the benchmark scripts share to report their figures.
import {readFileSync} from 'node:fs'

/** A list of results and the function that adds one and prints it (`prefix: name: value unit note`). */
export function recorder(prefix = '') {
  const results = []
  const record = (name, value, unit, note = '') => {
    results.push({name, value, unit, note})
    console.log(`${prefix ? `${prefix}: ` : ''}${name}: ${typeof value === 'number' ? value.toFixed(unit === 'ms' ? 1 : 2) : value} ${unit} ${note}`)
  }
  return {results, record}
}

/** The `p`th percentile of `xs` (nearest rank). */
export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Resident memory of process `pid` (MiB), from /proc. */
export function rssMiB(pid) {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024
}
