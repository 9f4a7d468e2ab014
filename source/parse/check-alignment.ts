import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {Model, Position} from '../model/types.js'

/** The rule ids of the alignment check, one per kind of mismatch. */
export const alignmentRules = {
  guidelineMissing: 'edition-guideline-missing',
  guidelineExtra: 'edition-guideline-extra',
  recommendationMissing: 'edition-recommendation-missing',
  recommendationExtra: 'edition-recommendation-extra',
  guideline: 'edition-guideline',
  pages: 'edition-pages',
  footnotes: 'edition-footnote-markers',
  footnoteMissing: 'edition-footnote-missing',
  footnoteExtra: 'edition-footnote-extra',
  group: 'edition-group',
} as const

/** One edition and where it was read from, as messages name it. */
export interface EditionText {
  readonly model: Model
  readonly path: string
}

/**
 * Check an edition against the document's original: the same guidelines, the
 * same recommendation numbers under the same guideline and group, the same pages
 * and footnote markers, the same footnotes. Each mismatch is a fatal message on
 * `file` at the edition's line, naming the original's line; annotations are keyed
 * by recommendation number, so an edition that does not line up cannot share them.
 */
export function checkAlignment(edition: Model, file: VFile, original: EditionText): void {
  const at = (position: Position) => `${original.path}:${position.start.line}:${position.start.column}`
  const fail = (reason: string, place: Position | undefined, ruleId: string, originalPlace: Position) => {
    const message = file.message(`${reason} (original: ${at(originalPlace)})`, {
      place, ruleId, source: 'briefs', cause: new VFileMessage('Original here', {place: originalPlace}),
    })
    message.fatal = true
  }
  const list = (values: readonly (string | number)[]) => (values.length ? values.map((v) => `\`${v}\``).join(', ') : 'none')
  const fallback = edition.guidelines[0]?.position ?? edition.recommendations[0]?.position

  const guidelines = new Map(edition.guidelines.map((g) => [g.id, g]))
  for (const g of original.model.guidelines) {
    if (!guidelines.has(g.id)) fail(`Missing guideline \`${g.id}\`, expected it as in the original`, nextPlace(edition, g.recommendations[0] ?? 0) ?? fallback, alignmentRules.guidelineMissing, g.position)
  }
  const originalGuidelines = new Map(original.model.guidelines.map((g) => [g.id, g]))
  for (const g of edition.guidelines) {
    if (!originalGuidelines.has(g.id)) fail(`Unexpected guideline \`${g.id}\`, the original has ${list(original.model.guidelines.map((o) => o.id))}`, g.position, alignmentRules.guidelineExtra, original.model.guidelines.at(-1)?.position ?? g.position)
  }

  // Groups are compared by their place in the guideline (I-1, I-2 …): titles are translated.
  const groupOf = (model: Model) => new Map(model.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations.map((n) => [n, group.id] as const))))
  const editionGroups = groupOf(edition)
  const originalGroups = groupOf(original.model)

  const recs = new Map(edition.recommendations.map((r) => [r.number, r]))
  for (const want of original.model.recommendations) {
    const rec = recs.get(want.number)
    if (!rec) {
      fail(`Missing recommendation ${want.number}, expected it under guideline \`${want.guideline}\` as in the original`, nextPlace(edition, want.number) ?? fallback, alignmentRules.recommendationMissing, want.position)
      continue
    }
    if (rec.guideline !== want.guideline) {
      fail(`Unexpected guideline \`${rec.guideline}\` for recommendation ${rec.number}, expected \`${want.guideline}\``, rec.position, alignmentRules.guideline, want.position)
    }
    if (rec.pages.join() !== want.pages.join()) {
      fail(`Unexpected pages ${list(rec.pages)} for recommendation ${rec.number}, expected ${list(want.pages)}`, rec.position, alignmentRules.pages, want.position)
    }
    if (rec.footnotes.join() !== want.footnotes.join()) {
      fail(`Unexpected footnote markers ${list(rec.footnotes)} in recommendation ${rec.number}, expected ${list(want.footnotes)}`, rec.position, alignmentRules.footnotes, want.position)
    }
    const group = editionGroups.get(rec.number) ?? null
    const wantGroup = originalGroups.get(want.number) ?? null
    if (rec.guideline === want.guideline && group !== wantGroup) {
      fail(`Unexpected group ${group ? `\`${group}\`` : 'none'} for recommendation ${rec.number}, expected ${wantGroup ? `\`${wantGroup}\`` : 'none'} (groups count from 1 in each guideline)`, rec.position, alignmentRules.group, want.position)
    }
  }
  const originalNumbers = new Set(original.model.recommendations.map((r) => r.number))
  const lastOriginal = original.model.recommendations.at(-1)?.position
  for (const rec of edition.recommendations) {
    if (!originalNumbers.has(rec.number) && lastOriginal) {
      fail(`Unexpected recommendation ${rec.number}, the original has no recommendation with that number`, rec.position, alignmentRules.recommendationExtra, lastOriginal)
    }
  }

  const notes = new Map(edition.footnotes.map((f) => [f.id, f]))
  for (const want of original.model.footnotes) {
    if (!notes.has(want.id)) fail(`Missing footnote \`${want.id}\`, expected it as in the original`, edition.footnotes.at(-1)?.position ?? fallback, alignmentRules.footnoteMissing, want.position)
  }
  const originalNotes = new Set(original.model.footnotes.map((f) => f.id))
  for (const note of edition.footnotes) {
    if (!originalNotes.has(note.id)) fail(`Unexpected footnote \`${note.id}\`, the original has ${list([...originalNotes])}`, note.position, alignmentRules.footnoteExtra, original.model.footnotes.at(-1)?.position ?? note.position)
  }
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

/** Where a missing recommendation would stand: at the first recommendation after it. */
function nextPlace(model: Model, number: number): Position | undefined {
  return (model.recommendations.find((r) => r.number > number) ?? model.recommendations.at(-1))?.position
}
