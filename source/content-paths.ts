import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The project root (where `content/` and `templates/` live), from `dist/` or `source/`. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The data files under a content folder (the bundled `content/`, or a copy `briefs serve --content` works on). */
export function contentPathsAt(content: string) {
  return {
    source: join(content, '113-recomendaciones', '113-recomendaciones.es.txt'),
    audiences: join(content, 'taxonomy', 'audiences.yaml'),
    themes: join(content, 'taxonomy', 'themes.yaml'),
    annotations: join(content, '113-recomendaciones', 'annotations.yaml'),
    countries: join(content, 'countries.yaml'),
    profiles: join(content, 'countries'),
    batch: join(content, 'batch.yaml'),
  } as const
}

export const contentPaths = {
  ...contentPathsAt(join(projectRoot, 'content')),
  templates: join(projectRoot, 'templates'),
  locales: join(projectRoot, 'templates', 'locales'),
} as const
