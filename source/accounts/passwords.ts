import {Algorithm, hash, verify} from '@node-rs/argon2'

/**
 * Argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane):
 * about 30 ms a hash on one core here, memory-hard, so a stolen database
 * costs an attacker real hardware for every guess.
 */
const options = {algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1} as const

export const passwordLength = {min: 12, max: 256} as const

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < passwordLength.min) return `Expected a password of at least ${passwordLength.min} characters, got ${password.length}`
  if (password.length > passwordLength.max) return `Expected a password of at most ${passwordLength.max} characters`
  if (/^\s|\s$/.test(password)) return 'Unexpected space at the start or end of the password'
  return null
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

// Checked against when the user does not exist, so a wrong name takes as long as a wrong password (no user enumeration by timing).
let decoy: Promise<string> | null = null

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > passwordLength.max) return false
  if (stored === null) {
    decoy ??= hash('decoy password that matches nothing', options)
    await verify(await decoy, password)
    return false
  }
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}
