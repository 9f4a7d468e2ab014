import fontkit from '@pdf-lib/fontkit'

/** EOT version 0x00020001: the header with a (here empty) root string, the one every reader takes. */
const version = 0x0002_0001
const magicNumber = 0x504c
/** `DEFAULT_CHARSET` of the Windows GDI: the face covers whatever its cmap covers. */
const defaultCharset = 1

/** The bytes of table `tag` of an sfnt file, or throw: every TrueType file has the tables read here. */
export function sfntTable(sfnt: Buffer, tag: string): Buffer {
  const count = sfnt.readUInt16BE(4)
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * 16
    if (sfnt.toString('latin1', entry, entry + 4) !== tag) continue
    const offset = sfnt.readUInt32BE(entry + 8)
    return sfnt.subarray(offset, offset + sfnt.readUInt32BE(entry + 12))
  }
  throw new Error(`Cannot wrap a font without a '${tag}' table as EOT`)
}

/** A name as EOT stores it: its byte length (UTF-16LE), then the bytes. */
function nameField(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le')
  const size = Buffer.alloc(2)
  size.writeUInt16LE(bytes.length, 0)
  return Buffer.concat([size, bytes])
}

const padding = () => Buffer.alloc(2)

/**
 * A TrueType file wrapped as Embedded OpenType (uncompressed, not
 * XOR-obfuscated), the format PowerPoint writes in a deck's `.fntdata` parts
 * and the one LibreOffice's PowerPoint import reads them as (through libeot):
 * a little-endian header that repeats what a font loader needs to match and
 * license the face (names, weight, italic, PANOSE, Unicode and code-page
 * ranges, `fsType`), then the font file unchanged.
 */
export function sfntToEot(sfnt: Buffer): Buffer {
  const os2 = sfntTable(sfnt, 'OS/2')
  const head = sfntTable(sfnt, 'head')
  const font = fontkit.create(sfnt)
  const fixed = Buffer.alloc(82)
  fixed.writeUInt32LE(sfnt.length, 4) // FontDataSize
  fixed.writeUInt32LE(version, 8)
  fixed.writeUInt32LE(0, 12) // Flags: not subset further, not compressed, not obfuscated
  os2.copy(fixed, 16, 32, 42) // FontPANOSE
  fixed.writeUInt8(defaultCharset, 26)
  fixed.writeUInt8(os2.readUInt16BE(62) & 1, 27) // Italic: bit 0 of fsSelection
  fixed.writeUInt32LE(os2.readUInt16BE(4), 28) // Weight: usWeightClass
  fixed.writeUInt16LE(os2.readUInt16BE(8), 32) // fsType
  fixed.writeUInt16LE(magicNumber, 34)
  for (let i = 0; i < 4; i++) fixed.writeUInt32LE(os2.readUInt32BE(42 + i * 4), 36 + i * 4) // UnicodeRange1–4
  const codePages = os2.readUInt16BE(0) >= 1
  for (let i = 0; i < 2; i++) fixed.writeUInt32LE(codePages ? os2.readUInt32BE(78 + i * 4) : 0, 52 + i * 4) // CodePageRange1–2
  fixed.writeUInt32LE(head.readUInt32BE(8), 60) // CheckSumAdjustment
  // Reserved1–4 (64–79) and Padding1 (80–81) stay zero.
  const header = Buffer.concat([
    fixed,
    nameField(font.familyName ?? ''),
    padding(),
    nameField(font.subfamilyName ?? ''),
    padding(),
    nameField(font.version ?? ''),
    padding(),
    nameField(font.fullName ?? ''),
    padding(),
    nameField(''), // RootString: no restriction to pages of one site
  ])
  const eot = Buffer.concat([header, sfnt])
  eot.writeUInt32LE(eot.length, 0) // EOTSize
  return eot
}
