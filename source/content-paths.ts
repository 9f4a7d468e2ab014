import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The project root (where `content/` and `templates/` live), from `dist/` or `source/`. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

export const contentPaths = {
  source: join(projectRoot, 'content', '113-recomendaciones', '113-recomendaciones.es.txt'),
  audiences: join(projectRoot, 'content', 'taxonomy', 'audiences.yaml'),
  themes: join(projectRoot, 'content', 'taxonomy', 'themes.yaml'),
  annotations: join(projectRoot, 'content', '113-recomendaciones', 'annotations.yaml'),
  countries: join(projectRoot, 'content', 'countries.yaml'),
  profiles: join(projectRoot, 'content', 'countries'),
  templates: join(projectRoot, 'templates'),
  locales: join(projectRoot, 'templates', 'locales'),
  batch: join(projectRoot, 'content', 'batch.yaml'),
} as const
