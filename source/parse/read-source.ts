import {readFileSync} from 'node:fs'
import {inputError} from '../errors.js'

/**
 * Decode a source file's bytes as UTF-8 text.
 * Refuses empty, binary and non-UTF-8 input with one clear message; strips a BOM.
 */
export function decodeSource(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw inputError(`${name}:1:1: Cannot read the document: the file is empty`)
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const {line, column} = locate(bytes, nul)
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
    return readFileSync(path)
  } catch (error) {
    throw inputError(`${shown}: Cannot read the source text (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
}
