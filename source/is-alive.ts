import {errorCode} from './errors.js'

/** Whether a process id names a live process (signal 0 checks without sending; EPERM: alive but not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === 'EPERM'
  }
}
