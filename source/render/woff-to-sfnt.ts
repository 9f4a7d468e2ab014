import {inflateSync} from 'node:zlib'

/**
 * Unwrap a WOFF 1.0 file into the TrueType/OpenType file it was made from.
 * Word embeds and measures TrueType files only, and the bundled font
 * packages ship web fonts; WOFF 1.0 is the sfnt tables each deflated
 * separately, so Node's zlib is all it takes (WOFF2 would need a
 * glyph-transform decoder).
 */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength)
  if (input.readUInt32BE(0) !== 0x77_4f_46_46) throw new Error('Cannot read a font that is not WOFF 1.0')
  const flavor = input.readUInt32BE(4)
  const numTables = input.readUInt16BE(12)
  const tables: {tag: number; checksum: number; data: Buffer}[] = []
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20
    const offset = input.readUInt32BE(entry + 4)
    const compLength = input.readUInt32BE(entry + 8)
    const origLength = input.readUInt32BE(entry + 12)
    const raw = input.subarray(offset, offset + compLength)
    tables.push({
      tag: input.readUInt32BE(entry),
      checksum: input.readUInt32BE(entry + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    })
  }
  let searchRange = 1
  let entrySelector = 0
  while (searchRange * 2 <= numTables) {
    searchRange *= 2
    entrySelector++
  }
  const headerLength = 12 + numTables * 16
  const padded = (n: number) => (n + 3) & ~3
  const total = tables.reduce((sum, t) => sum + padded(t.data.length), headerLength)
  const out = Buffer.alloc(total)
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(numTables, 4)
  out.writeUInt16BE(searchRange * 16, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(numTables * 16 - searchRange * 16, 10)
  let offset = headerLength
  tables.forEach((table, i) => {
    const entry = 12 + i * 16
    out.writeUInt32BE(table.tag, entry)
    out.writeUInt32BE(table.checksum, entry + 4)
    out.writeUInt32BE(offset, entry + 8)
    out.writeUInt32BE(table.data.length, entry + 12)
    table.data.copy(out, offset)
    offset += padded(table.data.length)
  })
  return out
}
