import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Poppler's tools read files: keep each PDF under test in a temporary folder. */
export class PdfFile {
  readonly path: string
  private readonly dir: string
  constructor(bytes: Uint8Array, name = 'brief.pdf') {
    this.dir = mkdtempSync(join(tmpdir(), 'briefs-pdf-test-'))
    this.path = join(this.dir, name)
    writeFileSync(this.path, bytes)
  }
  /** `pdftotext` of the whole file or of one page (1-based). */
  text(options: {page?: number; mode?: '-raw' | '-layout'} = {}): string {
    const range = options.page === undefined ? [] : ['-f', String(options.page), '-l', String(options.page)]
    return execFileSync('pdftotext', [options.mode ?? '-raw', '-enc', 'UTF-8', ...range, this.path, '-'], {encoding: 'utf8'})
  }
  info(): Record<string, string> {
    const out = execFileSync('pdfinfo', [this.path], {encoding: 'utf8'})
    return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]))
  }
  /** Rows of `pdffonts`: name, type, emb. */
  fonts(): {name: string; embedded: boolean}[] {
    const lines = execFileSync('pdffonts', [this.path], {encoding: 'utf8'}).split('\n').slice(2).filter((l) => l.trim() !== '')
    // Columns: name type encoding emb sub uni object ID; the name has no spaces, the type may.
    return lines.map((line) => {
      const parts = line.trim().split(/\s+/)
      return {name: parts[0]!, embedded: parts[parts.length - 5] === 'yes'}
    })
  }
  /**
   * One page rendered by `pdftoppm` at `dpi`, as RGB pixels: what a reader
   * sees on screen or paper, painted areas included.
   */
  pixels(page: number, dpi = 30): Raster {
    const ppm = execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), this.path], {maxBuffer: 256 << 20})
    return readPpm(ppm)
  }
  remove(): void {
    rmSync(this.dir, {recursive: true, force: true})
  }
}

/**
 * Text reduced to letters and digits: line breaks, hyphenation, soft hyphens
 * and spacing differ between the model and a laid-out page, the words do not.
 */
export function squash(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00ad\-‐‑]+/g, '')
}

/** An RGB image, row after row. */
export interface Raster {
  readonly width: number
  readonly height: number
  /** The colour at column `x`, row `y` as `#rrggbb`. */
  at(x: number, y: number): string
}

/** A binary PPM (P6, maxval 255) as `pdftoppm` writes it. */
function readPpm(bytes: Buffer): Raster {
  // Header: P6, width, height, maxval, separated by white space, then one white-space byte.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'))
  if (!header) throw new Error('Cannot read pdftoppm output: not a binary PPM with maxval 255')
  const width = Number(header[1])
  const height = Number(header[2])
  const start = header[0].length
  const hex = (n: number) => n.toString(16).padStart(2, '0')
  return {
    width,
    height,
    at(x, y) {
      const i = start + 3 * (y * width + x)
      return `#${hex(bytes[i]!)}${hex(bytes[i + 1]!)}${hex(bytes[i + 2]!)}`
    },
  }
}
