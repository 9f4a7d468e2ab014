import type {BatchBrief, BatchPlan, BriefPaper} from '../batch/config.js'
import {papers} from '../model/vocabulary.js'

/**
 * The batch a site makes: its config's, plus the PDF brief on every paper
 * (A4 and Letter) wherever the config makes it on one, so each page offers
 * both. Only the PDF: handouts and Word files stay on the config's papers.
 * The config's own documents keep their names (and so `--reuse` still finds
 * them in `out/`); the added ones are named with their paper.
 */
export function sitePlan(plan: BatchPlan): BatchPlan {
  return {...plan, briefs: plan.briefs.map(withEveryPaperPdf)}
}

function withEveryPaperPdf(brief: BatchBrief): BatchBrief {
  const [first, ...others] = brief.papers
  if (!first.formats.includes('pdf')) return brief
  const withPdf = (p: BriefPaper): BriefPaper => (p.formats.includes('pdf') ? p : {paper: p.paper, formats: [...p.formats, 'pdf']})
  const missing = papers.filter((paper) => !brief.papers.some((p) => p.paper === paper)).map((paper): BriefPaper => ({paper, formats: ['pdf']}))
  return {...brief, papers: [first, ...others.map(withPdf), ...missing]}
}
