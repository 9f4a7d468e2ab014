import {copyFileSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadProject, type Project} from '../../source/annotate/load-project.js'
import {defaultDate, rendererFor, type RenderOptions} from '../../source/render/index.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import type {View} from '../../source/view/view.js'
import {sharedBrowser} from '../helpers/browser.js'
import {docxLangTags, htmlLangTags, pdfLangTags, pptxLangTags, type LangTags} from '../helpers/lang-tags.js'
import {langTags, type Language, type Format} from '../../source/model/vocabulary.js'

// A small document with editions in es, en and pt (tests/fixtures/documents/mini), and the
// same Spanish text alone in a folder of its own, so that an English brief must draw Spanish text.
const mini = join(import.meta.dirname, '..', 'fixtures', 'documents', 'mini')
const browser = sharedBrowser()
let editions: Project
let lone: Project

beforeAll(() => {
  editions = loadProject({source: join(mini, 'mini.es.txt')})
  const dir = mkdtempSync(join(tmpdir(), 'briefs-lang-'))
  copyFileSync(join(mini, 'mini.es.txt'), join(dir, 'alone.txt'))
  lone = loadProject({source: join(dir, 'alone.txt')})
})

const read = {
  pdf: (bytes: Uint8Array) => pdfLangTags(bytes),
  slides: (bytes: Uint8Array) => pdfLangTags(bytes),
  handout: (bytes: Uint8Array) => pdfLangTags(bytes),
  html: async (bytes: Uint8Array) => htmlLangTags(new TextDecoder().decode(bytes)),
  docx: async (bytes: Uint8Array) => docxLangTags(bytes),
  pptx: async (bytes: Uint8Array) => pptxLangTags(bytes),
} as const satisfies Partial<Record<Format, (bytes: Uint8Array) => Promise<LangTags>>>

async function tagsOf(format: keyof typeof read, view: View): Promise<LangTags> {
  const options: RenderOptions = {paper: 'a4', date: defaultDate, handoutLayout: 2, browser: browser()}
  return read[format](await (await rendererFor(format))(view, options))
}

describe.each(Object.keys(read) as (keyof typeof read)[])('language tags read back from %s', (format) => {
  it.each(['es', 'en', 'pt'] as const)('a brief in %s is tagged in its language throughout', async (lang: Language) => {
    const view = select(editions, toBriefSpec({country: 'CL', lang}))
    expect(view.textLang).toBe(lang)
    const tags = await tagsOf(format, view)
    expect(tags.document).toBe(langTags[lang])
    // Every tagged part is in the brief's language (no en-US default), but for the Spanish
    // original's citation in the notice of a translated brief.
    const allowed = [langTags[lang], ...(view.translation ? [view.translation.citationLangTag] : [])]
    expect(view.translation === null).toBe(lang === 'es')
    expect([...tags.parts.keys()].filter((tag) => !allowed.includes(tag))).toEqual([])
  }, 120_000)

  it('an English brief drawn from a Spanish-only text tags the Spanish passages es-419', async () => {
    const view = select(lone, toBriefSpec({guidelines: ['I', 'II'], lang: 'en'}))
    expect(view.textLang).toBe('es')
    const tags = await tagsOf(format, view)
    expect(tags.document).toBe('en')
    // The handout too: it carries the slides' structure, and tags its guideline bands' source text.
    expect(tags.parts.get('es-419') ?? 0).toBeGreaterThan(0)
  }, 120_000)
})
