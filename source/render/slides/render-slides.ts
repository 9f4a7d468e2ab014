import type {Renderer} from '../formats.js'
import {planSlides} from './plan.js'
import {printPdf, requireBrowser} from './print-pdf.js'
import {deckHtml} from './slides-html.js'

/** The deck as a 16:9 PDF (1280 × 720 px pages), with an outline from the section headings. */
export const renderSlides: Renderer = async (view, options) => {
  const browser = requireBrowser(options.browser, 'slides')
  const plan = planSlides(view)
  const html = deckHtml(view, plan, options.templates)
  return printPdf(browser, html, {width: '1280px', height: '720px', outline: true, preferCSSPageSize: true}, view, options.date)
}
