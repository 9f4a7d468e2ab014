import {escapeHtml} from '../render/phrasing-html.js'

/** A page of the sitemap with its counterparts in the other languages. */
export interface SitemapPage {
  /** Path under the site folder: `es/guideline-vii.html`. */
  readonly path: string
  readonly alternates: readonly {readonly hreflang: string; readonly path: string}[]
}

/**
 * `sitemap.xml` with `xhtml:link` alternates between the languages. The
 * sitemap protocol wants absolute addresses: with `baseUrl` (`--base-url`)
 * every location is absolute; without it they are relative to the sitemap,
 * which keeps the folder movable but which search engines may not accept.
 */
export function sitemapXml(pages: readonly SitemapPage[], baseUrl?: string): string {
  const at = (path: string) => escapeHtml(baseUrl ? new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href : path)
  const urls = pages.map((page) => {
    const links = page.alternates.map((a) => `    <xhtml:link rel="alternate" hreflang="${escapeHtml(a.hreflang)}" href="${at(a.path)}"/>`)
    return ['  <url>', `    <loc>${at(page.path)}</loc>`, ...links, '  </url>'].join('\n')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n')
}
