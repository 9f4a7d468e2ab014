export {labelSchema, labelKeys, isLabelKey, type Labels, type LabelKey} from './label-schema.js'
export {loadLabels} from './load-labels.js'
export {format, countLabel, dateLabel, listLabel, pageLabel} from './phrases.js'
