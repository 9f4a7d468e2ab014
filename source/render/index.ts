import type {Format, Renderer} from './formats.js'

// TODO(lead): literal specifiers once every renderer has landed (type-checked imports).
const lazy = (path: string, name: string) => async (): Promise<Renderer> => (await import(path))[name] as Renderer

/** One renderer per format, loaded on first use so that `briefs validate` starts fast. */
const loaders: Record<Format, () => Promise<Renderer>> = {
  html: lazy('./html/render-html.js', 'renderHtml'),
  pdf: lazy('./pdf/render-pdf.js', 'renderPdf'),
  docx: lazy('./docx/render-docx.js', 'renderDocx'),
  slides: lazy('./slides/render-slides.js', 'renderSlides'),
  handout: lazy('./slides/render-handout.js', 'renderHandout'),
  pptx: lazy('./pptx/render-pptx.js', 'renderPptx'),
  md: async () => (await import('./md/to-markdown.js')).renderMarkdown,
  json: async () => (await import('./md/to-markdown.js')).renderJson,
}

export async function rendererFor(format: Format): Promise<Renderer> {
  return loaders[format]()
}

export * from './formats.js'
