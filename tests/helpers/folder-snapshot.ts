import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

/** Every file under `dir` with its hash, a line each: "nothing written" means this does not change. */
export function folderSnapshot(dir: string): string {
  const lines: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else lines.push(`${relative(dir, path)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`)
    }
  }
  walk(dir)
  return lines.join('\n')
}
