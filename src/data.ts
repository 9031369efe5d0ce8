import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {isDeepStrictEqual} from 'node:util'
import {load} from 'js-yaml'

/** The package root: the nearest folder up from this module with a package.json (works from src/ and dist/src/). */
function packageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('scrapelint: cannot find its package.json')
    folder = parent
  }
  return folder
}

export const root = packageRoot()

const cache = new Map<string, unknown>()
let loads = 0

/** Where `npm run build` writes data derived from packages (scripts/build-data.ts). */
export const derivedFolder = path.join(root, 'dist', 'data')

/**
 * A list of words as one string of lines, the form derived data stores it
 * in: parsing it and splitting it is two to three times faster than a JSON
 * array of strings (25 against 49 ms for the lexicon). Words hold no line
 * breaks; one would be an error in the package it came from.
 */
export function wordLines(words: readonly string[]): string {
  const broken = words.find((word) => word.includes('\n'))
  if (broken !== undefined) throw new Error(`scrapelint: a word holds a line break: ${JSON.stringify(broken)}`)
  return words.join('\n')
}

/** The words of `wordLines`' string. */
export function linesOf(lines: string): string[] {
  return lines === '' ? [] : lines.split('\n')
}

/**
 * Data derived from installed packages once, at build time: a word list
 * stemmed or sorted, which would cost every process a few hundred
 * milliseconds at start. Read from `dist/data/<name>.json`; derived now, by
 * the same function the build runs, when the build has not written it (a
 * test run from the sources) or when one of `sources` changed after it was
 * written (data edited since the last build).
 */
export function derived<T>(name: string, derive: () => T, sources: readonly string[] = []): T {
  const file = path.join(derivedFolder, `${name}.json`)
  let text: string | undefined
  try {
    const built = fs.statSync(file).mtimeMs
    if (sources.every((source) => fs.statSync(source).mtimeMs <= built)) text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  return text === undefined ? derive() : (JSON.parse(text) as T)
}

/**
 * How many data files and `lazily` values this process has loaded so far. A
 * test reads it around a rule's check: a rule loads its data in `prepare`,
 * before any document is parsed, never while it reads one.
 */
export function loadsSoFar(): number {
  return loads
}

/**
 * A value built on first call and kept: for data a rule reads (a word list,
 * an index), built when the rule's `prepare` runs (through the API; the CLI
 * and the language server turn pretenuring off and skip `prepare`, see
 * src/v8-flags.ts). Why not on first use inside a check: a load that runs
 * while a document's tree is alive lets V8's scavenges see the tree's
 * nodes survive, V8 then pretenures their allocation sites, and every later
 * tree is allocated straight in the old generation, where only full GCs
 * collect it. Measured on 2,000 FNC-1 articles: 181 KB of each article's
 * 425 KB went to the old generation when the name lists loaded inside the
 * first check, 4 KB once the rules prepared first, and a warm pass took
 * about a fifth less CPU time.
 */
export function lazily<T>(build: () => T): () => T {
  let built = false
  let value: T | undefined
  return () => {
    if (!built) {
      value = build()
      built = true
      loads++
    }
    return value as T
  }
}

const ruleDataFolder = path.join(root, 'rules', 'data')

/**
 * Every YAML file of `rules/data/`, parsed, by file name: data derived at
 * build time, because reading it as one JSON file takes 2–6 ms where
 * parsing the YAML took 64–80 ms, a cost every process and worker paid at
 * start. The YAML stays the source; a value JSON cannot hold (a date, say)
 * is an error here rather than a silent change.
 */
export function ruleData(): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const file of ruleDataFiles()) {
    const name = path.basename(file)
    let value: unknown
    try {
      value = load(fs.readFileSync(file, 'utf8'))
    } catch (error) {
      throw new Error(`scrapelint: cannot read rule data ${file}: ${(error as Error).message}`)
    }
    if (!isDeepStrictEqual(value, JSON.parse(JSON.stringify(value)))) throw new Error(`scrapelint: rule data ${file} holds a value JSON cannot keep`)
    data[name] = value
  }
  return data
}

function ruleDataFiles(): string[] {
  return fs
    .readdirSync(ruleDataFolder)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .map((file) => path.join(ruleDataFolder, file))
}

let allRuleData: Record<string, unknown> | undefined

/** A data file from `rules/data/` (`name.yml`), from the data built by `ruleData`. */
export function loadData(name: string): unknown {
  let value = cache.get(name)
  if (value === undefined) {
    allRuleData ??= derived('rule-data', ruleData, ruleDataFiles())
    value = allRuleData[name]
    if (value === undefined) throw new Error(`scrapelint: no rule data ${path.join(ruleDataFolder, name)}`)
    cache.set(name, value)
    loads++
  }
  return value
}
