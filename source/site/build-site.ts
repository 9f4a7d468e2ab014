import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import type {Project} from '../annotate/load-project.js'
import type {BatchPlan} from '../batch/config.js'
import type {ManifestEntry} from '../batch/manifest.js'
import {format, loadLabels, type Labels} from '../labels/index.js'
import {languages, langTags, type Language, type Paper} from '../model/vocabulary.js'
import {tokensCss} from '../render/design-tokens.js'
import {bundledFontFiles, fontFaceCss} from '../render/fonts.js'
import {briefContext, recommendationAnchor} from '../render/html/brief-context.js'
import {briefTemplates} from '../render/html/render-html.js'
import {select} from '../select/index.js'
import {toBriefSpec} from '../select/spec.js'
import type {View} from '../view/view.js'
import {downloadIndex, pageDownloads, type DownloadIndex} from './downloads.js'
import {searchIndexJson} from './search-index.js'
import {sitemapXml, type SitemapPage} from './sitemap.js'
import {sitePages, siteSections, type SitePage, type SiteSection} from './site-pages.js'
import {siteTemplates} from './site-templates.js'
import {SiteWriter} from './site-writer.js'

const require = createRequire(import.meta.url)

export interface SiteOptions {
  readonly project: Project
  readonly plan: BatchPlan
  /** The site folder. */
  readonly outDir: string
  /** The batch's documents in `downloads/` (its manifest entries). */
  readonly documents: readonly ManifestEntry[]
  /** The paper of each paper-dependent document, by manifest path (`downloadPapers`). */
  readonly papers: ReadonlyMap<string, Paper>
  readonly version: string
  /** Where the site will be published (`--base-url`): absolute addresses in sitemap.xml and og:url; relative ones otherwise. */
  readonly baseUrl?: string | undefined
}

export interface SiteResult {
  readonly pages: number
  readonly files: number
  readonly written: readonly string[]
  readonly unchanged: readonly string[]
  readonly removed: readonly string[]
}

/** Which page of a language folder a page's frame marks as current. */
type Current = 'home' | 'search' | 'page'

/** A site made in memory, not yet written: `write` writes it (nothing is on disk before). */
export interface PendingSite {
  readonly pages: number
  /** Write the files whose bytes changed, remove the pages that are gone, record the list. */
  write(): SiteResult
}

/** Make the web edition of `outDir` in memory: pages, search, assets, sitemap; `write()` then writes only what changed. */
export function buildSite(options: SiteOptions): PendingSite {
  const templates = siteTemplates(options.plan.templates)
  const writer = new SiteWriter(options.outDir)
  const pages = sitePages(options.project, options.plan)
  const downloads = downloadIndex(options.documents, options.papers)
  const fullViews = Object.fromEntries(languages.map((lang) => [lang, select(options.project, toBriefSpec({kind: 'full', lang}))])) as Record<Language, View>
  const frame = {options, downloads}

  for (const page of pages) {
    writer.write(page.path, templates.template('page')(pageContext(frame, page.view, page.stem, 'page', page)))
  }
  for (const lang of languages) {
    const view = fullViews[lang]
    writer.write(`${lang}/index.html`, templates.template('home')({...pageContext(frame, view, 'index', 'home'), site: {...frameOf(frame, view, 'index', 'home'), sections: homeSections(pages, lang, view.labels)}}))
    writer.write(`${lang}/search.html`, templates.template('search')({...pageContext(frame, view, 'search', 'search'), site: {...frameOf(frame, view, 'search', 'search'), search: true, ...searchContext(view)}}))
  }
  writer.write('index.html', templates.template('root')(rootContext(fullViews)))
  writeAssets(writer, options.plan.templates)
  writer.write('sitemap.xml', sitemapXml(sitemapPages(pages), options.baseUrl))
  const count = pages.length + 2 * languages.length + 1
  return {
    pages: count,
    write: () => {
      writer.finish(options.version)
      return {pages: count, files: writer.written.length + writer.unchanged.length, written: writer.written, unchanged: writer.unchanged, removed: writer.removed}
    },
  }
}

interface Frame {
  readonly options: SiteOptions
  readonly downloads: DownloadIndex
}

/** A page's context: the brief's own (as the HTML brief has it) and the site's frame. */
function pageContext(frame: Frame, view: View, stem: string, current: Current, page?: SitePage) {
  return {
    ...briefContext(view, {print: false, paper: 'a4', breakGuidelines: false}),
    site: {...frameOf(frame, view, stem, current), ...(page ? {downloads: pageDownloads(frame.downloads, page.stem, page.lang, view.labels), isArticle: true} : {})},
  }
}

/** The frame of a page in a language folder: head links, language switch, labels the script uses. */
function frameOf(frame: Frame, view: View, stem: string, current: Current) {
  const labels = view.labels
  const siteName = `${labels['shortTitle.default']} · ${labels['site.title']}`
  const file = `${stem}.html`
  const documentTitle = current === 'page' ? (view.kind === 'full' ? view.title : `${view.subtitle} — ${view.title}`) : current === 'search' ? labels['site.searchLabel'] : view.title
  const baseUrl = frame.options.baseUrl
  return {
    root: '../',
    current,
    siteName,
    pageTitle: `${documentTitle} — ${siteName}`,
    description: current === 'page' ? view.meta.subject : format(labels['site.intro'], {count: view.counts.recommendations}),
    canonical: file,
    alternates: [
      ...languages.map((l) => ({hreflang: langTags[l], href: `../${l}/${file}`})),
      {hreflang: 'x-default', href: `../es/${file}`},
    ],
    ...openGraphLocales(view.lang),
    absoluteUrl: baseUrl ? new URL(`${view.lang}/${file}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href : null,
    langLinks: languages.map((l) => ({href: `../${l}/${file}`, tag: langTags[l], name: loadLabels(l)['site.langName'], current: l === view.lang})),
    copiedLabel: labels['site.copied'],
    /** A translation's pages link the same page of the original, which is authoritative. */
    original: view.translation
      ? {href: `../${view.translation.citationLang}/${file}`, tag: langTags[view.translation.citationLang], label: format(labels['site.original'], {language: labels[`site.lang.${view.translation.citationLang}`]})}
      : null,
  }
}

/** The home page's lists: the full text, then each kind of brief, in the order of `siteSections`. */
function homeSections(pages: readonly SitePage[], lang: Language, labels: Labels) {
  const titles: Record<SiteSection, string> = {
    full: labels['site.fullText'], guideline: labels['guidelines'], audience: labels['audiences'], theme: labels['themes'],
    country: labels['countries'], region: labels['site.regions'], custom: labels['site.otherBriefs'],
  }
  return siteSections
    .map((id) => ({
      id,
      title: titles[id],
      pages: pages.filter((p) => p.lang === lang && p.section === id).map((p) => ({href: `${p.stem}.html`, ...entryOf(p), count: countLabel(p.view)})),
    }))
    .filter((section) => section.pages.length > 0)
}

/** How the home page names a brief: the guideline with its numeral, the audience, theme, country or region by its name. */
function entryOf(page: SitePage): {num: string | null; title: string} {
  const view = page.view
  switch (page.section) {
    case 'guideline':
      return {num: view.guidelines[0]?.id ?? null, title: view.guidelines[0]?.title ?? view.subtitle}
    case 'audience':
      return {num: null, title: view.audience?.label ?? view.subtitle}
    case 'country':
      return {num: null, title: view.country?.name ?? view.subtitle}
    case 'region':
      return {num: null, title: view.region?.name ?? view.subtitle}
    case 'theme':
      return {num: null, title: view.filters[0]?.replace(/^[^:]*:\s*/, '') ?? view.subtitle}
    default:
      return {num: null, title: view.kind === 'full' ? view.title : view.subtitle}
  }
}

function countLabel(view: View): string {
  const count = view.counts.recommendations
  return count === 1 ? view.labels['recommendationsCountOne'] : format(view.labels['recommendationsCount'], {count})
}

/** The search page's list of every recommendation, its index and the messages its script shows. */
function searchContext(view: View) {
  const labels = view.labels
  const recs = view.guidelines.flatMap((g) =>
    g.groups.flatMap((group) =>
      group.recommendations.map((r) => ({
        number: r.number,
        href: `full.html#${recommendationAnchor(r.number)}`,
        text: /[.!?…]$/.test(r.text) ? r.text : `${r.text}.`,
        where: `${labels['guideline']} ${g.id} · ${r.pageLabel}`,
      })),
    ),
  )
  return {
    recs,
    indexJson: scriptJson(searchIndexJson(view)),
    searchLabelsJson: scriptJson(JSON.stringify({many: labels['site.searchResults'], one: labels['site.searchResultsOne'], none: labels['site.searchNone']})),
  }
}

/** JSON inside a `<script>` element: nothing in it may close the element. */
function scriptJson(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** The site folder's own index: a choice of language, each named in itself. */
function rootContext(views: Record<Language, View>) {
  const es = views.es
  return {
    ...briefContext(es, {print: false, paper: 'a4', breakGuidelines: false}),
    site: {
      root: '',
      current: 'root',
      siteName: `${es.labels['shortTitle.default']} · ${es.labels['site.title']}`,
      pageTitle: languages.map((l) => views[l].labels['site.title']).join(' · '),
      description: format(es.labels['site.intro'], {count: es.counts.recommendations}),
      canonical: 'index.html',
      alternates: languages.map((l) => ({hreflang: langTags[l], href: `${l}/index.html`})),
      ...openGraphLocales('es'),
      absoluteUrl: null,
      languages: languages.map((l) => ({
        href: `${l}/index.html`,
        tag: langTags[l],
        name: views[l].labels['site.langName'],
        title: views[l].title,
        unofficial: views[l].translation?.cover ?? null,
      })),
    },
  }
}

/** The style sheet (fonts, tokens, the brief's CSS, the site's), the script, the search library and the fonts. */
function writeAssets(writer: SiteWriter, override: string | undefined): void {
  const brief = briefTemplates(override)
  const site = siteTemplates(override)
  writer.write('assets/site.css', [fontFaceCss('site'), tokensCss(), brief.asset('brief.css'), site.asset('site.css')].join('\n'))
  writer.write('assets/site.js', site.asset('site.js'))
  writer.write('assets/icon.svg', site.asset('icon.svg'))
  // The browser build of the pinned MiniSearch, without its source-map comment (the map is not shipped).
  const miniSearch = readFileSync(join(dirname(require.resolve('minisearch')), '..', 'umd', 'index.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n')
  writer.write('assets/minisearch.js', miniSearch)
  for (const font of bundledFontFiles()) writer.write(`assets/fonts/${font.name}`, readFileSync(font.path))
}

function sitemapPages(pages: readonly SitePage[]): SitemapPage[] {
  const stems = [...new Set(['index', 'search', ...pages.map((p) => p.stem)])]
  return stems.flatMap((stem) =>
    languages.map((lang) => ({
      path: `${lang}/${stem}.html`,
      alternates: [...languages.map((l) => ({hreflang: langTags[l], path: `${l}/${stem}.html`})), {hreflang: 'x-default', path: `es/${stem}.html`}],
    })),
  )
}

/** Open Graph's locale of a page in `lang` and of its other languages (`es_419`: an underscore, not a hyphen). */
function openGraphLocales(lang: Language): {ogLocale: string; ogAlternates: string[]} {
  const locale = (l: Language) => langTags[l].replace('-', '_')
  return {ogLocale: locale(lang), ogAlternates: languages.filter((l) => l !== lang).map(locale)}
}
