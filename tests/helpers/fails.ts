import {expect} from 'vitest'
import {BriefsError} from '../../source/errors.js'

/** The BriefsError `fn` throws (the test fails if it throws anything else, or nothing). */
export function fails(fn: () => unknown): BriefsError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(BriefsError)
    return error as BriefsError
  }
  throw new Error('expected an error')
}
