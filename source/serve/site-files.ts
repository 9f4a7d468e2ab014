import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {extname, join, relative, resolve, sep} from 'node:path'
import {HttpError} from './http-error.js'

/** What `briefs site` writes, by extension. */
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8', '.woff2': 'font/woff2', '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.md': 'text/markdown; charset=utf-8',
}

/**
 * The pages of the web edition are its own, not the workspace's: fonts and
 * scripts from the site folder, the search index inline as data (never run).
 */
export const siteCsp = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

/** Whether `briefs site` has written a site into `dir` (the workspace then links its "Web edition"). */
export function hasSite(dir: string): boolean {
  return existsSync(join(dir, 'index.html'))
}

/** A file of the site folder for the path after `/site/` (a folder: its index.html); nothing outside the folder. */
export function siteFile(dir: string, path: string): {bytes: Buffer; type: string} {
  const root = resolve(dir)
  let target = resolve(root, decodeURIComponentSafe(path))
  if (target !== root && !target.startsWith(root + sep)) throw new HttpError(404, 'Nothing there')
  if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html')
  if (!existsSync(target) || !statSync(target).isFile()) throw new HttpError(404, `No file \`${path.slice(0, 80)}\` in the web edition`)
  // A link inside the folder that points out of it is not followed.
  const real = realpathSync(target)
  const inside = relative(realpathSync(root), real)
  if (inside.startsWith('..') || resolve(inside) === inside) throw new HttpError(404, 'Nothing there')
  const type = types[extname(target).toLowerCase()]
  if (!type) throw new HttpError(404, `No file \`${path.slice(0, 80)}\` in the web edition`)
  return {bytes: readFileSync(real), type}
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw new HttpError(400, 'Malformed path')
  }
}
