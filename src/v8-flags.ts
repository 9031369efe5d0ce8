import v8 from 'node:v8'

/**
 * Turns off V8's allocation-site pretenuring in this process; worker
 * threads share the setting. The CLI and the language server call it
 * before they lint.
 *
 * Why: when the objects made at one place in the code (an allocation
 * site) survive young-generation collections, V8 starts allocating that
 * site's objects in the old generation, where only full collections free
 * them. V8 pretenured document trees, although each dies as soon as its
 * file is linted: on 2,000 articles through the CLI (`node
 * --trace-gc-nvp`), 462 MB were promoted and the collector paused for
 * 1.37 s; with the flag, 79 MB and 0.47 s. One trigger is a word list
 * loaded while a tree is alive, which rules avoid through the API by
 * loading their data in `prepare` (see `lazily` in src/data.ts); in the
 * CLI's 200-file engine batches the trees were pretenured even so, from a
 * cause not pinned down (10-file batches promoted 113 MB).
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
