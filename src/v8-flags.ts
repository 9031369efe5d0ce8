import v8 from 'node:v8'

/**
 * Turns off V8's allocation-site pretenuring in this process; worker
 * threads share the setting. The CLI and the language server call it
 * before they lint.
 *
 * Why: when the objects made at one place in the code (an allocation
 * site) survive young-generation collections, V8 starts allocating that
 * site's objects in the old generation, where only full collections free
 * them. A linting process holds each file's results and the engine's
 * per-file state for a whole batch, and V8 then pretenured document trees
 * too, although each dies as soon as its file is linted. On 2,000 articles
 * through the CLI (`node --trace-gc-nvp`), 462 MB were promoted and the
 * collector paused for 1.37 s; with the flag, 72 MB and 0.47 s. Rules
 * already load their data before any document (see `lazily` in
 * src/data.ts), which removed the same effect from in-process use; in the
 * CLI it remained, from a cause not pinned down.
 *
 * Written by hand: no library sets V8 flags, and the flag only changes
 * where V8 places new objects, never what the program computes.
 */
export function avoidPretenuring(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring')
  avoided = true
}

let avoided = false

/**
 * Whether this process turned pretenuring off. Rules then skip `prepare`
 * and load their data on first use: a load inside a document does no harm
 * without pretenuring, and a run on one clean file loads only what it
 * reads: the CLI on a clean 37 KB text took 0.91 s, as before `prepare`
 * (0.95 s, medians of 5 interleaved runs), where loading every rule's data
 * up front had added about 0.3 s.
 */
export function pretenuringAvoided(): boolean {
  return avoided
}
