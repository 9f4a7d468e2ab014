import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, posix} from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import {strFromU8, unzipSync} from 'fflate'
import {beforeAll, describe, expect, test} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {fontSfnt, type FontFamily} from '../../source/render/fonts.js'
import {defaultDate} from '../../source/render/formats.js'
import {renderPptx} from '../../source/render/pptx/render-pptx.js'
import {select, toBriefSpec} from '../../source/select/index.js'

// A deck carries its fonts as PowerPoint embeds them, so that it keeps its faces (and so its
// line breaks) on a machine without Source Sans 3 and Source Serif 4.
const project = loadProject()
const fontRel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/font'

/**
 * The TrueType file inside a `.fntdata` part, unwrapped by libeot, the library LibreOffice's
 * PowerPoint import reads embedded fonts with (`EOT2ttf_buffer`); null when libeot refuses it.
 */
function libeotDecode(fntdata: Uint8Array): Buffer | null {
  const work = mkdtempSync(join(tmpdir(), 'fntdata-'))
  try {
    writeFileSync(join(work, 'in'), fntdata)
    const script = [
      'import ctypes, sys',
      "lib = ctypes.CDLL('libeot.so.0')",
      'data = open(sys.argv[1], "rb").read()',
      'metadata = ctypes.create_string_buffer(1 << 16)',
      'out = ctypes.POINTER(ctypes.c_uint8)()',
      'size = ctypes.c_uint(0)',
      'lib.EOT2ttf_buffer.argtypes = [ctypes.c_char_p, ctypes.c_uint, ctypes.c_void_p, ctypes.POINTER(ctypes.POINTER(ctypes.c_uint8)), ctypes.POINTER(ctypes.c_uint)]',
      'error = lib.EOT2ttf_buffer(data, len(data), metadata, ctypes.byref(out), ctypes.byref(size))',
      'open(sys.argv[2], "wb").write(ctypes.string_at(out, size.value) if error == 0 else b"")',
    ].join('\n')
    execFileSync('python3', ['-c', script, join(work, 'in'), join(work, 'out')])
    const out = readFileSync(join(work, 'out'))
    return out.length > 0 ? out : null
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}

const slotStyles = {regular: {weight: 400, style: 'normal'}, bold: {weight: 700, style: 'normal'}, italic: {weight: 400, style: 'italic'}, boldItalic: {weight: 700, style: 'italic'}} as const

describe('PowerPoint embeds its fonts', () => {
  let parts: Record<string, Uint8Array>
  const text = (path: string) => strFromU8(parts[path]!)

  beforeAll(async () => {
    const view = select(project, toBriefSpec({lang: 'en', guidelines: ['VII']}))
    parts = unzipSync(await renderPptx(view, {paper: 'a4', date: defaultDate, handoutLayout: 2}))
  }, 120_000)

  /** Each `p:embeddedFont` of the presentation: its typeface and the relationship id of each face. */
  const entries = () =>
    [...text('ppt/presentation.xml').matchAll(/<p:embeddedFont>(.*?)<\/p:embeddedFont>/g)].map(([, body]) => ({
      typeface: /<p:font typeface="([^"]+)"/.exec(body!)![1]!,
      faces: Object.fromEntries([...body!.matchAll(/<p:(regular|bold|italic|boldItalic) r:id="([^"]+)"\/>/g)].map(([, slot, id]) => [slot!, id!])),
    }))

  test('the presentation flags and lists its fonts where PowerPoint reads them, each face a related part of the font content type', () => {
    const presentation = text('ppt/presentation.xml')
    expect(presentation).toMatch(/<p:presentation\b[^>]*\bembedTrueTypeFonts="1"/)
    // CT_Presentation's order: after the slide and notes sizes, before the default text style.
    expect(presentation).toMatch(/<p:notesSz [^>]*\/><p:embeddedFontLst>.*<\/p:embeddedFontLst><p:defaultTextStyle>/)
    const rels = text('ppt/_rels/presentation.xml.rels')
    const types = text('[Content_Types].xml')
    const faces = entries().flatMap((entry) => Object.values(entry.faces))
    expect(faces.length).toBeGreaterThanOrEqual(6)
    for (const id of faces) {
      const rel = new RegExp(`<Relationship Id="${id}" Type="([^"]+)" Target="([^"]+)"/>`).exec(rels)
      expect(rel, id).not.toBeNull()
      expect(rel![1]).toBe(fontRel)
      const part = posix.join('ppt', rel![2]!)
      expect(parts[part], part).toBeDefined()
      expect(part).toMatch(/^ppt\/fonts\/font\d+\.fntdata$/)
    }
    expect(types).toContain('<Default Extension="fntdata" ContentType="application/x-fontdata"/>')
  })

  test('every typeface the slides, masters and theme set is embedded, with its regular and bold faces', () => {
    const set = new Set<string>()
    for (const [path, data] of Object.entries(parts)) {
      if (!/^ppt\/(slides|slideMasters|slideLayouts|theme)\/[^/]+\.xml$/.test(path)) continue
      for (const [, face] of strFromU8(data).matchAll(/<a:latin typeface="([^"+][^"]*)"/g)) set.add(face!)
    }
    expect([...set].sort()).toEqual(['Source Sans 3', 'Source Serif 4'])
    const embedded = new Map(entries().map((entry) => [entry.typeface, entry.faces]))
    for (const typeface of set) {
      expect(embedded.get(typeface)?.['regular'], typeface).toBeDefined()
      expect(embedded.get(typeface)?.['bold'], typeface).toBeDefined()
    }
  })

  test("each face reads back through LibreOffice's EOT reader as the bundled font, named for the slot it fills", () => {
    const rels = text('ppt/_rels/presentation.xml.rels')
    expect(entries().map((entry) => entry.typeface)).toEqual(['Source Sans 3', 'Source Serif 4'])
    for (const {typeface, faces} of entries()) {
      for (const [slot, id] of Object.entries(faces) as [keyof typeof slotStyles, string][]) {
        const target = new RegExp(`<Relationship Id="${id}" [^>]*Target="([^"]+)"`).exec(rels)![1]!
        const ttf = libeotDecode(parts[posix.join('ppt', target)]!)
        expect(ttf, `${typeface} ${slot}`).not.toBeNull()
        const {weight, style} = slotStyles[slot]
        expect(ttf!.equals(fontSfnt(typeface as FontFamily, weight, style)), `${typeface} ${slot}`).toBe(true)
        // PowerPoint matches a face by its own family name and style bits.
        const font = fontkit.create(ttf!)
        expect(font.familyName).toBe(typeface)
        expect(font.head.macStyle.bold).toBe(slot === 'bold' || slot === 'boldItalic')
        expect(font.head.macStyle.italic).toBe(slot === 'italic' || slot === 'boldItalic')
      }
    }
  })
})
