export {select, selectOpened, resolveFilters, matches, pageLabel, slugOf} from './select.js'
export {toBriefSpec, readBriefSpec, expandNumbers, briefSpecSchema, type BriefSpec, type BriefSpecInput} from './spec.js'
