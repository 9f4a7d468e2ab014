import type {ProfileVersion} from '../accounts/index.js'
import type {Language} from '../model/vocabulary.js'
import {label} from './page-context.js'

/** Fields shown per version on the page; the API gives all of them. */
const shownChanges = 6
const shownLength = 140

function clip(value: string | null): string | null {
  if (value === null) return null
  return value.length > shownLength ? `${value.slice(0, shownLength - 1)}…` : value
}

/** A profile's versions as the History section of its page shows them: newest first, who, when, what. */
export function historyRows(versions: readonly ProfileVersion[], lang: Language) {
  return versions.map((v, index) => ({
    id: v.id,
    time: v.time,
    when: `${v.time.slice(0, 10)} ${v.time.slice(11, 16)}`,
    who: v.user ?? label(lang, 'web.history.outside'),
    action: label(lang, `web.history.action.${v.action}`),
    changes: v.changes.slice(0, shownChanges).map((c) => ({field: c.field, before: clip(c.before), after: clip(c.after)})),
    more: v.changes.length > shownChanges ? label(lang, 'web.history.more', {count: v.changes.length - shownChanges}) : null,
    current: index === 0,
  }))
}
