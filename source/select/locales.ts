// Labels live in `source/labels/`; selection resolves them into the view.
export {loadLabels, format, type Labels} from '../labels/index.js'
