import type {Renderer} from '../formats.js'
import {deckPdf} from './deck-pdf.js'

/**
 * The deck as a 16:9 PDF (1280 × 720 px pages), with an outline from the
 * section headings. Printed once per inputs: the handout reuses the print.
 */
export const renderSlides: Renderer = async (view, options) => (await deckPdf(view, options)).slice()
