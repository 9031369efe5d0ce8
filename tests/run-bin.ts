import {spawn} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The repository, and the bin as `npm run build` leaves it. */
export const root = path.resolve(import.meta.dirname, '..')
export const bin = path.join(root, 'dist/src/cli.js')

if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` before these tests`)

/** Real scraped text, byte copies of the seeds (see fixtures/seeds/*.expected.txt for their source). */
export const seed000 = fs.readFileSync(path.join(root, 'fixtures/seeds/000.txt'), 'utf8')
export const seed001 = fs.readFileSync(path.join(root, 'fixtures/seeds/001.txt'), 'utf8')

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

const made: string[] = []

/** A fresh folder holding `files` (path → content); folders in the paths are created. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrapelint-'))
  made.push(dir)
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name)
    fs.mkdirSync(path.dirname(file), {recursive: true})
    fs.writeFileSync(file, content)
  }
  return dir
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, {recursive: true, force: true})
}

/** Runs the built bin in `cwd` as a user would; `input` goes to stdin. Never rejects: the exit code is part of the result. */
export function scrapelint(cwd: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {cwd, env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
    child.stdin.end(input ?? '')
  })
}

/** A message of `--format json`. */
export interface JsonMessage {
  ruleId: string | null
  source: string | null
  severity: 'error' | 'warn' | 'info'
  line: number | null
  column: number | null
  endLine: number | null
  endColumn: number | null
  reason: string
  actual?: string
  fix?: {range: [number, number]; text: string}
}

export interface JsonFile {
  path: string
  messages: JsonMessage[]
}

export function parseJson(run: Run): JsonFile[] {
  return JSON.parse(run.stdout) as JsonFile[]
}

/** The messages of one file in a JSON report, as `line:column-endLine:endColumn severity rule-id`. */
export function summary(files: JsonFile[], name: string): string[] {
  const file = files.find((entry) => entry.path === name)
  if (!file) throw new Error(`no \`${name}\` in the report: ${files.map((entry) => entry.path).join(', ')}`)
  return file.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.ruleId ?? '-'}`)
}

/** The offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) offset = text.indexOf('\n', offset) + 1
  return offset + column - 1
}
