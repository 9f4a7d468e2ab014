import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {checkProfile, type Profile} from '../annotate/profiles.js'
import {emptyProfileText, updateProfileText, type ProfileUpdate} from '../annotate/write-profile.js'
import {displayPath} from '../display-path.js'
import {writeFileAtomic} from '../output/write-atomic.js'
import {readYaml, type YamlProblem} from '../yaml-file.js'
import {HttpError} from './http-error.js'
import type {Workspace} from './workspace.js'

/** One country's profile as stored: its text, the version tag of that text and what it holds. */
export interface StoredProfile {
  readonly code: string
  readonly path: string
  readonly text: string
  /** A strong ETag of the file's bytes. */
  readonly etag: string
  /** Null when the file on disk does not pass the checks (an edit by hand); `problems` says why. */
  readonly profile: Profile | null
  readonly problems: YamlProblem[]
}

export type SaveResult =
  | {readonly kind: 'saved'; readonly stored: StoredProfile; /** The file's text before the save. */ readonly previous: string}
  | {readonly kind: 'conflict'; readonly current: StoredProfile}
  | {readonly kind: 'invalid'; readonly problems: YamlProblem[]}

/** `CL` → the country, or 400 for anything that is not two capital letters (so no name can leave the folder), 404 for an unknown code. */
export function countryCode(ws: Workspace, value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new HttpError(400, `Unexpected country code \`${value.slice(0, 40)}\`, expected an ISO 3166-1 alpha-2 code such as \`CL\``)
  const code = value.toUpperCase()
  if (!ws.project().countries.some((c) => c.code === code)) {
    throw new HttpError(404, `Unknown country \`${code}\`. Valid values: ${ws.project().countries.map((c) => c.code).join(', ')}`)
  }
  return code
}

export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`
}

export function readStoredProfile(ws: Workspace, code: string): StoredProfile {
  const path = join(ws.paths.profiles, `${code}.yaml`)
  const text = existsSync(path) ? readFileSync(path, 'utf8') : emptyProfileText(code)
  const checked = checkProfile(readYaml(path, text), code, ws.project().known)
  return {code, path, text, etag: etagOf(text), profile: checked.profile, problems: checked.problems}
}

/**
 * Apply an update if the profile is still the version the editor started
 * from (`ifMatch`), check the result with the CLI's checks, and write it
 * atomically. Reading, comparing and writing are synchronous, so two saves
 * cannot interleave between the comparison and the rename.
 */
export function saveProfile(ws: Workspace, code: string, update: ProfileUpdate, ifMatch: string): SaveResult {
  const current = readStoredProfile(ws, code)
  if (ifMatch !== current.etag) return {kind: 'conflict', current}
  return commitText(ws, code, current, updateProfileText(current.text, update, displayPath(current.path)))
}

/** Make the profile's file say `text` (an earlier version, restored), with the same If-Match and checks as a save. */
export function writeProfileText(ws: Workspace, code: string, text: string, ifMatch: string): SaveResult {
  const current = readStoredProfile(ws, code)
  if (ifMatch !== current.etag) return {kind: 'conflict', current}
  return commitText(ws, code, current, text)
}

/** Check `text` as the country's profile and write it when it differs from `current` (a save and a restore alike). */
function commitText(ws: Workspace, code: string, current: ReturnType<typeof readStoredProfile>, text: string): SaveResult {
  const checked = checkProfile(readYaml(current.path, text), code, ws.project().known)
  if (checked.profile === null) return {kind: 'invalid', problems: checked.problems}
  if (text !== current.text) {
    writeFileAtomic(current.path, text)
    ws.invalidate()
  }
  return {kind: 'saved', stored: {code, path: current.path, text, etag: etagOf(text), profile: checked.profile, problems: []}, previous: current.text}
}
