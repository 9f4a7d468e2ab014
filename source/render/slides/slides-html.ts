import {fontFaceCss} from '../fonts.js'
import {escapeHtml} from '../phrasing-html.js'
import {cachedTemplates, type TemplateSet} from '../templates.js'
import type {View} from '../../select/view.js'
import {statusChartSvg} from '../status-chart.js'
import type {AssessmentSlide, Run, SlidePlan} from './plan.js'

const helpers = {
  slidePartial: (type: string) => `slide-${type}`,
  eq: (a: unknown, b: unknown) => a === b,
  len: (value: unknown) => String(value ?? '').length,
  runs: (runs: readonly Run[]) => runsToHtml(runs),
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
  return templates.template('deck')({plan, labels: view.labels, fonts: fontFaceCss('served'), css: templates.asset('slides.css')})
}
