import Handlebars from 'handlebars'
import {format, isLabelKey} from '../../labels/index.js'
import {colors, printType, statusColors, tokensCss} from '../design-tokens.js'
import {fontFaceCss} from '../fonts.js'
import type {Renderer, RenderOptions} from '../formats.js'
import {cachedTemplates, type TemplateSet} from '../templates.js'
import {briefContext, type BriefLayout} from './brief-context.js'
import type {View} from '../../view/view.js'

/** Formatting helpers the brief templates may use; none of them looks anything up beyond the view. */
export const briefHelpers: Record<string, Handlebars.HelperDelegate> = {
  /** A localised label, `{name}` slots filled from the hash: `{{t "recommendationsCount" count=3}}`. */
  t(this: unknown, key: string, options: Handlebars.HelperOptions) {
    const labels = (options.data.root as View).labels
    // Templates are text, so their keys are checked here (and by a test over every template).
    if (!isLabelKey(key)) throw new Error(`Cannot find the label \`${key}\` used by a brief template`)
    return format(labels[key], options.hash as Record<string, string | number>)
  },
  /** A CSS string literal, safe inside `<style>` (for running headers). */
  cssString(value: unknown) {
    return new Handlebars.SafeString(cssString(String(value ?? '')))
  },
  /** "Página {page} de {total}" as CSS `content` with page counters. */
  pageCounter(template: unknown) {
    const parts = String(template ?? '').split(/(\{page\}|\{total\})/)
    const css = parts
      .filter((part) => part !== '')
      .map((part) => (part === '{page}' ? 'counter(page)' : part === '{total}' ? 'counter(pages)' : cssString(part)))
      .join(' ')
    return new Handlebars.SafeString(css)
  },
  /** `text` cut at each `separator` (the total row of the region matrix puts "/ n" on a line of its own). */
  splitAt: (text: unknown, separator: unknown) => String(text ?? '').split(String(separator)),
  eq: (a: unknown, b: unknown) => a === b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
}

function cssString(value: string): string {
  return `"${value.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`
}

/** The brief templates, with `--templates` overrides; compiled once per override folder. */
export function briefTemplates(override?: string): TemplateSet {
  return cachedTemplates('brief', override, briefHelpers)
}

/** The brief as one self-contained HTML document (fonts and CSS inlined), laid out for screen or print. */
export function briefHtml(view: View, options: Pick<RenderOptions, 'paper' | 'templates'>, layout: Omit<BriefLayout, 'paper'>): string {
  const templates = briefTemplates(options.templates)
  const context = {
    ...briefContext(view, {...layout, paper: options.paper}),
    // A printed page fetches the fonts it uses; an HTML file carries them all.
    fontCss: new Handlebars.SafeString(fontFaceCss(layout.print ? 'served' : 'inline')),
    css: new Handlebars.SafeString(tokensCss() + templates.asset('brief.css')),
    // Page-margin boxes do not see custom properties: page-css takes the tokens' values.
    tokens: {colors, type: printType, status: statusColors},
  }
  return templates.template('brief')(context)
}

/** HTML brief: one file readable on screen, with contents, landmarks and real headings. */
export const renderHtml: Renderer = async (view, options) =>
  new TextEncoder().encode(briefHtml(view, options, {print: false, breakGuidelines: false}))
