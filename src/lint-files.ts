import os from 'node:os'
import {Worker} from 'node:worker_threads'
import {engine} from 'unified-engine'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {Batches} from './batches.js'
import {ConfigError} from './config.js'
import {engineOptions, type EngineRequest} from './engine.js'

/** Below this many batches' worth of files, starting workers costs more than it saves. */
const minimumFilesForWorkers = 100

/** A file as it crosses from a worker: plain data only. */
export interface SentFile {
  path: string
  cwd: string
  value: string | undefined
  fixed: {original: string} | undefined
  messages: Array<Record<string, unknown>>
}

/** What a worker sends back for one batch. */
export type BatchResult = {files: SentFile[]} | {error: string}

/** One batch for a worker. */
export interface BatchJob {
  batch: string[]
  expanded: boolean
  request: Omit<EngineRequest, 'files'>
}

/**
 * Lints batches of files with unified-engine: in this thread alone, or here
 * and in `jobs - 1` worker threads (each with its own engine and rules) when
 * there are enough files to pay for starting them. This thread has already
 * loaded the rules, so it starts on the first batch while the workers load;
 * files come back in batch order.
 */
export async function lintBatches({batches, expanded}: Batches, request: Omit<EngineRequest, 'files'>, jobs: number | undefined): Promise<VFile[]> {
  const fileCount = batches.reduce((sum, batch) => sum + batch.length, 0)
  const threads = Math.min(jobs ?? (fileCount >= minimumFilesForWorkers ? defaultThreads() : 1), batches.length)
  const results: VFile[][] = []
  let next = 0
  const here = async () => {
    while (next < batches.length) {
      const index = next++
      results[index] = flattenFailures(await runBatch({batch: batches[index] ?? [], expanded, request}))
    }
  }
  if (threads <= 1) {
    await here()
    return results.flat()
  }
  const pool = Array.from({length: threads - 1}, () => new Worker(new URL('./worker.js', import.meta.url)))
  const inWorker = async (worker: Worker) => {
    while (next < batches.length) {
      const index = next++
      const result = await ask(worker, {batch: batches[index] ?? [], expanded, request})
      if ('error' in result) throw new Error(result.error)
      results[index] = result.files.map(received)
    }
  }
  try {
    await Promise.all([here(), ...pool.map(inWorker)])
  } catch (error) {
    // Hand out no more batches: the run has failed.
    next = batches.length
    throw error
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()))
  }
  return results.flat()
}

/**
 * One lint thread per CPU core but one. A linting thread keeps V8's
 * collector and compiler threads about half a core busy besides: on a
 * 2-core machine, `--jobs 1` linted 2,000 articles as fast as `--jobs 2`
 * (6.76 s against 7.00 s in `npm run bench`) with three quarters of the CPU
 * time and two thirds of the memory.
 */
function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1)
}

function ask(worker: Worker, job: BatchJob): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (result: BatchResult) => {
      worker.off('error', onError)
      resolve(result)
    }
    const onError = (error: Error) => {
      worker.off('message', onMessage)
      reject(error)
    }
    worker.once('message', onMessage)
    worker.once('error', onError)
    worker.postMessage(job)
  })
}

/**
 * Runs unified-engine on one batch. Expanded paths go as files without
 * text, which the engine reads, checks against ignore files and reports on
 * as it does named paths, but without first testing each for glob syntax,
 * which builds a pattern matcher per path (about 80 ms on 2,000 files).
 */
export function runBatch({batch, expanded, request}: BatchJob): Promise<VFile[]> {
  return runEngine({...request, files: expanded ? batch.map((path) => new VFile({path})) : batch})
}

/** Runs unified-engine once on `request.files`. */
export function runEngine(request: EngineRequest): Promise<VFile[]> {
  return new Promise((resolve, reject) => {
    engine(engineOptions(request), (error, _code, context) => {
      if (error) reject(error)
      else resolve(context?.files ?? [])
    })
  })
}

/** A file as plain data for `postMessage`: messages keep their own fields but not the tree nodes or error causes. */
export function sent(file: VFile): SentFile {
  return {
    path: file.path,
    cwd: file.cwd,
    value: file.value === undefined ? undefined : String(file.value),
    fixed: (file.data as {scrapelintFixed?: {original: string}}).scrapelintFixed,
    messages: file.messages.map((message) => {
      const fields: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(message)) {
        if (key !== 'ancestors' && key !== 'cause' && key !== 'stack' && key !== 'file') fields[key] = value
      }
      return fields
    })
  }
}

function received(data: SentFile): VFile {
  const file = new VFile({path: data.path, cwd: data.cwd, value: data.value})
  if (data.fixed) Object.assign(file.data, {scrapelintFixed: data.fixed})
  for (const fields of data.messages) {
    const message = new VFileMessage(String(fields.reason))
    Object.assign(message, fields, {file: file.path})
    file.messages.push(message)
  }
  return file
}

/**
 * Input and config failures as one line each. The engine wraps a config
 * failure as "Cannot process file", caused by "Cannot parse file `…`", caused
 * by the real problem: our ConfigError already names the file and the key;
 * any other cause (a JSON or YAML syntax error) is joined to the chain.
 */
export function flattenFailures(files: VFile[]): VFile[] {
  for (const file of files) {
    for (const message of file.messages) {
      if (message.ruleId || !message.fatal) continue
      if (message.reason === 'Cannot process file' && message.cause instanceof Error) {
        const reason = failureReason(message.cause)
        message.reason = reason
        // vfile-reporter prints `message`, the JSON and SARIF formats print `reason`.
        message.message = reason
      }
      message.cause = undefined
      message.stack = undefined
    }
  }
  return files
}

function failureReason(error: Error): string {
  const chain: Error[] = []
  for (let current: unknown = error; current instanceof Error && chain.length < 10; current = current.cause) chain.push(current)
  const config = chain.find((link) => link instanceof ConfigError)
  if (config) return config.message
  // Each link's first line; a parser's line that ends in a colon introduces a code excerpt, which is left out.
  return chain.map((link) => (link.message.split('\n')[0] ?? '').trim().replace(/:$/, '')).join(': ')
}
