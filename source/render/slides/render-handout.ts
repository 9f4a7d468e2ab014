import {format} from '../../select/locales.js'
import type {Renderer} from '../formats.js'
import {planSlides} from './plan.js'
import {printPdf, requireBrowser} from './print-pdf.js'
import {handoutHtml, type HandoutPage} from './slides-html.js'

/**
 * A4 portrait handout: 3 slides a page with ruled lines for notes, or 6 a
 * page without. Slides are the deck's own HTML scaled down, so text stays text.
 */
export const renderHandout: Renderer = async (view, options) => {
  const browser = requireBrowser(options.browser, 'handout')
  const plan = planSlides(view)
  const perPage = options.handoutLayout
  const total = Math.ceil(plan.slides.length / perPage)
  const pages: HandoutPage[] = Array.from({length: total}, (_, i) => ({
    number: i + 1,
    label: format(view.labels['pageOf'] ?? '{page} / {total}', {page: i + 1, total}),
    slides: plan.slides.slice(i * perPage, (i + 1) * perPage),
  }))
  const html = handoutHtml(view, plan, perPage, pages, options.templates)
  return printPdf(browser, html, {width: '210mm', height: '297mm', outline: false, preferCSSPageSize: true}, view, options.date)
}
