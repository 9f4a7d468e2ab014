import {readFileSync, statSync} from 'node:fs'
import {BriefsError, explainSystemError, inputError} from '../errors.js'
import {checkLimit, limit, limitError} from '../limits.js'

/**
 * Decode a source file's bytes as UTF-8 text.
 * Refuses empty, binary and non-UTF-8 input with one clear message; strips a BOM.
 */
export function decodeSource(bytes: Uint8Array, name: string): string {
  checkLimit('source-size', bytes.length, name)
  if (bytes.length === 0) throw inputError(`${name}:1:1: Cannot read the document: the file is empty`)
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const {line, column} = locate(bytes, nul)
    if (looksUtf16(bytes)) throw inputError(`${name}:1:1: Cannot read the document: it is encoded as UTF-16; save it as UTF-8`)
    throw inputError(`${name}:${line}:${column}: Cannot read the document: it holds binary data (a NUL byte), expected UTF-8 text`)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8(bytes)
    const {line, column} = locate(bytes, bad)
    throw inputError(`${name}:${line}:${column}: Cannot read the document: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} is not valid UTF-8; save the file as UTF-8`)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') throw inputError(`${name}:1:1: Cannot read the document: the file holds only white space`)
  return text
}

/** A UTF-16 byte order mark, or text whose every other byte is NUL (UTF-16 without one). */
function looksUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true
  const sample = bytes.subarray(0, 512)
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? evenNul++ : oddNul++
  const half = sample.length / 2
  return evenNul > half * 0.8 || oddNul > half * 0.8
}

/**
 * Lines too long or nested too deep, and long paragraphs inside quotes or
 * list items, make the markdown parser's work grow faster than the text;
 * refuse them before parsing, naming the line.
 */
export function checkShape(text: string, name: string): void {
  checkLimit('source-size', text.length, name)
  const maxLine = limit('line-length')
  const maxDepth = limit('nesting-depth')
  const paragraphs = new ParagraphCounter(limit('paragraph-lines'), name)
  let line = 1
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    if (end - start > maxLine) throw limitError('line-length', end - start, `${name}:${line}:1`)
    const prefix = prefixOf(text, start, end)
    if (prefix.depth > maxDepth) throw limitError('nesting-depth', prefix.depth, `${name}:${line}:1`)
    paragraphs.line(line, prefix)
    start = end + 1
    line++
  }
  paragraphs.end()
}

interface Prefix {
  /** Levels the line opens: two columns of indentation each, plus each leading list marker or `>`. */
  readonly depth: number
  readonly quotes: number
  /** A bullet, or the ordered marker `1.`, that may interrupt a paragraph and so starts a new one. */
  readonly opensItem: boolean
  readonly indented: boolean
  readonly blank: boolean
}

function prefixOf(text: string, start: number, end: number): Prefix {
  let columns = 0
  let markers = 0
  let quotes = 0
  let opensItem = false
  let i = start
  for (; i < end; i++) {
    const c = text[i]
    const spaceAfter = text[i + 1] === ' ' || text[i + 1] === '\t'
    if (c === ' ') columns++
    else if (c === '\t') columns += 4
    else if (c === '>') (markers++, quotes++)
    else if ((c === '-' || c === '*' || c === '+') && spaceAfter) (markers++, (opensItem = true))
    else if (c === '1' && (text[i + 1] === '.' || text[i + 1] === ')') && (text[i + 2] === ' ' || text[i + 2] === '\t')) {
      opensItem = true
      break
    } else break
  }
  return {depth: Math.floor(columns / 2) + markers, quotes, opensItem, indented: columns >= 2, blank: text.slice(i, end).trim() === ''}
}

/**
 * micromark walks back over a paragraph's events for every lazy line (one
 * with fewer `>` or less indentation than the quote or list item it goes on),
 * so such a paragraph costs the square of its length. Count the lines of each
 * paragraph that starts inside a quote or list item, roughly as micromark
 * does (a paragraph goes on until a blank line, a new bullet or `1.`, or more
 * `>` than it started with); where the rough count errs it counts more
 * lines, never fewer.
 */
class ParagraphCounter {
  private startLine = 0
  private lines = 0
  private quotes = 0
  private contained = false

  constructor(
    private readonly max: number,
    private readonly name: string,
  ) {}

  line(line: number, prefix: Prefix): void {
    if (prefix.blank) return this.end()
    if (this.lines === 0 || prefix.opensItem || prefix.quotes > this.quotes) {
      this.end()
      this.startLine = line
      this.lines = 1
      this.quotes = prefix.quotes
      this.contained = prefix.depth > 0 || prefix.opensItem || prefix.indented
      return
    }
    this.lines++
  }

  end(): void {
    if (this.contained && this.lines > this.max) throw limitError('paragraph-lines', this.lines, `${this.name}:${this.startLine}:1`)
    this.lines = 0
  }
}

function locate(bytes: Uint8Array, index: number): {line: number; column: number} {
  let line = 1
  let start = 0
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++
      start = i + 1
    }
  }
  const column = new TextDecoder('utf-8').decode(bytes.subarray(start, index)).length + 1
  return {line, column}
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0
    if (size === 0) return i
    for (let k = 1; k < size; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    i += size
  }
  return Math.max(0, bytes.length - 1)
}

/** Read a source file's bytes; a missing or unreadable file is an input error naming it. */
export function readSourceFile(path: string, shown: string = path): Uint8Array {
  try {
    // Refuse an oversized file before reading it into memory.
    const stat = statSync(path)
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), {code: 'EISDIR'})
    checkLimit('source-size', stat.size, shown)
    return readFileSync(path)
  } catch (error) {
    if (error instanceof BriefsError) throw error
    throw inputError(`${shown}: Cannot read the source text: ${explainSystemError(error)}`)
  }
}
