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
 * Lines too long or nested too deep make the markdown parser's work grow
 * faster than the text; refuse them before parsing, naming the line.
 */
export function checkShape(text: string, name: string): void {
  checkLimit('source-size', text.length, name)
  const maxLine = limit('line-length')
  const maxDepth = limit('nesting-depth')
  let line = 1
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    if (end - start > maxLine) throw limitError('line-length', end - start, `${name}:${line}:1`)
    const depth = nestingOf(text, start, end)
    if (depth > maxDepth) throw limitError('nesting-depth', depth, `${name}:${line}:1`)
    start = end + 1
    line++
  }
}

/** Levels a line opens: two columns of indentation each, plus each leading list marker or `>`. */
function nestingOf(text: string, start: number, end: number): number {
  let columns = 0
  let markers = 0
  let i = start
  for (; i < end; i++) {
    const c = text[i]
    if (c === ' ') columns++
    else if (c === '\t') columns += 4
    else if ((c === '>' || c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t' || c === '>')) markers++
    else break
  }
  return Math.floor(columns / 2) + markers
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
