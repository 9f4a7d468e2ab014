import type {Profile} from '../annotate/profiles.js'
import type {AssessmentAnswer, ProfileUpdate} from '../annotate/write-profile.js'
import type {YamlProblem} from '../yaml-file.js'
import {HttpError} from './http-error.js'
import {editionFor, label} from './page-context.js'
import type {StoredProfile} from './profile-store.js'
import type {Workspace} from './workspace.js'
import {assessmentStatuses, isOneOf, type AssessmentStatus, type Language} from '../model/vocabulary.js'

/** The editable fields as the form holds them (what the user typed, even when it does not pass). */
export interface ProfileForm {
  readonly context: string
  readonly focus: {readonly guidelines: string[]; readonly audiences: string[]; readonly themes: string[]}
  readonly answers: Record<number, {status: string; note: string; evidence: string}>
}

export function formOfProfile(profile: Profile | null): ProfileForm {
  const answers: ProfileForm['answers'] = {}
  for (const [key, a] of Object.entries(profile?.assessments ?? {})) answers[Number(key)] = {status: a.status, note: a.note ?? '', evidence: a.evidence ?? ''}
  return {
    context: profile?.context ?? '',
    focus: {guidelines: [...(profile?.focus.guidelines ?? [])], audiences: [...(profile?.focus.audiences ?? [])], themes: [...(profile?.focus.themes ?? [])]},
    answers,
  }
}

/** Field name → message, from the checks' problems (their data paths) and the form's own. */
export type FieldErrors = Record<string, string>

export function fieldErrors(problems: readonly YamlProblem[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const p of problems) {
    const [top, key, field] = p.path.map(String)
    const name = top === 'assessments' && key ? `a.${key}.${field ?? 'status'}` : top === 'focus' ? 'focus' : (top ?? 'context')
    // The place (file:line:column) helps in a terminal; beside a field the reason is enough.
    errors[name] ??= p.message.replace(/^.*?:\d+:\d+: /, '')
  }
  return errors
}

/**
 * A posted form → the form as typed, the update for the answers shown (only
 * those that changed, so untouched entries keep their bytes) and problems
 * the form itself can see.
 */
export function readProfileForm(body: Record<string, string[]>, current: Profile | null, numbers: ReadonlySet<number>, lang: Language): {form: ProfileForm; update: ProfileUpdate; errors: FieldErrors; etag: string} {
  const one = (name: string) => body[name]?.at(-1) ?? ''
  const etag = one('etag')
  const shown = one('shown').split(',').filter(Boolean).map(Number)
  for (const n of shown) if (!numbers.has(n)) throw new HttpError(400, `Unexpected recommendation \`${n}\` in the form`)
  const form: ProfileForm = {
    context: one('context').replace(/\r\n/g, '\n').trim(),
    focus: {guidelines: body['focus.guidelines'] ?? [], audiences: body['focus.audiences'] ?? [], themes: body['focus.themes'] ?? []},
    answers: formOfProfile(current).answers,
  }
  const errors: FieldErrors = {}
  const assessments: Record<number, AssessmentAnswer | null> = {}
  for (const n of shown) {
    const status = one(`a.${n}.status`)
    const note = one(`a.${n}.note`).replace(/\r\n/g, '\n').trim()
    const evidence = one(`a.${n}.evidence`).trim()
    form.answers[n] = {status, note, evidence}
    const before = current?.assessments[String(n)]
    if (status === '') {
      if (note || evidence) errors[`a.${n}.status`] = label(lang, 'web.profile.noteNeedsStatus')
      else if (before) assessments[n] = null
      continue
    }
    if (!isOneOf(assessmentStatuses, status)) {
      errors[`a.${n}.status`] = `Unexpected status \`${status}\`, expected one of ${assessmentStatuses.join(', ')}`
      continue
    }
    if (before && before.status === status && (before.note ?? '') === note && (before.evidence ?? '') === evidence) continue
    assessments[n] = {status, note: note || undefined, evidence: evidence || undefined, assessed: before?.assessed}
  }
  const update: ProfileUpdate = {
    ...(form.context !== (current?.context ?? '').trim() ? {context: form.context} : {}),
    ...(!current || !sameFocus(current.focus, form.focus) ? {focus: form.focus} : {}),
    ...(Object.keys(assessments).length > 0 ? {assessments} : {}),
  }
  return {form, update, errors, etag}
}

function sameFocus(a: Profile['focus'], b: ProfileForm['focus']): boolean {
  return (['guidelines', 'audiences', 'themes'] as const).every((k) => a[k].join('\0') === b[k].join('\0'))
}

/** Everything the profile page shows. */
export function profileContext(ws: Workspace, stored: StoredProfile, lang: Language, options: {guideline?: string | undefined; form?: ProfileForm; errors?: FieldErrors; saved?: boolean; invalid?: boolean; conflict?: StoredProfile; uploadError?: string; imported?: string | undefined}) {
  const project = ws.project()
  const country = project.countries.find((c) => c.code === stored.code)!
  const form = options.form ?? formOfProfile(stored.profile)
  const errors = options.errors ?? {}
  // Recommendations and guideline titles in the page's language where the document has that edition.
  const {model} = editionFor(project, lang)
  const guideline = model.guidelines.some((g) => g.id === options.guideline) ? options.guideline : undefined
  const recs = model.recommendations.filter((r) => !guideline || r.guideline === guideline)
  const statusLabel = (s: AssessmentStatus) => label(lang, `status.${s}`)
  return {
    page: 'profiles',
    pageTitle: label(lang, 'web.profile.heading', {country: country.name[lang]}),
    heading: label(lang, 'web.profile.heading', {country: country.name[lang]}),
    code: stored.code,
    etag: options.conflict?.etag ?? stored.etag,
    guideline,
    shown: recs.map((r) => r.number).join(','),
    form,
    errors: {...errors, focus: errors['focus']},
    saved: options.saved ?? false,
    imported: options.imported !== undefined && /^\d+$/.test(options.imported) ? label(lang, 'web.profile.imported', {count: options.imported}) : null,
    uploadError: options.uploadError ?? null,
    invalid: options.invalid ?? false,
    conflict: options.conflict ?? null,
    fileProblems: options.form ? [] : stored.problems.map((p) => p.message),
    guidelineFilter: model.guidelines.map((g) => ({id: g.id, title: g.title, selected: g.id === guideline})),
    focus: {
      guidelines: model.guidelines.map((g) => ({id: g.id, checked: form.focus.guidelines.includes(g.id)})),
      audiences: project.audiences.map((t) => ({id: t.id, label: t.label[lang], checked: form.focus.audiences.includes(t.id)})),
      themes: project.themes.map((t) => ({id: t.id, label: t.label[lang], checked: form.focus.themes.includes(t.id)})),
    },
    rows: recs.map((r) => {
      const answer = form.answers[r.number]
      return {
        number: r.number, text: r.text,
        note: answer?.note ?? '', evidence: answer?.evidence ?? '',
        statuses: [{id: '', label: label(lang, 'status.none'), selected: !answer?.status}, ...assessmentStatuses.map((s) => ({id: s, label: statusLabel(s), selected: answer?.status === s}))],
        error: {status: errors[`a.${r.number}.status`], note: errors[`a.${r.number}.note`], evidence: errors[`a.${r.number}.evidence`]},
      }
    }),
  }
}
