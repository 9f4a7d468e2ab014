import {rampClass, tokensCss} from '../design-tokens.js'
import {fontFaceCss} from '../fonts.js'
import {escapeHtml} from '../phrasing-html.js'
import {cachedTemplates, type TemplateSet} from '../templates.js'
import {statusChartSvg} from '../status-chart.js'
import type {AssessmentSlide, Run, SlidePlan} from './plan.js'
import type {View} from '../../view/view.js'

const helpers = {
  slidePartial: (type: string) => `slide-${type}`,
  eq: (a: unknown, b: unknown) => a === b,
  len: (value: unknown) => String(value ?? '').length,
  runs: (runs: readonly Run[]) => runsToHtml(runs),
  ramp: (step: number | null) => rampClass(step),
  statusChart: (slide: AssessmentSlide) => statusChartSvg(slide, {title: slide.heading}),
}

/** The slide templates (bundled, with an optional override folder), compiled once per folder. */
export function slideTemplates(override?: string): TemplateSet {
  return cachedTemplates('slides', override, helpers)
}

/** Inline runs as HTML; all text escaped. */
export function runsToHtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text)
      if (run.sup) return `<sup>${html}</sup>`
      if (run.strong) html = `<strong>${html}</strong>`
      if (run.em) html = `<em>${html}</em>`
      return html
    })
    .join('')
}

/** The deck as one HTML document, a 1280 × 720 px page per slide. */
export function deckHtml(view: View, plan: SlidePlan, override?: string): string {
  const templates = slideTemplates(override)
  // ` lang="…"` on passages of the source text when they are not in the deck's language.
  const textLangAttr = plan.textLangTag ? ` lang="${escapeHtml(plan.textLangTag)}"` : ''
  return templates.template('deck')({plan, labels: view.labels, textLangAttr, fonts: fontFaceCss('served'), css: tokensCss() + templates.asset('slides.css')})
}
