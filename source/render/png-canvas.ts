import fontkit from '@pdf-lib/fontkit'
import * as zlib from 'node:zlib'
import {fontFamilies, fontSfnt} from './fonts.js'

type Font = ReturnType<typeof fontkit.create>
const fonts = new Map<number, Font>()

function sansFont(weight: 400 | 600 | 700): Font {
  let font = fonts.get(weight)
  if (!font) fonts.set(weight, (font = fontkit.create(fontSfnt(fontFamilies.sans, weight))))
  return font
}

/** Hex colour without `#` to its three channels. */
const channels = (hex: string): [number, number, number] => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]

/**
 * A white RGB bitmap that rectangles and text in the bundled Source Sans 3 are
 * painted on, then written as PNG: enough to draw a chart for readers that
 * show no SVG, without a browser or a native rasteriser. Text is set from the
 * font's own outlines (the glyphs and advances the SVG's text gets), filled
 * with exact-area anti-aliasing: each outline edge adds the signed area it
 * covers to a cell, and a running sum along the row gives each pixel's coverage.
 */
export class PngCanvas {
  readonly width: number
  readonly height: number
  private readonly rgb: Buffer

  constructor(width: number, height: number) {
    this.width = width
    this.height = height
    this.rgb = Buffer.alloc(width * height * 3, 0xff)
  }

  /** A rectangle in device pixels, its edges rounded to whole pixels (bars and swatches stay crisp). */
  fillRect(x: number, y: number, w: number, h: number, hex: string): void {
    const [r, g, b] = channels(hex)
    const x0 = Math.max(0, Math.round(x))
    const x1 = Math.min(this.width, Math.round(x + w))
    for (let row = Math.max(0, Math.round(y)); row < Math.min(this.height, Math.round(y + h)); row++) {
      for (let col = x0; col < x1; col++) {
        const at = (row * this.width + col) * 3
        this.rgb[at] = r
        this.rgb[at + 1] = g
        this.rgb[at + 2] = b
      }
    }
  }

  /** `text` in Source Sans 3 at `size` device pixels, its baseline at `y`, anchored at `x` as SVG's `text-anchor`. */
  fillText(text: string, x: number, y: number, size: number, hex: string, options: {weight?: 400 | 600 | 700; anchor?: 'start' | 'middle' | 'end'} = {}): void {
    const font = sansFont(options.weight ?? 400)
    const run = font.layout(text)
    const scale = size / font.unitsPerEm
    const advance = run.advanceWidth * scale
    const left = options.anchor === 'middle' ? x - advance / 2 : options.anchor === 'end' ? x - advance : x
    // The box the glyphs can reach: ascender to descender, a pixel of margin for anti-aliasing.
    const top = Math.floor(y - font.ascent * scale) - 1
    const bottom = Math.ceil(y - font.descent * scale) + 1
    const x0 = Math.floor(left) - 2
    const mask = new Coverage(Math.ceil(advance) + 6, bottom - top)
    let pen = 0
    run.glyphs.forEach((glyph, i) => {
      const position = run.positions[i]!
      const ox = left - x0 + (pen + position.xOffset) * scale
      const oy = y - top - position.yOffset * scale
      mask.addPath((glyph.path as unknown as {commands: Command[]}).commands, (px, py) => [ox + px * scale, oy - py * scale])
      pen += position.xAdvance
    })
    this.blend(mask, x0, top, channels(hex))
  }

  private blend(mask: Coverage, left: number, top: number, [r, g, b]: [number, number, number]): void {
    const alpha = mask.coverage()
    for (let row = 0; row < mask.height; row++) {
      const y = top + row
      if (y < 0 || y >= this.height) continue
      for (let col = 0; col < mask.width; col++) {
        const x = left + col
        // Seventeen levels of coverage are as smooth as text gets at print resolution, and keep
        // the bitmap within a 256-colour palette (a third of the bytes of RGB).
        const a = Math.round(alpha[row * mask.width + col]! * 16) / 16
        if (a <= 0 || x < 0 || x >= this.width) continue
        const at = (y * this.width + x) * 3
        this.rgb[at] = Math.round(this.rgb[at]! * (1 - a) + r * a)
        this.rgb[at + 1] = Math.round(this.rgb[at + 1]! * (1 - a) + g * a)
        this.rgb[at + 2] = Math.round(this.rgb[at + 2]! * (1 - a) + b * a)
      }
    }
  }

  /**
   * The bitmap as a PNG: palette-indexed when it holds at most 256 colours (flat bars, and text
   * blended in 17 steps), 8-bit RGB otherwise; rows unfiltered, since flat colour deflates well as it is.
   */
  png(): Uint8Array {
    const pixels = this.width * this.height
    const palette = new Map<number, number>()
    const indices = Buffer.alloc(pixels)
    let last = -1
    let index = 0
    for (let i = 0; i < pixels && palette.size <= 256; i++) {
      const key = (this.rgb[i * 3]! << 16) | (this.rgb[i * 3 + 1]! << 8) | this.rgb[i * 3 + 2]!
      // Most pixels repeat the one before (runs of white and of bar colour): look up only a change.
      if (key !== last) {
        const known = palette.get(key)
        if (known === undefined) palette.set(key, (index = palette.size))
        else index = known
        last = key
      }
      indices[i] = index
    }
    const indexed = palette.size <= 256
    const depth = indexed ? 1 : 3
    const stride = this.width * depth + 1
    const raw = Buffer.alloc(stride * this.height)
    const source = indexed ? indices : this.rgb
    for (let y = 0; y < this.height; y++) source.copy(raw, y * stride + 1, y * this.width * depth, (y + 1) * this.width * depth)
    const header = Buffer.alloc(13)
    header.writeUInt32BE(this.width, 0)
    header.writeUInt32BE(this.height, 4)
    header.set([8, indexed ? 3 : 2, 0, 0, 0], 8) // 8 bits, palette or RGB, no interlace
    const plte = Buffer.alloc(palette.size * 3)
    if (indexed) for (const [key, index] of palette) plte.set([key >> 16, (key >> 8) & 0xff, key & 0xff], index * 3)
    return new Uint8Array(Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      ...(indexed ? [chunk('PLTE', plte)] : []),
      chunk('IDAT', zlib.deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]))
  }
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0)
  return Buffer.concat([head, body, crc])
}

type Command = {command: string; args: number[]}

/** An anti-aliased coverage mask built from outlines (non-zero fill of glyph contours, which never overlap themselves). */
class Coverage {
  readonly width: number
  readonly height: number
  /** Signed area per cell; one spare cell per row takes what spills past the last column. */
  private readonly area: Float32Array

  constructor(width: number, height: number) {
    this.width = width
    this.height = height
    this.area = new Float32Array((width + 1) * height)
  }

  /** A glyph's outline, its points mapped to mask pixels by `map`; curves are flattened to short lines. */
  addPath(commands: readonly Command[], map: (x: number, y: number) => [number, number]): void {
    let start: [number, number] = [0, 0]
    let at: [number, number] = [0, 0]
    const lineTo = (to: [number, number]) => {
      this.edge(at, to)
      at = to
    }
    for (const {command, args} of commands) {
      switch (command) {
        case 'moveTo':
          if (at[0] !== start[0] || at[1] !== start[1]) this.edge(at, start)
          start = at = map(args[0]!, args[1]!)
          break
        case 'lineTo':
          lineTo(map(args[0]!, args[1]!))
          break
        case 'quadraticCurveTo': {
          const [c, end] = [map(args[0]!, args[1]!), map(args[2]!, args[3]!)]
          const from = at
          const steps = segments(from, c, end)
          for (let k = 1; k <= steps; k++) {
            const t = k / steps
            const u = 1 - t
            lineTo([u * u * from[0] + 2 * u * t * c[0] + t * t * end[0], u * u * from[1] + 2 * u * t * c[1] + t * t * end[1]])
          }
          break
        }
        case 'bezierCurveTo': {
          const [c1, c2, end] = [map(args[0]!, args[1]!), map(args[2]!, args[3]!), map(args[4]!, args[5]!)]
          const from = at
          const steps = segments(from, c1, c2, end)
          for (let k = 1; k <= steps; k++) {
            const t = k / steps
            const u = 1 - t
            lineTo([
              u * u * u * from[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t * t * t * end[0],
              u * u * u * from[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t * t * t * end[1],
            ])
          }
          break
        }
        case 'closePath':
          lineTo(start)
          break
      }
    }
    if (at[0] !== start[0] || at[1] !== start[1]) this.edge(at, start)
  }

  /**
   * Add an edge's signed area, row by row: in each row it crosses, the share of each cell that lies
   * right of it (averaged over the edge's height in the row), stored as differences along the row so
   * that a running sum gives every cell to its right the whole of it.
   */
  private edge([ax, ay]: [number, number], [bx, by]: [number, number]): void {
    if (ay === by) return
    const sign = ay < by ? 1 : -1
    const [x0, y0, x1, y1] = ay < by ? [ax, ay, bx, by] : [bx, by, ax, ay]
    const slope = (x1 - x0) / (y1 - y0)
    const stride = this.width + 1
    for (let row = Math.max(0, Math.floor(y0)); row < Math.min(this.height, Math.ceil(y1)); row++) {
      const top = Math.max(row, y0)
      const bottom = Math.min(row + 1, y1)
      const height = (bottom - top) * sign
      const xa = Math.min(this.width, Math.max(0, x0 + (top - y0) * slope))
      const xb = Math.min(this.width, Math.max(0, x0 + (bottom - y0) * slope))
      const [left, right] = xa < xb ? [xa, xb] : [xb, xa]
      const span = right - left
      // The part of cell `c` right of the edge, 0–1, averaged along the edge (x runs evenly over left..right).
      const rightOf = (c: number): number => {
        if (span < 1e-9) return Math.min(1, Math.max(0, c + 1 - left))
        let area = Math.max(0, Math.min(right, c) - left)
        const a = Math.max(left, c)
        const b = Math.min(right, c + 1)
        if (b > a) area += (c + 1) * (b - a) - (b * b - a * a) / 2
        return area / span
      }
      const line = row * stride
      const last = Math.min(this.width, Math.floor(right) + 1)
      let before = 0
      for (let cell = Math.floor(left); cell <= last; cell++) {
        const share = cell === last ? 1 : rightOf(cell)
        this.area[line + cell]! += height * (share - before)
        before = share
      }
    }
  }

  /** Each pixel's coverage, 0–1: the running sum of the areas along its row. */
  coverage(): Float32Array {
    const out = new Float32Array(this.width * this.height)
    const stride = this.width + 1
    for (let row = 0; row < this.height; row++) {
      let sum = 0
      for (let col = 0; col < this.width; col++) {
        sum += this.area[row * stride + col]!
        out[row * this.width + col] = Math.min(1, Math.abs(sum))
      }
    }
    return out
  }
}

/** Lines enough for a curve to look smooth: about one per two pixels of its control polygon. */
function segments(...points: [number, number][]): number {
  let length = 0
  for (let i = 1; i < points.length; i++) length += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1])
  return Math.max(2, Math.min(32, Math.ceil(length / 2)))
}
