import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const bundled = join(import.meta.dirname, '..', '..', 'content', '113-recomendaciones', '113-recomendaciones.es.txt')

/** Raw HTML that would run a script, load a remote image and hold a `javascript:` link if it were markup. */
export const hostile = {
  script: '<script>document.write("SCRIPT-RAN")</script>',
  image: '<img src="http://example.invalid/x.png">',
  link: '<a href="javascript:alert(1)">enlace</a>',
} as const

/** A copy of the bundled text whose recommendation 62 carries raw HTML; returns its path. */
export function writeHostileSource(): string {
  const text = readFileSync(bundled, 'utf8')
  const line = /^62\. Acelerar y profundizar la descentralización/m
  if (!line.test(text)) throw new Error('Cannot find recommendation 62 in the bundled text')
  const edited = text.replace(line, `62. Acelerar ${hostile.script} ${hostile.image} ${hostile.link} y profundizar la descentralización`)
  const path = join(mkdtempSync(join(tmpdir(), 'briefs-hostile-')), 'hostil.es.txt')
  writeFileSync(path, edited)
  return path
}
