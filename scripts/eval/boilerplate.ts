import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import {Readability} from '@mozilla/readability'
import {toText} from 'hast-util-to-text'
import {parseHTML} from 'linkedom'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import {lint, rules} from '../../src/index.js'
import {scoreTable, type Counts} from '../score.js'

export const description =
  'no-boilerplate on the English pages of trafilatura’s evaluation set (../shared/data/trafilatura-eval), after extraction with Mozilla Readability (linkedom DOM), scored line by line against the `with`/`without` snippets. DEV data: the structural signal’s thresholds were chosen looking at these pages, so the figures are dev figures.'

interface Record {
  with?: string[]
  without?: string[]
}

interface IndexEntry {
  url: string
  page: string
}

type Label = 'boilerplate' | 'content'

/** Whitespace-normalised text, as lines and snippets are compared. */
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The page's main text as a scraper would store it: Readability's article, one block per line. */
function extract(html: string): string | undefined {
  const {document} = parseHTML(html)
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse()
  if (!article?.content) return undefined
  const tree = unified().use(rehypeParse, {fragment: true}).parse(article.content)
  return toText(tree)
}

function boundedIncludes(haystack: string, needle: string): boolean {
  let at = haystack.indexOf(needle)
  while (at !== -1) {
    const before = haystack[at - 1]
    const after = haystack[at + needle.length]
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return true
    at = haystack.indexOf(needle, at + 1)
  }
  return false
}

/**
 * A line's label: boilerplate when a `without` snippet is in it, or it is
 * (as whole words, four characters or more) inside one; content likewise
 * for `with`; none when no snippet or snippets of both kinds touch it.
 */
function labelOf(line: string, record: Record): Label | undefined {
  const touches = (snippets: string[] | undefined) =>
    (snippets ?? []).map(normalize).some((snippet) => snippet.length > 0 && (line.includes(snippet) || (line.length >= 4 && boundedIncludes(snippet, line))))
  const boilerplate = touches(record.without)
  const content = touches(record.with)
  if (boilerplate === content) return undefined
  return boilerplate ? 'boilerplate' : 'content'
}

const only: { [id: string]: 'off' | 'warn' } = Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-boilerplate' ? 'warn' : 'off']))

interface Signals {
  phrase: boolean
  structural: boolean
}

/** Which no-boilerplate signals fired on each line (by its 1-based number). */
async function signalsByLine(text: string): Promise<Map<number, Signals>> {
  const found = new Map<number, Signals>()
  for (const message of await lint(text, {config: {rules: only}, syntax: 'text'})) {
    const line = message.place && 'start' in message.place ? message.place.start.line : undefined
    if (line === undefined) continue
    const signals = found.get(line) ?? {phrase: false, structural: false}
    // The structural signal is the weaker one, reported a severity step lower (info: `fatal` undefined).
    if (message.fatal === undefined) signals.structural = true
    else signals.phrase = true
    found.set(line, signals)
  }
  return found
}

const empty = (name: string): Counts & {name: string} => ({name, truePositives: 0, falsePositives: 0, falseNegatives: 0})

function count(row: Counts, predicted: boolean, label: Label) {
  if (predicted && label === 'boilerplate') row.truePositives++
  else if (predicted) row.falsePositives++
  else if (label === 'boilerplate') row.falseNegatives++
}

export async function run(dataFolder: string): Promise<void> {
  const folder = path.join(dataFolder, 'trafilatura-eval')
  const records = JSON.parse(fs.readFileSync(path.join(folder, 'evaldata.json'), 'utf8')) as {[url: string]: Record}
  const index = fs
    .readFileSync(path.join(folder, 'pages', 'index.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as IndexEntry)
  const phrase = empty('no-boilerplate, phrase list')
  const structural = empty('no-boilerplate, structural signal (weaker)')
  const either = empty('no-boilerplate, either signal')
  const falsePositives: string[] = []
  const missed: string[] = []
  let pages = 0
  let unreadable = 0
  const labelled = {boilerplate: 0, content: 0, none: 0}
  for (const entry of index) {
    const record = records[entry.url]
    const html = zlib.gunzipSync(fs.readFileSync(path.join(folder, 'pages', entry.page))).toString('utf8')
    const text = record ? extract(html) : undefined
    if (!record || text === undefined) {
      unreadable++
      continue
    }
    pages++
    const signals = await signalsByLine(text)
    text.split('\n').forEach((raw, index) => {
      const line = normalize(raw)
      if (line === '') return
      const label = labelOf(line, record)
      if (!label) {
        labelled.none++
        return
      }
      labelled[label]++
      const fired = signals.get(index + 1) ?? {phrase: false, structural: false}
      count(phrase, fired.phrase, label)
      count(structural, fired.structural, label)
      count(either, fired.phrase || fired.structural, label)
      if (!fired.phrase && !fired.structural && label === 'boilerplate') missed.push(`- ${entry.page}: ${JSON.stringify(line.slice(0, 100))}`)
      if ((fired.phrase || fired.structural) && label === 'content') falsePositives.push(`- ${entry.page}: ${JSON.stringify(line.slice(0, 100))} (${fired.phrase ? 'phrase' : 'structural'})`)
    })
  }
  process.stdout.write(`Pages: ${pages} extracted, ${unreadable} without an article or annotation. Lines: ${labelled.boilerplate} boilerplate, ${labelled.content} content, ${labelled.none} unlabelled (ignored).\n\n`)
  process.stdout.write(scoreTable([phrase, structural, either]))
  process.stdout.write('\nTargets: precision ≥ 0.90, recall ≥ 0.50 on extracted text.\n')
  if (falsePositives.length > 0) process.stdout.write(`\nContent lines reported as boilerplate:\n${falsePositives.join('\n')}\n`)
  if (missed.length > 0) process.stdout.write(`\nBoilerplate lines not reported:\n${missed.join('\n')}\n`)
}
