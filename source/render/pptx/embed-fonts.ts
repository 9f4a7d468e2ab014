import {strFromU8, strToU8} from 'fflate'
import {fontFamilies, fontSfnt, type FontFamily} from '../fonts.js'
import {sfntTable, sfntToEot} from '../sfnt-to-eot.js'

/** The four slots PowerPoint holds per typeface, in the order `CT_EmbeddedFontListEntry` lists them. */
const slots = {
  regular: {weight: 400, style: 'normal'},
  bold: {weight: 700, style: 'normal'},
  italic: {weight: 400, style: 'italic'},
  boldItalic: {weight: 700, style: 'italic'},
} as const
type Slot = keyof typeof slots

/**
 * The faces a deck sets: the sans in every slot (source text carries emphasis
 * and strong runs), the serif for the section numerals (bold) and its regular,
 * which PowerPoint falls back to when a face of the family is asked for.
 */
const deckFaces: readonly {readonly family: FontFamily; readonly slots: readonly Slot[]; readonly pitchFamily: number}[] = [
  // pitchFamily: variable pitch (2) + FF_SWISS (0x20) or FF_ROMAN (0x10), as the Windows GDI writes it.
  {family: fontFamilies.sans, slots: ['regular', 'bold', 'italic', 'boldItalic'], pitchFamily: 0x22},
  {family: fontFamilies.serif, slots: ['regular', 'bold'], pitchFamily: 0x12},
]

export const fontRelationshipType = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/font'
export const fontContentType = 'application/x-fontdata'

let cachedFiles: Map<string, Buffer> | null = null

/** Each face as its `.fntdata` bytes, made once per process (the wrapping is the same every time). */
function fontData(family: FontFamily, slot: Slot): Buffer {
  cachedFiles ??= new Map()
  const key = `${family}/${slot}`
  let data = cachedFiles.get(key)
  if (!data) {
    const {weight, style} = slots[slot]
    cachedFiles.set(key, (data = sfntToEot(fontSfnt(family, weight, style))))
  }
  return data
}

/** The 10 PANOSE bytes of a family (from its regular face) as the hex string `p:font/@panose` takes. */
const panoseOf = (family: FontFamily): string => sfntTable(fontSfnt(family, 400), 'OS/2').subarray(32, 42).toString('hex').toUpperCase()

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * A deck's parts with the project's fonts embedded as PowerPoint embeds them
 * (File › Options › Save › Embed fonts): a `/ppt/fonts/fontN.fntdata` part
 * per face (EOT-wrapped TrueType, see `sfntToEot`), related from the
 * presentation, listed in its `p:embeddedFontLst` and flagged with
 * `embedTrueTypeFonts`, so that on a machine without Source Sans 3 and
 * Source Serif 4 the slides keep the faces they were measured with instead
 * of reflowing in a substitute. The whole Latin faces are embedded (not
 * `saveSubsetFonts`), so that an edit on that machine can type any letter of
 * Spanish, Portuguese or English.
 */
export function embedFonts(parts: readonly (readonly [string, Uint8Array])[]): [string, Uint8Array][] {
  const faces = deckFaces.flatMap(({family, slots: used}) => used.map((slot) => ({family, slot})))
  const files = faces.map((face, i) => ({...face, id: `rIdFont${i + 1}`, path: `fonts/font${i + 1}.fntdata`}))
  const list = deckFaces
    .map(({family, slots: used, pitchFamily}) => {
      const entries = used.map((slot) => `<p:${slot} r:id="${files.find((f) => f.family === family && f.slot === slot)!.id}"/>`)
      return `<p:embeddedFont><p:font typeface="${escapeAttribute(family)}" panose="${panoseOf(family)}" pitchFamily="${pitchFamily}" charset="0"/>${entries.join('')}</p:embeddedFont>`
    })
    .join('')
  const rewrites: Record<string, (xml: string) => string> = {
    '[Content_Types].xml': (xml) =>
      xml.includes('Extension="fntdata"') ? xml : xml.replace(/(<Types\b[^>]*>)/, `$1<Default Extension="fntdata" ContentType="${fontContentType}"/>`),
    'ppt/_rels/presentation.xml.rels': (xml) =>
      xml.replace('</Relationships>', `${files.map((f) => `<Relationship Id="${f.id}" Type="${fontRelationshipType}" Target="${f.path}"/>`).join('')}</Relationships>`),
    'ppt/presentation.xml': (xml) => {
      const flagged = xml
        .replace(/\s+saveSubsetFonts="[^"]*"/, '')
        .replace(/<p:presentation\b/, '<p:presentation embedTrueTypeFonts="1"')
      // CT_Presentation's order: the list follows sldSz and notesSz (PowerPoint refuses a deck with it among the id lists).
      const at = /<p:notesSz\b[^>]*\/>/.exec(flagged)
      if (!at) throw new Error('Cannot embed fonts in a presentation without p:notesSz')
      const end = at.index + at[0].length
      return `${flagged.slice(0, end)}<p:embeddedFontLst>${list}</p:embeddedFontLst>${flagged.slice(end)}`
    },
  }
  const rewritten = parts.map(([path, data]): [string, Uint8Array] => {
    const rewrite = rewrites[path]
    return [path, rewrite ? strToU8(rewrite(strFromU8(data))) : data]
  })
  return [...rewritten, ...files.map((f): [string, Uint8Array] => [`ppt/${f.path}`, fontData(f.family, f.slot)])]
}
