import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {defaultDate, rendererFor} from '../../source/render/index.js'
import {select} from '../../source/select/index.js'
import {toBriefSpec} from '../../source/select/spec.js'
import {workDir} from './hostile.js'

// Illustrative profile for the test only (not shipped): focus, context, notes and evidence URLs.
const root = workDir('parity')
mkdirSync(join(root, 'profiles'))
writeFileSync(
  join(root, 'profiles', 'CL.yaml'),
  [
    'country: CL',
    'context: Párrafo de contexto de prueba con la palabra inconfundible zafiro.',
    'focus: {guidelines: [VII], audiences: [subnational-government], themes: []}',
    'assessments:',
    '  62: {status: in-progress, note: Nota de prueba esmeralda., evidence: "https://example.org/evidencia-62"}',
    '  63: {status: implemented, evidence: "https://example.org/evidencia-63"}',
  ].join('\n'),
)
const project = loadProject({paths: {profiles: join(root, 'profiles')}})

/** Visible text of the HTML body (no styles, no contents list), entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/^[\s\S]*?<body[^>]*>/, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<nav[\s\S]*?<\/nav>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&nbsp;/g, ' ')
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}.:/-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu) ?? [])

describe('the markdown of a brief carries everything its HTML carries', () => {
  for (const spec of [{country: 'CL'}, {country: 'CL', lang: 'en'}, {audiences: ['academia'], lang: 'pt'}, {guidelines: ['VII']}]) {
    it(JSON.stringify(spec), async () => {
      const view = select(project, toBriefSpec(spec))
      const options = {paper: 'a4' as const, date: defaultDate, handoutLayout: 2 as const, templates: undefined, browser: undefined}
      const html = new TextDecoder().decode(await (await rendererFor('html'))(view, options))
      const md = new TextDecoder().decode(await (await rendererFor('md'))(view, options))
      const inMd = words(md.replace(/[*_\\`#]/g, ''))
      const missing = [...words(htmlText(html))].filter((w) => !inMd.has(w))
      expect(missing).toEqual([])
      if (spec.country) {
        for (const text of ['zafiro', 'esmeralda', 'https://example.org/evidencia-62', 'https://example.org/evidencia-63']) expect(md).toContain(text)
      }
    })
  }
})
