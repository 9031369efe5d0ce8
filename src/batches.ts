import fs from 'node:fs/promises'
import path from 'node:path'
import {glob, hasMagic} from 'glob'
import {extensions} from './parse.js'

/** Files per unified-engine run when a command line names many files. */
export const batchSize = 200

/** The command line's paths in batches; `expanded` when they are the files found here, one path each, to be taken literally. */
export interface Batches {
  batches: string[][]
  expanded: boolean
}

/**
 * The command line's paths split into batches of at most `batchSize` files,
 * each batch run by unified-engine on its own.
 *
 * Why: unified-engine's file pipeline, as each file finishes, walks every
 * file of the run to see whether all are done (`lib/file-pipeline/queue.js`),
 * so a run costs time quadratic in its file count: on 1,600 articles that
 * walk took more time than parsing them. Batches keep it linear.
 *
 * Folders and globs are expanded the way the engine expands them (the same
 * `glob` package for globs, and for folders a glob of the engine's
 * extensions that skips `node_modules`), then handed to the engine as named files, in
 * sorted order. The engine still applies `.scrapelintignore` to each; the CLI
 * drops the "it’s ignored" failures of files the user did not name, as it
 * does for glob matches. When everything fits in one batch, the paths go to
 * the engine untouched, so small runs behave exactly as the engine does.
 */
export async function batchesOf(paths: string[], cwd: string): Promise<Batches> {
  const expanded: string[] = []
  for (const given of paths) {
    if (hasMagic(given)) {
      expanded.push(...(await glob(given, {cwd})).map((match) => path.resolve(cwd, match)))
      continue
    }
    const full = path.resolve(cwd, given)
    const stats = await fs.stat(full).catch(() => undefined)
    if (stats?.isDirectory()) expanded.push(...(await walk(full)))
    // A file, or a missing path the engine reports as such.
    else expanded.push(full)
  }
  if (expanded.length <= batchSize) return {batches: [paths], expanded: false}
  const unique = [...new Set(expanded)].sort()
  const batches: string[][] = []
  for (let start = 0; start < unique.length; start += batchSize) batches.push(unique.slice(start, start + batchSize))
  return {batches, expanded: true}
}

/** The lintable files under a folder, at any depth, as the engine finds them when walking (dotfiles too, no `node_modules`). */
function walk(folder: string): Promise<string[]> {
  return glob(`**/*.{${extensions.join(',')}}`, {cwd: folder, absolute: true, dot: true, nodir: true, ignore: '**/node_modules/**'})
}
