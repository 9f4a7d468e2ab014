import {BorderStyle, LineRuleType, type IStylesOptions} from 'docx'
import {colors, ooxmlColor, printType} from '../design-tokens.js'
import {fontFamilies} from '../fonts.js'

/** The design tokens' colours by their role in Word (hex without `#`, as OOXML writes colours). */
export const palette = {
  /** Brand navy: titles, headings, table header. */
  primary: ooxmlColor(colors.navy),
  /** Secondary blue: subtitles, group headings, recommendation numbers, rules. */
  accent: ooxmlColor(colors.blue),
  text: ooxmlColor(colors.ink),
  muted: ooxmlColor(colors.muted),
  rule: ooxmlColor(colors.rule),
  tint: ooxmlColor(colors.tint),
  white: ooxmlColor(colors.white),
} as const

/** Sizes in half-points, as OOXML writes them. */
const pt = (points: number) => Math.round(points * 2)

const serif = fontFamilies.serif
const sans = fontFamilies.sans

/** Width of the hanging indent that holds a recommendation's number, in twips. */
export const numberIndent = 620

/**
 * Word's own styles, customised (Title, Subtitle, Heading 1/2, TOC 1/2,
 * Footnote Text, Header, Footer) plus a few of the project's (Recommendation,
 * Kicker, CoverDetail, GuidelineCaption, SourceNote, TableText,
 * TableHeading), so a user can restyle the whole brief from the Styles pane.
 */
export function docxStyles(language: string): IStylesOptions {
  const lang = {value: language}
  return {
    default: {
      document: {
        run: {font: serif, size: pt(printType.body), color: palette.text, language: lang},
        paragraph: {spacing: {after: 120, line: 276, lineRule: LineRuleType.AUTO}},
      },
      title: {
        run: {font: sans, size: pt(26), bold: true, color: palette.primary},
        paragraph: {spacing: {before: 120, after: 240, line: 240, lineRule: LineRuleType.AUTO}},
      },
      heading1: {
        run: {font: sans, size: pt(15), bold: true, color: palette.primary},
        paragraph: {
          spacing: {before: 360, after: 120, line: 252, lineRule: LineRuleType.AUTO},
          keepNext: true,
          keepLines: true,
          outlineLevel: 0,
          border: {bottom: {style: BorderStyle.SINGLE, size: 8, color: palette.accent, space: 4}},
        },
      },
      heading2: {
        run: {font: sans, size: pt(12), bold: true, color: palette.accent},
        paragraph: {spacing: {before: 240, after: 100}, keepNext: true, keepLines: true, outlineLevel: 1},
      },
      footnoteText: {
        run: {font: serif, size: pt(printType.caption), color: palette.text},
        paragraph: {spacing: {after: 60, line: 240, lineRule: LineRuleType.AUTO}},
      },
      footnoteReference: {run: {superScript: true, color: palette.accent}},
    },
    paragraphStyles: [
      {
        id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true,
        run: {font: sans, size: pt(16), color: palette.accent},
        paragraph: {spacing: {after: 480}},
      },
      {
        id: 'Kicker', name: 'Kicker', basedOn: 'Normal', next: 'Title', quickFormat: true,
        run: {font: sans, size: pt(9.5), bold: true, allCaps: true, color: palette.accent, characterSpacing: 10},
        paragraph: {
          spacing: {before: 1800, after: 240},
          border: {top: {style: BorderStyle.SINGLE, size: 24, color: palette.primary, space: 12}},
        },
      },
      {
        id: 'CoverDetail', name: 'Cover Detail', basedOn: 'Normal', quickFormat: true,
        run: {font: sans, size: pt(printType.body), color: palette.muted},
        paragraph: {spacing: {after: 80}},
      },
      {
        id: 'GuidelineCaption', name: 'Guideline Caption', basedOn: 'Normal', next: 'Recommendation', quickFormat: true,
        run: {font: sans, size: pt(printType.small), color: palette.muted, allCaps: true, characterSpacing: 6},
        paragraph: {spacing: {after: 200}, keepNext: true},
      },
      {
        id: 'Recommendation', name: 'Recommendation', basedOn: 'Normal', next: 'Recommendation', quickFormat: true,
        run: {font: serif, size: pt(printType.body)},
        paragraph: {
          indent: {left: numberIndent, hanging: numberIndent},
          leftTabStop: numberIndent,
          spacing: {after: 160, line: 276, lineRule: LineRuleType.AUTO},
          keepLines: true,
        },
      },
      {
        // A recommendation's answer under it, aligned with the recommendation's text.
        id: 'StatusLine', name: 'Status Line', basedOn: 'Normal', next: 'Recommendation', quickFormat: true,
        run: {font: sans, size: pt(printType.small)},
        paragraph: {indent: {left: numberIndent}, spacing: {after: 160}, keepLines: true},
      },
      {
        id: 'SourceNote', name: 'Source Note', basedOn: 'Normal', quickFormat: true,
        run: {size: pt(9.5), color: palette.muted},
        paragraph: {spacing: {after: 120}},
      },
      {
        id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', quickFormat: true,
        run: {font: sans, size: pt(15), bold: true, color: palette.primary},
        paragraph: {spacing: {before: 480, after: 160}, keepNext: true},
      },
      {
        id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal',
        run: {font: sans, size: pt(printType.body), bold: true, color: palette.primary},
        paragraph: {spacing: {before: 100, after: 40}, indent: {left: 0}},
      },
      {
        id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal',
        run: {font: sans, size: pt(10), color: palette.text},
        paragraph: {spacing: {after: 20}, indent: {left: 360}},
      },
      {
        id: 'Header', name: 'header', basedOn: 'Normal',
        run: {font: sans, size: pt(printType.caption), color: palette.muted},
        paragraph: {spacing: {after: 0}, border: {bottom: {style: BorderStyle.SINGLE, size: 4, color: palette.rule, space: 4}}},
      },
      {
        id: 'Footer', name: 'footer', basedOn: 'Normal',
        run: {font: sans, size: pt(printType.caption), color: palette.muted},
        paragraph: {spacing: {after: 0}},
      },
      {
        id: 'TableText', name: 'Table Text', basedOn: 'Normal', quickFormat: true,
        run: {font: sans, size: pt(printType.small)},
        paragraph: {spacing: {before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO}},
      },
      {
        id: 'TableHeading', name: 'Table Heading', basedOn: 'TableText', quickFormat: true,
        run: {bold: true, color: palette.white},
        paragraph: {keepNext: true},
      },
    ],
    characterStyles: [
      {
        id: 'RecommendationNumber', name: 'Recommendation Number', basedOn: 'DefaultParagraphFont', quickFormat: true,
        run: {font: sans, bold: true, color: palette.accent},
      },
      {
        id: 'StatusBadge', name: 'Status Badge', basedOn: 'DefaultParagraphFont', quickFormat: true,
        run: {font: sans, bold: true},
      },
      {
        id: 'PageReference', name: 'Page Reference', basedOn: 'DefaultParagraphFont', quickFormat: true,
        run: {color: palette.muted},
      },
    ],
  }
}
