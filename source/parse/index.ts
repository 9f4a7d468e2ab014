export {parseDocument, type Parsed} from './parse-document.js'
export {extractPageReference, parsePages} from './page-references.js'
export {digitsToSuperscript, superscriptToDigits} from './inline.js'
export {toRoman, fromRoman} from './roman.js'
