import type {Renderer} from '../formats.js'

/** The view itself, for scripts: everything a renderer would see. */
export const renderJson: Renderer = async (view) => new TextEncoder().encode(`${JSON.stringify(view, null, 2)}\n`)
