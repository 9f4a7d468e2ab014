import type {BatchBrief, BatchPlan, OtherPaper} from '../batch/config.js'
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
  if (!brief.formats.includes('pdf')) return brief
  const others: OtherPaper[] = [...(brief.otherPapers ?? [])]
  for (const paper of papers) {
    if (paper === brief.paper) continue
    const at = others.findIndex((o) => o.paper === paper)
    if (at < 0) others.push({paper, formats: ['pdf']})
    else if (!others[at]!.formats.includes('pdf')) others[at] = {paper, formats: [...others[at]!.formats, 'pdf']}
  }
  return {...brief, otherPapers: others}
}
