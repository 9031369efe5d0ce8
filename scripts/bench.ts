/**
 * `npm run bench`: the recommended preset against bare retext-english parsing
 * on the same news text, measured in one run, and the CLI's wall time on
 * 2,000 files against its own startup. It reports and exits 0; a missed
 * target is printed as a `MISSED:` line, never thrown.
 *
 * This machine is shared and has 2 cores, so every round times all six
 * in-process cases back to back and the ratios are medians of per-round
 * ratios: a burst of outside load then hits both sides of a ratio alike.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import process from 'node:process'
import v8 from 'node:v8'
import vm from 'node:vm'
import {isMainThread, parentPort, Worker, workerData, type MessagePort} from 'node:worker_threads'
import retextEnglish from 'retext-english'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {root} from '../src/data.js'
import {createProcessor, rules} from '../src/index.js'

const articleCount = 2000
const articleBytes = 2000
const bigBytes = 1_000_000
const repetitions = 5
const cliRuns = 3
const versionRuns = 5
/** The corpus run: article documents, cycled, up to this many bytes (issue 3 asks for the preset's throughput on 10 MB). */
const corpusBytes = 10_000_000
/** The rules of the core issue, whose preset the 1.3× target was set for. */
const coreRules = ['no-boilerplate', 'repeated-words']
const targets = {presetOverBare: 1.3, bigOverArticles: 1, cliSeconds: 3}

const fncFolder = path.join(root, '..', 'shared', 'data', 'fnc1-train')
const cliPath = path.join(root, 'dist', 'src', 'cli.js')

interface Corpus {
  source: string
  fallback: boolean
  /** Whole texts (article bodies or fixture files), in a fixed order. */
  bodies: string[]
}

interface Workload {
  name: string
  texts: string[]
  bytes: number
}

interface Timing {
  median: number
  min: number
  max: number
}

interface Pass {
  wall: number
  /** CPU seconds of the whole process, GC threads included: below `wall` when other work held the CPUs. */
  cpu: number
}

type CaseKind = 'bare' | 'preset' | 'core'

/** What a case's worker is given. */
interface CaseData {
  kind: CaseKind
  texts: string[]
}

/** A pass as a worker reports it: its time and, for the preset, how many messages it produced. */
interface Timed extends Pass {
  messages: number
}

interface Case {
  label: string
  load: Workload
  worker: Worker
  messages: number
  passes: Pass[]
}

interface CommandTiming extends Timing {
  /** Highest maxRSS of the runs, in MB. */
  peakRss: number
  /** Median CPU seconds of the child. */
  cpu: number
  failure: string | undefined
}

/** The FNC-1 article bodies beside the repo, else the repo's fixture texts (marked as the fallback). */
function loadCorpus(): Corpus {
  const csv = path.join(fncFolder, 'train_bodies.csv')
  if (fs.existsSync(csv)) {
    const records = csvRecords(fs.readFileSync(csv, 'utf8')).slice(1)
    const bodies = [...new Set(records.map((record) => (record[1] ?? '').trim()))].filter((body) => body !== '')
    return {source: `FNC-1 train bodies (${path.relative(root, csv)})`, fallback: false, bodies}
  }
  const fixtures = path.join(root, 'fixtures')
  const files = fs
    .readdirSync(fixtures, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.txt') && !/\.(expected|fixed)\.txt$/.test(file))
    .sort()
  const bodies = files.map((file) => fs.readFileSync(path.join(fixtures, file), 'utf8').trim()).filter((body) => body !== '')
  if (bodies.length === 0) throw new Error(`bench: neither ${fncFolder} nor any text in ${fixtures}`)
  return {source: `FALLBACK: ${bodies.length} fixture texts from fixtures/**/*.txt, repeated (${path.relative(root, fncFolder)} is missing)`, fallback: true, bodies}
}

/** Records of an RFC 4180 CSV file: quoted fields may hold commas, line breaks and doubled quotes. */
function csvRecords(text: string): string[][] {
  const records: string[][] = []
  const field = /"((?:[^"]|"")*)"|([^,\r\n]*)/y
  let at = 0
  while (at < text.length) {
    const record: string[] = []
    for (;;) {
      field.lastIndex = at
      const match = field.exec(text)
      if (!match) throw new Error(`bench: malformed CSV at offset ${at}`)
      record.push(match[1] === undefined ? (match[2] ?? '') : match[1].replaceAll('""', '"'))
      at = field.lastIndex
      if (text[at] !== ',') break
      at++
    }
    if (text[at] === '\r') at++
    if (text[at] === '\n') at++
    records.push(record)
  }
  return records
}

/** Ranges of the non-blank lines of a body: in scraped text each is a paragraph. */
function nonBlankLines(body: string): Array<[number, number]> {
  return [...body.matchAll(/[^\n]*\S[^\n]*/g)].map((match) => [match.index, match.index + match[0].length])
}

/**
 * About `articleBytes`-sized documents cut from the bodies at paragraph
 * boundaries: a body's own text between its cut points, untouched, and a
 * short body topped up with the next one after a blank line. Cycled when the
 * corpus gives fewer than `articleCount`.
 */
function articleDocuments(bodies: string[]): {texts: string[]; distinct: number} {
  const documents: string[] = []
  let pieces: string[] = []
  let size = 0
  const flush = () => {
    if (pieces.length > 0) documents.push(pieces.join('\n\n'))
    pieces = []
    size = 0
  }
  for (const body of bodies) {
    let pieceStart: number | undefined
    let pieceEnd = 0
    // Bytes this paragraph adds: with what separates it from the piece so far, or a blank line before a new piece.
    const cost = (start: number, end: number) =>
      pieceStart === undefined ? Buffer.byteLength(body.slice(start, end)) + (size > 0 ? 2 : 0) : Buffer.byteLength(body.slice(pieceEnd, end))
    for (const [start, end] of nonBlankLines(body)) {
      // Cut before this paragraph when that leaves the document closer to the target than taking it in,
      // unless the document is still under half the target.
      if (size >= articleBytes / 2 && Math.abs(size + cost(start, end) - articleBytes) > Math.abs(size - articleBytes)) {
        if (pieceStart !== undefined) pieces.push(body.slice(pieceStart, pieceEnd))
        flush()
        pieceStart = undefined
      }
      size += cost(start, end)
      pieceStart ??= start
      pieceEnd = end
    }
    if (pieceStart !== undefined) pieces.push(body.slice(pieceStart, pieceEnd))
  }
  flush()
  const distinct = Math.min(documents.length, articleCount)
  return {texts: Array.from({length: articleCount}, (_, index) => documents[index % documents.length] ?? ''), distinct}
}

/** One document of at least `bigBytes`: whole bodies joined with blank lines, cycled if the corpus is smaller. */
function bigDocument(bodies: string[]): {text: string; bodies: number} {
  const parts: string[] = []
  let size = 0
  for (let index = 0; size < bigBytes; index++) {
    const body = bodies[index % bodies.length] ?? ''
    parts.push(body)
    size += Buffer.byteLength(body) + 2
  }
  return {text: parts.join('\n\n'), bodies: parts.length}
}

function workload(name: string, texts: string[]): Workload {
  return {name, texts, bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0)}
}

type BareProcessor = ReturnType<typeof bareProcessor>
type PresetProcessor = ReturnType<typeof createProcessor>

function bareProcessor() {
  return unified().use(retextEnglish)
}

function bareParse(processor: BareProcessor, texts: string[]): void {
  for (const text of texts) processor.parse(text)
}

/** Runs the recommended preset as the API does; returns the number of messages, as a check that it linted. */
async function presetRun(processor: PresetProcessor, texts: string[]): Promise<number> {
  let messages = 0
  for (const text of texts) {
    const file = new VFile({value: text})
    await processor.run(processor.parse(file), file)
    messages += file.messages.length
  }
  return messages
}

/** A pass over `texts` for a case, with its processor made once, as a long-running user would. */
function casePass({kind, texts}: CaseData): () => Promise<number> {
  if (kind === 'preset') {
    const preset = createProcessor()
    return () => presetRun(preset, texts)
  }
  if (kind === 'core') {
    // The recommended preset as the core issue defined it: its two rules, every later rule off.
    const core = createProcessor({config: {rules: Object.fromEntries(rules.map((rule) => [rule.id, coreRules.includes(rule.id) ? 'warn' : 'off']))}})
    return () => presetRun(core, texts)
  }
  const bare = bareProcessor()
  return async () => {
    bareParse(bare, texts)
    return 0
  }
}

/** In a case's worker: one timed pass per request from the main thread. */
function serveCase(data: CaseData, port: MessagePort): void {
  const pass = casePass(data)
  port.on('message', () => {
    void timePass(pass).then((timed) => port.postMessage(timed))
  })
}

/**
 * A full garbage collection. `node dist/scripts/bench.js` runs without
 * `--expose-gc`, so the flag is set now and `gc` taken from a new context.
 */
function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
}

const collectGarbage = exposedGc()

/**
 * Wall and CPU seconds of one pass. The heap is collected before the clock
 * starts and again before it stops, so a pass pays for the garbage it leaves
 * and not for the garbage of the pass before it.
 */
async function timePass(pass: () => Promise<number>): Promise<Timed> {
  collectGarbage()
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  const messages = await pass()
  collectGarbage()
  const wall = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpuStart)
  return {wall, cpu: (cpu.user + cpu.system) / 1e6, messages}
}

/** Asks a case's worker for one pass. */
function requestPass(worker: Worker): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
    }
    const onMessage = (timed: Timed) => {
      settle()
      resolve(timed)
    }
    const onError = (error: Error) => {
      settle()
      reject(error)
    }
    const onExit = (code: number) => {
      settle()
      reject(new Error(`bench: a worker exited with code ${code} before reporting its pass`))
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage('pass')
  })
}

/** A case in its own worker, after one warm-up pass. */
async function startCase(label: string, load: Workload, kind: CaseKind): Promise<Case> {
  const data: CaseData = {kind, texts: load.texts}
  const worker = new Worker(new URL(import.meta.url), {workerData: data})
  const warmUp = await requestPass(worker)
  return {label, load, worker, messages: warmUp.messages, passes: []}
}

/**
 * Bare parsing and the preset on the articles and on the 1 MB file: one
 * warm-up pass each, then `repetitions` rounds. Each case runs in its own
 * worker, so with its own heap and its own optimised code: in one isolate,
 * bare parsing of the articles ran at half speed once the 1 MB file had been
 * parsed, and slower still with a processor made anew per pass.
 */
async function measureInProcess(articles: Workload, big: Workload) {
  const cases: Case[] = []
  try {
    // The articles' cases start first, so the peak RSS read then is theirs alone.
    cases.push(await startCase('bare retext-english parse', articles, 'bare'), await startCase('recommended preset', articles, 'preset'))
    const articleRss = peakRssMegabytes()
    cases.push(await startCase('bare retext-english parse', big, 'bare'), await startCase('recommended preset', big, 'preset'))
    const coreLabel = `core rules (${coreRules.join(', ')})`
    cases.push(await startCase(coreLabel, articles, 'core'), await startCase(coreLabel, big, 'core'))
    for (let round = 0; round < repetitions; round++) {
      for (const item of cases) item.passes.push(await requestPass(item.worker))
    }
    return {cases, articleRss, peakRss: peakRssMegabytes()}
  } finally {
    await Promise.all(cases.map((item) => item.worker.terminate()))
  }
}

function summary(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return {median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0}
}

/** The median over rounds of `ratio(round)`. */
function medianRatio(rounds: number, ratio: (round: number) => number): number {
  return summary(Array.from({length: rounds}, (_, round) => ratio(round))).median
}

// The child reports its own peak RSS and CPU time when it exits: Node gives no rusage of a child process.
const usageReport = 'process.on("exit", () => { const usage = process.resourceUsage(); process.stderr.write(`\\nbench-usage ${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\\n`) })'
const usageHook = `data:text/javascript,${encodeURIComponent(usageReport)}`
const usageLine = /^bench-usage (\d+) (\d+)$/m

/** Wall time of `node dist/src/cli.js …` as a child process, output discarded; exit 0 or 1 (findings) counts as a run. */
function timeCli(args: string[], runs: number): CommandTiming {
  const seconds: number[] = []
  const cpu: number[] = []
  let peakRss = 0
  let failure: string | undefined
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    const result = spawnSync(process.execPath, ['--import', usageHook, cliPath, ...args], {cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
    seconds.push((performance.now() - start) / 1000)
    const stderr = result.stderr ?? ''
    const usage = usageLine.exec(stderr)
    peakRss = Math.max(peakRss, Number(usage?.[1] ?? 0) / 1024)
    cpu.push(Number(usage?.[2] ?? 0) / 1e6)
    if (result.error || result.signal || (result.status ?? 2) > 1) {
      const reason = result.error?.message ?? result.signal ?? `exit ${result.status ?? '?'}`
      failure ??= `${reason}: ${stderr.replace(usageLine, '').trim().split('\n')[0] ?? ''}`
    }
  }
  return {...summary(seconds), peakRss, cpu: summary(cpu).median, failure}
}

function writeArticleFiles(texts: string[]): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'scrapelint-bench-'))
  texts.forEach((text, index) => {
    fs.writeFileSync(path.join(folder, `article-${String(index + 1).padStart(4, '0')}.txt`), text)
  })
  return folder
}

function megabytesPerSecond(bytes: number, seconds: number): number {
  return bytes / 1e6 / seconds
}

function peakRssMegabytes(): number {
  return process.resourceUsage().maxRSS / 1024
}

const integer = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0})

/** Columns padded to their widest cell; every column but the first is right-aligned. */
function table(rows: string[][]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)))
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd())
    .join('\n')
}

function caseRow(item: Case): string[] {
  const wall = summary(item.passes.map((pass) => pass.wall))
  const cpu = summary(item.passes.map((pass) => pass.cpu))
  const bytes = item.load.bytes
  return [item.label, item.load.name, integer.format(bytes), wall.median.toFixed(3), megabytesPerSecond(bytes, wall.median).toFixed(2), wall.min.toFixed(3), wall.max.toFixed(3), cpu.median.toFixed(3)]
}

function commandRow(label: string, runs: number, timing: CommandTiming): string[] {
  return [label, String(runs), timing.median.toFixed(3), timing.min.toFixed(3), timing.max.toFixed(3), timing.cpu.toFixed(3), timing.peakRss.toFixed(0)]
}

async function main(): Promise<void> {
  if (!fs.existsSync(cliPath)) throw new Error(`bench: ${path.relative(root, cliPath)} is missing; run \`npm run build\` first`)
  const corpus = loadCorpus()
  const articles = articleDocuments(corpus.bodies)
  const big = bigDocument(corpus.bodies)
  const articleLoad = workload(`${integer.format(articleCount)} articles`, articles.texts)
  // The 1 MB file is linted as often as it takes to match the articles' bytes, so that both passes end with one
  // forced full GC per 4 MB. That GC is stop-the-world: on the 1 MB file's tree, which lives long enough to reach
  // the old generation, it took about 0.19 s, a fifth of a one-copy pass (the articles' took 0.045 s); between
  // copies, V8 collects on its own schedule, partly on its background threads, as it does in a long CLI run.
  const bigCopies = Math.max(1, Math.round(articleCount * articleBytes / Buffer.byteLength(big.text)))
  const bigLoad = workload(`1 MB file ×${bigCopies}`, Array.from({length: bigCopies}, () => big.text))
  const sizes = articles.texts.map((text) => Buffer.byteLength(text)).sort((a, b) => a - b)
  const loadBefore = os.loadavg()[0] ?? 0

  console.log(`corpus: ${corpus.source}`)
  console.log(
    `articles: ${integer.format(articleCount)} documents (${integer.format(articles.distinct)} distinct), ${integer.format(articleLoad.bytes)} bytes, ` +
      `mean ${integer.format(articleLoad.bytes / articleCount)} B, min ${integer.format(sizes[0] ?? 0)} B, max ${integer.format(sizes.at(-1) ?? 0)} B`
  )
  console.log(
    `1 MB file: ${integer.format(Buffer.byteLength(big.text))} bytes, ${integer.format(big.bodies)} bodies joined with blank lines; ` +
      `each pass lints it ${bigCopies} times, as many bytes as the articles`
  )
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(2)}; MB = 10^6 bytes`)
  console.log(`in process: each case in its own worker; 1 warm-up pass each, then ${repetitions} rounds of the six cases; a full GC before each pass and inside its time\n`)

  const inProcess = await measureInProcess(articleLoad, bigLoad)
  const [bareArticles, presetArticles, , presetBig, coreArticles, coreBig] = inProcess.cases.map((item) => item.passes)
  const ratios = (measure: keyof Pass) => {
    const of = (passes: Pass[] | undefined, round: number) => passes?.[round]?.[measure] ?? Number.NaN
    return {
      presetOverBare: medianRatio(repetitions, (round) => of(presetArticles, round) / of(bareArticles, round)),
      coreOverBare: medianRatio(repetitions, (round) => of(coreArticles, round) / of(bareArticles, round)),
      bigOverArticles: medianRatio(repetitions, (round) => bigLoad.bytes / of(presetBig, round) / (articleLoad.bytes / of(presetArticles, round))),
      coreBigOverArticles: medianRatio(repetitions, (round) => bigLoad.bytes / of(coreBig, round) / (articleLoad.bytes / of(coreArticles, round)))
    }
  }
  const {presetOverBare, coreOverBare, bigOverArticles, coreBigOverArticles} = ratios('wall')
  const onCpu = ratios('cpu')

  const folder = writeArticleFiles(articles.texts)
  let startup: CommandTiming
  let cli: CommandTiming
  let cliOneThread: CommandTiming
  let cliCore: CommandTiming
  try {
    startup = timeCli(['--version'], versionRuns)
    cli = timeCli([folder], cliRuns)
    cliOneThread = timeCli(['--jobs', '1', folder], cliRuns)
    // The same files with only the core issue's rules on, the preset its 3 s target was set for.
    cliCore = timeCli([...rules.filter((rule) => !coreRules.includes(rule.id)).flatMap((rule) => ['--rule', `${rule.id}:off`]), folder], cliRuns)
  } finally {
    fs.rmSync(folder, {recursive: true, force: true})
  }
  const corpusTexts: string[] = []
  for (let bytes = 0, index = 0; bytes < corpusBytes; index++) {
    const text = articles.texts[index % articles.texts.length] ?? ''
    corpusTexts.push(text)
    bytes += Buffer.byteLength(text)
  }
  const corpusLoad = workload('10 MB corpus', corpusTexts)
  const corpusFolder = writeArticleFiles(corpusTexts)
  let corpusRun: CommandTiming
  try {
    corpusRun = timeCli([corpusFolder], 1)
  } finally {
    fs.rmSync(corpusFolder, {recursive: true, force: true})
  }
  // The 1 MB file through the CLI as plain text and as Markdown: the Markdown path parses with remark and converts
  // block by block (src/parse.ts), where a whole-tree conversion was quadratic in the file's length.
  const bigFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'scrapelint-bench-'))
  let bigText: CommandTiming
  let bigMarkdown: CommandTiming
  try {
    fs.writeFileSync(path.join(bigFolder, 'big.txt'), big.text)
    fs.writeFileSync(path.join(bigFolder, 'big.md'), big.text)
    bigText = timeCli([path.join(bigFolder, 'big.txt')], 1)
    bigMarkdown = timeCli([path.join(bigFolder, 'big.md')], 1)
  } finally {
    fs.rmSync(bigFolder, {recursive: true, force: true})
  }
  const loadAfter = os.loadavg()[0] ?? 0

  console.log(table([['in process', 'input', 'bytes', 'median s', 'MB/s', 'min s', 'max s', 'cpu s'], ...inProcess.cases.map(caseRow)]))
  console.log(`preset messages per pass: ${integer.format(inProcess.cases[1]?.messages ?? 0)} on the articles, ${integer.format((inProcess.cases[3]?.messages ?? 0) / bigCopies)} on each copy of the 1 MB file`)
  console.log(`peak RSS of this process: ${inProcess.articleRss.toFixed(0)} MB after the articles' warm-up, ${inProcess.peakRss.toFixed(0)} MB at the end`)
  console.log(`ratios, median of the ${repetitions} rounds: preset/bare ${presetOverBare.toFixed(2)}× on articles; preset per-byte speed, 1 MB file/articles ${bigOverArticles.toFixed(2)}×`)
  console.log(`the same on CPU seconds, less swayed by other load: ${onCpu.presetOverBare.toFixed(2)}× and ${onCpu.bigOverArticles.toFixed(2)}×`)
  console.log(
    `the core issue's two rules alone: ${coreOverBare.toFixed(2)}× bare parsing on articles (CPU ${onCpu.coreOverBare.toFixed(2)}×); ` +
      `1 MB file/articles per byte ${coreBigOverArticles.toFixed(2)}× (CPU ${onCpu.coreBigOverArticles.toFixed(2)}×)\n`
  )
  console.log(
    table([
      ['CLI (child process)', 'runs', 'median s', 'min s', 'max s', 'cpu s', 'peak RSS MB'],
      commandRow('node dist/src/cli.js --version', versionRuns, startup),
      commandRow(`node dist/src/cli.js <${integer.format(articleCount)} files>`, cliRuns, cli),
      commandRow(`node dist/src/cli.js --jobs 1 <${integer.format(articleCount)} files>`, cliRuns, cliOneThread),
      commandRow(`node dist/src/cli.js <the same, core rules only>`, cliRuns, cliCore),
      commandRow(`node dist/src/cli.js <${integer.format(corpusTexts.length)} files, ${integer.format(corpusLoad.bytes)} bytes>`, 1, corpusRun),
      commandRow('node dist/src/cli.js <the 1 MB file as .txt>', 1, bigText),
      commandRow('node dist/src/cli.js <the 1 MB file as .md>', 1, bigMarkdown)
    ])
  )
  console.log(`CLI minus startup: ${(cli.median - startup.median).toFixed(3)} s, ${megabytesPerSecond(articleLoad.bytes, cli.median - startup.median).toFixed(2)} MB/s`)
  console.log(`recommended preset through the CLI on the 10 MB corpus: ${megabytesPerSecond(corpusLoad.bytes, corpusRun.median).toFixed(2)} MB/s (${corpusRun.median.toFixed(1)} s, startup included)\n`)

  const missed: string[] = []
  if (presetOverBare > targets.presetOverBare) missed.push(`preset/bare on articles is ${presetOverBare.toFixed(2)}×, over the ${targets.presetOverBare.toFixed(2)}× target`)
  if (bigOverArticles < targets.bigOverArticles) missed.push(`the 1 MB file runs at ${bigOverArticles.toFixed(2)}× the articles' per-byte speed, under the ${targets.bigOverArticles.toFixed(2)}× target`)
  if (cli.failure) missed.push(`the CLI failed on the files (${cli.failure}), so its time does not count`)
  else if (cli.median >= targets.cliSeconds) missed.push(`the CLI took ${cli.median.toFixed(2)} s on ${integer.format(articleCount)} files, over the ${targets.cliSeconds} s target`)
  if (cliCore.failure) missed.push(`the CLI with the core rules only failed (${cliCore.failure})`)
  if (startup.failure) missed.push(`\`--version\` failed (${startup.failure})`)
  if (bigText.failure || bigMarkdown.failure) missed.push(`the CLI failed on the 1 MB file (${bigText.failure ?? bigMarkdown.failure})`)
  if (Math.max(loadBefore, loadAfter) > os.cpus().length) {
    console.log(`NOTE: load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.cpus().length} CPUs: other work shared the CPUs, so wall times are inflated`)
  }
  if (corpus.fallback) console.log('NOTE: fallback corpus (fixture texts repeated), not the FNC-1 bodies; numbers are not comparable with a full run')
  for (const line of missed) console.log(`MISSED: ${line}`)
  // The same three targets for the preset the core issue set them for, its two rules: reported beside, not instead.
  const verdict = (met: boolean) => (met ? 'met' : 'missed')
  console.log(
    `core issue's preset (${coreRules.join(', ')}), against the same targets: ` +
      `${coreOverBare.toFixed(2)}× bare parsing (${verdict(coreOverBare <= targets.presetOverBare)}); ` +
      `1 MB file at ${coreBigOverArticles.toFixed(2)}× the articles' per-byte speed (${verdict(coreBigOverArticles >= targets.bigOverArticles)}); ` +
      `CLI ${cliCore.median.toFixed(2)} s on ${integer.format(articleCount)} files (${verdict(!cliCore.failure && cliCore.median < targets.cliSeconds)})`
  )
  console.log(
    `bench: preset/bare = ${presetOverBare.toFixed(2)}× on articles (core rules ${coreOverBare.toFixed(2)}×); 1 MB file at ${bigOverArticles.toFixed(2)}× the articles' per-byte speed (core rules ${coreBigOverArticles.toFixed(2)}×); ` +
      `CLI on ${integer.format(articleCount)} files: ${cli.median.toFixed(2)} s (${cliOneThread.median.toFixed(2)} s in one thread, ${cliCore.median.toFixed(2)} s with the core rules only); ` +
      `10 MB corpus at ${megabytesPerSecond(corpusLoad.bytes, corpusRun.median).toFixed(2)} MB/s`
  )
}

if (isMainThread) await main()
else if (parentPort) serveCase(workerData as CaseData, parentPort)
