import type {Renderer} from './formats.js'
import type {Format} from '../model/vocabulary.js'

/** One renderer per format, loaded on first use so that `briefs validate` starts fast. */
const loaders: Record<Format, () => Promise<Renderer>> = {
  html: async () => (await import('./html/render-html.js')).renderHtml,
  pdf: async () => (await import('./pdf/render-pdf.js')).renderPdf,
  docx: async () => (await import('./docx/render-docx.js')).renderDocx,
  slides: async () => (await import('./slides/render-slides.js')).renderSlides,
  handout: async () => (await import('./slides/render-handout.js')).renderHandout,
  pptx: async () => (await import('./pptx/render-pptx.js')).renderPptx,
  md: async () => (await import('./md/to-markdown.js')).renderMarkdown,
  json: async () => (await import('./json/render-json.js')).renderJson,
}

export async function rendererFor(format: Format): Promise<Renderer> {
  return loaders[format]()
}

export * from './formats.js'
