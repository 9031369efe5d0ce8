import {parentPort} from 'node:worker_threads'
import {flattenFailures, runBatch, sent, type BatchJob, type BatchResult} from './lint-files.js'

/** A worker thread of the CLI: lints the batches it is sent, one at a time, and sends back plain data. */
parentPort?.on('message', (job: BatchJob) => {
  runBatch(job).then(
    (files) => parentPort?.postMessage({files: flattenFailures(files).map(sent)} satisfies BatchResult),
    (error: unknown) => parentPort?.postMessage({error: error instanceof Error ? error.message : String(error)} satisfies BatchResult)
  )
})
