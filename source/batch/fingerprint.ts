import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

/** sha256 of every file under the folders (names and contents), for "did the templates change?". */
export function hashFolders(folders: readonly (string | undefined)[]): string {
  const hash = createHash('sha256')
  for (const folder of folders) {
    if (!folder) continue
    const files: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, {withFileTypes: true})) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (statSync(path).isFile()) files.push(path)
      }
    }
    walk(folder)
    for (const file of files.sort()) hash.update(relative(folder, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

export function sha256(value: Uint8Array | string): string {
  return createHash('sha256').update(value).digest('hex')
}
