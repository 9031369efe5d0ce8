/**
 * `npm run bench:server`: the language server as an editor drives it, over
 * stdio, on a 5,000-word article made of the repository's real texts (the
 * seeds and the clean fixtures, paragraph by paragraph).
 *
 * 1. Latency: after each edit, the time until its diagnostics arrive, less
 *    the server's debounce. Target: under 100 ms (median and 95th percentile
 *    are printed), beside the time of the API's `lint()` on the same article,
 *    which is what the rules alone take.
 * 2. Memory: 1,000 edits, each linted (debounce 0, the next edit sent when
 *    its diagnostics arrive); the server's resident set is then read from
 *    /proc, right away and 2 s later, with the peak. Target: under 200 MB.
 *
 * It reports and exits 0; a missed target is printed as a `MISSED:` line.
 * `--latency` runs the first part only (seconds instead of minutes, while
 * working on the server's speed); `--cpu-prof=<folder>` writes the latency
 * server's CPU profile there (open it in Chrome's DevTools).
 */
import fs from 'node:fs'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import process from 'node:process'
import {pathToFileURL} from 'node:url'
import {root} from '../src/data.js'
import {lint} from '../src/index.js'
import {LspClient} from './lsp-client.js'

const server = path.join(root, 'dist', 'src', 'server.js')
const words = 5000
const debounce = 150
const latencyEdits = 60
const warmupEdits = 10
const memoryEdits = 1000
const targets = {latencyMs: 100, residentMb: 200}
const latencyOnly = process.argv.includes('--latency')
const profileFolder = process.argv.find((arg) => arg.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length)

/** Paragraphs of the seeds and clean fixtures, in a fixed order, until `words` words. */
function article(): string {
  const sources = ['fixtures/seeds/000.txt', 'fixtures/seeds/001.txt', ...fs.readdirSync(path.join(root, 'fixtures/clean')).filter((name) => name.endsWith('.txt')).sort().map((name) => `fixtures/clean/${name}`)]
  const paragraphs: string[] = []
  let count = 0
  for (let round = 0; count < words; round++) {
    for (const source of sources) {
      for (const paragraph of fs.readFileSync(path.join(root, source), 'utf8').split(/\n\s*\n/)) {
        const size = paragraph.split(/\s+/).filter(Boolean).length
        if (size === 0 || count >= words) continue
        paragraphs.push(paragraph.trim())
        count += size
      }
    }
    if (round > 10) break
  }
  return paragraphs.join('\n\n') + '\n'
}

function residentMb(pid: number): {rss: number; peak: number} {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return {rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024}
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function startServer(wait: number, profile?: string): Promise<LspClient> {
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : []
  const client = new LspClient(process.execPath, [...flags, server, '--stdio'], {cwd: root})
  await client.request('initialize', {processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: {debounce: wait}})
  client.notify('initialized', {})
  return client
}

/** Opens the article and returns a function that types one word at a spot that moves through the text, resolving when its diagnostics arrive. */
async function open(client: LspClient, text: string, name: string): Promise<{edit: () => Promise<{sent: number; received: number; count: number}>}> {
  // A path inside the repository's fixtures folder picks up no config but the default, as a user's article would.
  const uri = pathToFileURL(path.join(root, 'fixtures', name)).href
  client.notify('textDocument/didOpen', {textDocument: {uri, languageId: 'plaintext', version: 1, text}})
  await client.diagnostics(uri, {version: 1, timeout: 60_000})
  const lines = text.split('\n')
  const long = lines.map((line, index) => ({line, index})).filter(({line}) => line.length > 40)
  // The article's own words, in order: real words, and never the same one twice at a paragraph's end.
  const vocabulary = text.match(/\b[a-z]{3,}\b/g) ?? ['word']
  let version = 1
  return {
    edit: async () => {
      version++
      const target = long[version % long.length] ?? {line: '', index: 0}
      // Add a word at the end of a paragraph: the text grows as a writer's does.
      const character = target.line.length
      const word = ` ${vocabulary[version % vocabulary.length] ?? 'word'}`
      target.line += word
      const since = client.notifications.length
      const sent = performance.now()
      client.notify('textDocument/didChange', {
        textDocument: {uri, version},
        contentChanges: [{range: {start: {line: target.index, character}, end: {line: target.index, character}}, text: word}]
      })
      const published = await client.diagnostics(uri, {version, since, timeout: 60_000})
      const received = client.notifications.find((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as {version?: number}).version === version)?.at ?? performance.now()
      return {sent, received, count: published.diagnostics.length}
    }
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`)
  const text = article()
  const wordCount = text.split(/\s+/).filter(Boolean).length
  console.log(`Article: ${wordCount} words, ${text.length} characters, ${text.split('\n').length} lines (seeds and clean fixtures)`)

  const latencyServer = await startServer(debounce, profileFolder)
  const latency = await open(latencyServer, text, 'bench-latency.txt')
  for (let index = 0; index < warmupEdits; index++) await latency.edit()
  const afterDebounce: number[] = []
  let diagnostics = 0
  for (let index = 0; index < latencyEdits; index++) {
    const {sent, received, count} = await latency.edit()
    afterDebounce.push(received - sent - debounce)
    diagnostics = count
  }
  await latencyServer.close()
  const median = percentile(afterDebounce, 50)
  const p95 = percentile(afterDebounce, 95)
  console.log(`\nLatency, edit → diagnostics less the ${debounce} ms debounce, ${latencyEdits} edits after ${warmupEdits} warm-up (${diagnostics} diagnostics each):`)
  console.log(`  median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...afterDebounce).toFixed(1)} ms (target < ${targets.latencyMs} ms)`)
  if (p95 >= targets.latencyMs) console.log(`MISSED: p95 latency ${p95.toFixed(1)} ms ≥ ${targets.latencyMs} ms`)
  // The same article through the API in this process, no server: how much of the latency the rules themselves take.
  for (let index = 0; index < warmupEdits; index++) await lint(text, {filePath: 'article.txt'})
  const bare: number[] = []
  for (let index = 0; index < latencyEdits; index++) {
    const began = performance.now()
    await lint(`${text} word${index % 2 === 0 ? '' : 's'}`, {filePath: 'article.txt'})
    bare.push(performance.now() - began)
  }
  console.log(`  for comparison, \`lint()\` of the same article in-process: median ${percentile(bare, 50).toFixed(1)} ms, p95 ${percentile(bare, 95).toFixed(1)} ms`)
  if (latencyOnly) return

  const memoryServer = await startServer(0)
  const pid = memoryServer.child.pid
  if (pid === undefined) throw new Error('server has no pid')
  const memory = await open(memoryServer, text, 'bench-memory.txt')
  const start = residentMb(pid)
  const began = performance.now()
  const lintTimes: number[] = []
  for (let index = 0; index < memoryEdits; index++) {
    const {sent, received} = await memory.edit()
    lintTimes.push(received - sent)
  }
  const seconds = (performance.now() - began) / 1000
  const end = residentMb(pid)
  // As an editor's server spends most of its time: two seconds after the typing stops.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const rest = residentMb(pid)
  await memoryServer.close()
  console.log(`\nMemory, ${memoryEdits} edits each linted (debounce 0) in ${seconds.toFixed(1)} s, median edit → diagnostics ${percentile(lintTimes, 50).toFixed(1)} ms:`)
  console.log(
    `  resident after opening ${start.rss.toFixed(0)} MB; right after the ${memoryEdits}th edit ${end.rss.toFixed(0)} MB; 2 s later ${rest.rss.toFixed(0)} MB; peak ${rest.peak.toFixed(0)} MB (target < ${targets.residentMb} MB)`
  )
  if (end.rss >= targets.residentMb) console.log(`MISSED: resident ${end.rss.toFixed(0)} MB ≥ ${targets.residentMb} MB`)
}

await main()
