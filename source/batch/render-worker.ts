import {parentPort} from 'node:worker_threads'
import {rendererFor, type RenderOptions} from '../render/index.js'
import type {View} from '../view/view.js'
import type {Format} from '../model/vocabulary.js'

/** A CPU-bound render (DOCX, PPTX) run off the main thread, so the browser pages keep being fed. */
export interface WorkerRequest {
  readonly id: number
  readonly format: Format
  readonly view: View
  readonly options: Omit<RenderOptions, 'browser'>
}

export type WorkerResponse = {readonly id: number; readonly bytes: Uint8Array} | {readonly id: number; readonly error: string}

parentPort?.on('message', async (request: WorkerRequest) => {
  try {
    const bytes = await (await rendererFor(request.format))(request.view, request.options)
    parentPort!.postMessage({id: request.id, bytes} satisfies WorkerResponse, [bytes.buffer as ArrayBuffer])
  } catch (error) {
    parentPort!.postMessage({id: request.id, error: error instanceof Error ? error.message : String(error)} satisfies WorkerResponse)
  }
})
