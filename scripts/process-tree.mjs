// What the benchmark scripts read of processes from /proc.
import {readdirSync, readFileSync} from 'node:fs'

/** Pids of a process and all its descendants, read from /proc (no child process spawned). */
export function processTree(root) {
  const parents = new Map()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {}
  }
  const tree = new Set([root])
  let grew = true
  while (grew) {
    grew = false
    for (const [pid, ppid] of parents) if (tree.has(ppid) && !tree.has(pid)) tree.add(pid), (grew = true)
  }
  return tree
}

/** Rss and Pss (shared pages split between their users) of a process, in bytes, from /proc. */
export function memoryOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024
    return {rss: kb('Rss'), pss: kb('Pss')}
  } catch {
    return {rss: 0, pss: 0}
  }
}
