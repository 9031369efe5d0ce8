/**
 * `npm run bench:claims`: how long `claim-shift` takes to compare two
 * versions of a text, and how that grows with length. The old versions are
 * real news bodies (FNC-1 train, beside the repo; else the repo's fixture
 * texts); the new ones are derived from them by fixed edits, in two
 * scenarios: `edited` (every 4th sentence gets a booster, a changed number
 * or a dropped modal; every 7th is reordered; every 10th is replaced by a
 * sentence from another article) and `rewritten` (every sentence edited).
 * The real spun pair (fixtures/seeds) is timed too. Times are CPU
 * milliseconds of this process (the machine is shared), medians of five
 * runs after one warm-up; the first run of all, with WordNet's index still
 * unread, is reported as the cold start. Reports and exits 0; a missed
 * target is a `MISSED:` line.
 */
import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {parse as parseCsv} from 'csv-parse/sync'
import {VFile} from 'vfile'
import {compareVersions} from '../src/claims/compare.js'
import {wordnetCost} from '../src/claims/wordnet.js'
import {root} from '../src/data.js'
import {Document} from '../src/document.js'
import {createProcessor, rules} from '../src/index.js'
import {parseDocument} from '../src/parse.js'

const sizes = [1000, 2500, 5000, 10000, 20000]
const runs = 5
const targetMilliseconds = 500

const processor = createProcessor({
  config: {rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'claim-shift' ? 'warn' : 'off']))}
})

function cpu(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function bodies(): {source: string; texts: string[]} {
  const csv = path.join(root, '..', 'shared', 'data', 'fnc1-train', 'train_bodies.csv')
  if (fs.existsSync(csv)) {
    const records = parseCsv(fs.readFileSync(csv, 'utf8'), {columns: true}) as Array<{articleBody: string}>
    return {source: 'FNC-1 train bodies', texts: [...new Set(records.map((record) => record.articleBody.trim()))].filter(Boolean)}
  }
  const folder = path.join(root, 'fixtures', 'clean')
  const texts = fs.readdirSync(folder).filter((name) => name.endsWith('.txt')).sort().map((name) => fs.readFileSync(path.join(folder, name), 'utf8'))
  return {source: 'FALLBACK: fixtures/clean (FNC-1 not found beside the repo)', texts}
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

/** Whole bodies, in order, until `words` words. */
function oldVersion(texts: string[], words: number): string {
  const parts: string[] = []
  let count = 0
  for (const text of texts) {
    if (count >= words) break
    parts.push(text)
    count += wordCount(text)
  }
  return parts.join('\n\n')
}

const sentencePattern = /[^.!?\n]+[.!?]+["”’]?/g

/** The fixed edits: a booster, a changed number or a dropped modal; a reordering; a foreign sentence. */
function edit(sentence: string, index: number, every: number, foreign: string[]): string {
  if (index % 10 === 9) return ' ' + (foreign[index % foreign.length] ?? sentence).trim()
  if (index % 7 === 6) {
    const comma = sentence.indexOf(', ')
    if (comma > 0) return ` ${sentence.slice(comma + 2).trim().replace(/[.!?]+$/, '')}, ${sentence.slice(0, comma).trim()}.`
  }
  if (index % every !== 0) return sentence
  if (/\d/.test(sentence)) return sentence.replace(/\d+/, (digits) => String(Number(digits) + 3))
  if (/\b(may|could|might)\s/.test(sentence)) return sentence.replace(/\b(may|could|might)\s/, '')
  return sentence.replace(/\b(is|was|are|were)\s/, (verb) => `${verb}clearly `)
}

function newVersion(old: string, every: number, foreign: string[]): string {
  let index = 0
  return old.replace(sentencePattern, (sentence) => edit(sentence, index++, every, foreign))
}

function documentOf(value: string, name: string): Document {
  const file = new VFile({path: name, value})
  const {tree, titles} = parseDocument(value, file, 'text')
  return new Document(tree, file, 'text', titles)
}

async function lintOnce(oldText: string, newText: string): Promise<number> {
  const file = new VFile({path: 'new.txt', value: newText, data: {scrapelintAgainst: {path: 'old.txt', value: oldText}}})
  await processor.process(file)
  return file.messages.length
}

interface Row {
  scenario: string
  words: number
  lint: number
  compare: number
  findings: number
}

async function measure(scenario: string, oldText: string, newText: string): Promise<Row> {
  await lintOnce(oldText, newText)
  const lint: number[] = []
  const compare: number[] = []
  let findings = 0
  for (let run = 0; run < runs; run++) {
    // A fresh text each run, so no parse or comparison is reused from the last one.
    const suffix = `\n\nRun ${run}.`
    let start = cpu()
    findings = await lintOnce(oldText + suffix, newText + suffix)
    lint.push(cpu() - start)
    const oldDoc = documentOf(oldText + suffix + ' ', 'old.txt')
    const newDoc = documentOf(newText + suffix + ' ', 'new.txt')
    void oldDoc.sentences
    void newDoc.sentences
    start = cpu()
    compareVersions(oldDoc, newDoc)
    compare.push(cpu() - start)
  }
  return {scenario, words: wordCount(newText), lint: median(lint), compare: median(compare), findings}
}

async function main(): Promise<void> {
  const {source, texts} = bodies()
  const foreign = texts.slice(-200).flatMap((text) => text.match(sentencePattern) ?? [])
  process.stdout.write(`# claim-shift benchmark\n\nOld versions: ${source}. CPU ms, median of ${runs} runs.\n\n`)

  const coldOld = oldVersion(texts, 5000)
  const coldNew = newVersion(coldOld, 4, foreign)
  const coldStart = cpu()
  await lintOnce(coldOld, coldNew)
  const cold = cpu() - coldStart
  const wordnet = wordnetCost()
  process.stdout.write(
    `Cold start (first comparison in the process, ${wordCount(coldNew)} words): ${cold.toFixed(0)} ms, ` +
      `of which WordNet's index load ${wordnet.loadMilliseconds.toFixed(0)} ms (${wordnet.synsets} synsets read).\n\n`
  )

  const rows: Row[] = []
  const seedOld = fs.readFileSync(path.join(root, 'fixtures', 'seeds', '000.txt'), 'utf8')
  const seedNew = fs.readFileSync(path.join(root, 'fixtures', 'seeds', '001.txt'), 'utf8')
  rows.push(await measure('seeds 000 → 001 (real spun copy)', seedOld, seedNew))
  for (const [scenario, every] of [['edited', 4], ['rewritten', 1]] as const) {
    for (const size of sizes) {
      const old = oldVersion(texts, size)
      rows.push(await measure(scenario, old, newVersion(old, every, foreign)))
    }
  }

  const lines = ['| scenario | words (new) | lint new against old, ms | compare only, ms | µs per word (compare) | findings |', '| --- | ---: | ---: | ---: | ---: | ---: |']
  for (const row of rows) {
    lines.push(`| ${row.scenario} | ${row.words} | ${row.lint.toFixed(0)} | ${row.compare.toFixed(0)} | ${((row.compare * 1000) / row.words).toFixed(0)} | ${row.findings} |`)
  }
  process.stdout.write(lines.join('\n') + '\n\n')

  for (const scenario of ['edited', 'rewritten']) {
    const of = rows.filter((row) => row.scenario === scenario)
    const first = of[0]
    const last = of[of.length - 1]
    if (first && last) {
      const growth = last.compare / Math.max(first.compare, 0.001) / (last.words / first.words)
      process.stdout.write(`${scenario}: ${first.words} → ${last.words} words (${(last.words / first.words).toFixed(1)}×) costs ${(last.compare / Math.max(first.compare, 0.001)).toFixed(1)}× the compare time (${growth.toFixed(2)}× per word: 1.00 is linear).\n`)
    }
    const fiveThousand = of.find((row) => row.words >= 4500 && row.words <= 6000)
    if (fiveThousand && fiveThousand.lint >= targetMilliseconds) {
      process.stdout.write(`MISSED: ${scenario}, ${fiveThousand.words} words: ${fiveThousand.lint.toFixed(0)} ms, target under ${targetMilliseconds} ms\n`)
    }
  }
}

await main()
