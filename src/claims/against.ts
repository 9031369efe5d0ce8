import {execFile} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'nlcst'
import picomatch from 'picomatch'
import type {Plugin} from 'unified'
import {VFile} from 'vfile'
import {Document} from '../document.js'
import {parseDocument, syntaxOf} from '../parse.js'
import type {Syntax} from '../types.js'

/**
 * The earlier version of a file, as the `claim-shift` rule reads it from
 * `file.data.scrapelintAgainst`: its text, and a path to show (a file path,
 * or `rev:path` for a git revision).
 */
export interface Against {
  path: string
  value: string
  /** Read it as this syntax; by default the new file's. */
  syntax?: Syntax
}

/** One `against` entry of a config: files matching `pattern` (relative to the config's folder) compare with `earlier`. */
export interface AgainstMapping {
  pattern: string
  earlier: string
  /** The folder of the config that declared it. */
  base: string
}

/** Where the earlier version of each linted file comes from. */
export type AgainstSource =
  /** A given text (the API, the editor's buffer against a saved text). */
  | {kind: 'text'; value: string; path: string}
  /** One earlier file for the one file linted (`--against old.txt new.txt`, `--stdin --against old.txt`). */
  | {kind: 'file'; path: string}
  /** Two folders, files paired by relative path (`--against old/ new/`). */
  | {kind: 'folder'; old: string; new: string}
  /** The file's content at a git revision (`--against-git HEAD`). */
  | {kind: 'git'; rev: string}
  /** Patterns from the config. */
  | {kind: 'map'; mappings: AgainstMapping[]}

interface AgainstData {
  scrapelintAgainst?: Against
  scrapelintSyntax?: Syntax
}

/** The earlier version attached to a file, if any. */
export function againstOf(file: VFile): Against | undefined {
  const against = (file.data as AgainstData).scrapelintAgainst
  return against && typeof against.value === 'string' && typeof against.path === 'string' ? against : undefined
}

/**
 * The first step of the pipeline when an earlier version is wanted: finds
 * and reads it for each file (after unified-engine has expanded folders and
 * globs and applied the ignore files), so old texts are read only as their
 * files are linted. It runs again on every `--fix` pass, which lints a fresh
 * file. A file that already carries `scrapelintAgainst` keeps it.
 */
export const loadAgainst: Plugin<[AgainstSource], Root> = function (source) {
  return async function (_tree: Root, file: VFile) {
    const data = file.data as AgainstData
    if (data.scrapelintAgainst) return
    const against = await earlierVersion(source, file)
    if (against) data.scrapelintAgainst = against
  }
}

async function earlierVersion(source: AgainstSource, file: VFile): Promise<Against | undefined> {
  const filePath = file.path ? path.resolve(file.cwd, file.path) : undefined
  switch (source.kind) {
    case 'text':
      return {path: source.path, value: source.value}
    case 'file':
      return readEarlier(file, source.path)
    case 'folder': {
      if (!filePath) return undefined
      const relative = path.relative(source.new, filePath)
      if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined
      return readEarlier(file, path.join(source.old, relative))
    }
    case 'map': {
      if (!filePath) return undefined
      for (const mapping of source.mappings) {
        const earlier = mappedPath(mapping, filePath)
        if (earlier) return readEarlier(file, earlier)
      }
      return undefined
    }
    case 'git':
      return filePath ? gitVersion(source.rev, filePath) : undefined
  }
}

/** The earlier file, or an info message on the new one when it is missing (a corpus may have new files). */
async function readEarlier(file: VFile, earlier: string): Promise<Against | undefined> {
  try {
    return {path: earlier, value: await fs.readFile(earlier, 'utf8')}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const shown = path.relative(file.cwd, earlier) || earlier
    if (code === 'ENOENT') file.info(`No earlier version at \`${shown}\`, nothing to compare`)
    else file.info(`Cannot read the earlier version \`${shown}\` (${code ?? (error as Error).message}), nothing to compare`)
    return undefined
  }
}

const wildcard = /\*\*|\*|\?/g

/**
 * The earlier version's path for `filePath` under a config mapping, or
 * undefined when the pattern does not match. The pattern's wildcards
 * capture (picomatch), and `earlier`'s wildcards take the captured text in
 * order: `new/**\/*.txt` → `old/**\/*.txt` maps `new/a/b.txt` to `old/a/b.txt`.
 */
export function mappedPath(mapping: AgainstMapping, filePath: string): string | undefined {
  const relative = path.relative(mapping.base, filePath).split(path.sep).join('/')
  if (relative.startsWith('..')) return undefined
  const match = picomatch.makeRe(mapping.pattern, {capture: true, dot: true}).exec(relative)
  if (!match) return undefined
  const captured = match.slice(1).map((part) => part ?? '')
  let index = 0
  const earlier = mapping.earlier.replace(wildcard, () => captured[index++] ?? '')
  return path.resolve(mapping.base, path.normalize(earlier))
}

/** The number of wildcards in a glob, to check a mapping's two sides agree. */
export function wildcardCount(glob: string): number {
  return glob.match(wildcard)?.length ?? 0
}

const gitMaxBuffer = 64 * 1024 * 1024
// A corpus run lints thousands of files at once: cap the git processes running together.
const gitParallel = 8
let gitRunning = 0
const gitWaiting: Array<() => void> = []

function git(args: string[], cwd: string): Promise<{error: Error | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const start = () => {
      gitRunning++
      execFile('git', args, {cwd, maxBuffer: gitMaxBuffer, encoding: 'utf8'}, (error, stdout, stderr) => {
        gitRunning--
        gitWaiting.shift()?.()
        resolve({error, stdout, stderr})
      })
    }
    if (gitRunning < gitParallel) start()
    else gitWaiting.push(start)
  })
}

const prefixes = new Map<string, Promise<string>>()

/** A folder's path inside its repository (`git rev-parse --show-prefix`), asked once per folder. */
function prefixOf(folder: string): Promise<string> {
  let prefix = prefixes.get(folder)
  if (!prefix) {
    prefix = git(['rev-parse', '--show-prefix'], folder).then(({stdout}) => stdout.trim())
    prefixes.set(folder, prefix)
  }
  return prefix
}

/** `git show <rev>:./<name>` in the file's folder, run without a shell; a file that is new since `rev` has no earlier version. */
export async function gitVersion(rev: string, filePath: string): Promise<Against | undefined> {
  const folder = path.dirname(filePath)
  const name = path.basename(filePath)
  const {error, stdout, stderr} = await git(['show', `${rev}:./${name}`], folder)
  if (!error) return {path: `${rev}:${await prefixOf(folder)}${name}`, value: stdout}
  if (/does not exist in|exists on disk, but not in/.test(stderr)) return undefined
  throw new Error(`Cannot read \`${name}\` at \`${rev}\`: ${stderr.trim().split('\n')[0] || error.message}`)
}

/** Checks that `rev` names a commit in the repository around `cwd`; throws a one-line error otherwise. */
export function verifyRevision(rev: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {cwd, encoding: 'utf8'}, (error, _stdout, stderr) => {
      if (!error) resolve()
      else reject(new Error(`--against-git: \`${rev}\` is not a commit here${stderr.trim() ? ` (${stderr.trim().split('\n')[0]})` : ''}`))
    })
  })
}

interface Parsed {
  key: string
  doc: Document
}

// The editor lints one buffer again and again against the same saved text: keep the last few parsed.
const recent: Parsed[] = []
const recentLimit = 8

/** The earlier version as a Document, parsed once per text. */
export function earlierDocument(against: Against, syntax: Syntax): Document {
  const key = `${syntax}\u0000${against.path}\u0000${against.value}`
  const cached = recent.find((entry) => entry.key === key)
  if (cached) return cached.doc
  const file = new VFile({path: against.path.replace(/^[^:/\\]+:/, ''), value: against.value})
  const chosen = against.syntax ?? (path.extname(file.path) ? syntaxOf(file) : syntax)
  const {tree, titles} = parseDocument(against.value, file, chosen)
  const doc = new Document(tree, file, chosen, titles)
  recent.unshift({key, doc})
  if (recent.length > recentLimit) recent.pop()
  return doc
}
