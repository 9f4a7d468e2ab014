import {createHash} from 'node:crypto'
import type {RenderOptions} from '../formats.js'
import {planSlides} from './plan.js'
import {printPdf, requireBrowser} from '../print-pdf.js'
import {deckHtml} from './slides-html.js'
import type {View} from '../../view/view.js'

/**
 * Recent decks by input, as promises so that concurrent callers (the slides
 * and the handout of one brief, side by side in a batch) share one print.
 * Small: a batch asks for a brief's deck and handout close together.
 */
const decks = new Map<string, Promise<Uint8Array>>()
const capacity = 6
let prints = 0

/**
 * The deck PDF of `view`, printed in Chromium once per process for the same
 * inputs. The bytes are shared: read them, do not change them.
 */
export function deckPdf(view: View, options: RenderOptions, format = 'slides'): Promise<Uint8Array> {
  const browser = requireBrowser(options.browser, format)
  // Everything the deck's bytes depend on; the browser is not among them.
  const key = createHash('sha256')
    .update(JSON.stringify(view)).update('\0')
    .update(options.templates ?? '').update('\0')
    .update(options.date.toISOString())
    .digest('hex')
  const cached = decks.get(key)
  if (cached) return cached
  prints++
  const html = deckHtml(view, planSlides(view), options.templates)
  const deck = printPdf(browser, html, {width: '1280px', height: '720px', outline: true, preferCSSPageSize: true}, view, options.date)
  decks.set(key, deck)
  // A failed print (say the browser crashed) must not stick: the retry prints again.
  deck.catch(() => {
    if (decks.get(key) === deck) decks.delete(key)
  })
  // Maps iterate in insertion order: the first key is the oldest.
  while (decks.size > capacity) decks.delete(decks.keys().next().value!)
  return deck
}

/** How many decks were printed in Chromium so far (cache misses), for tests and benchmarks. */
export function deckPrints(): number {
  return prints
}

/** Forget every cached deck, so the next request prints again. */
export function clearDeckCache(): void {
  decks.clear()
}
