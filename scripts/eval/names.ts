import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parse} from 'csv-parse/sync'
import {root} from '../../src/data.js'
import {lint, rules} from '../../src/index.js'
import type {ScrapelintMessage} from '../../src/types.js'

export const description =
  'name-consistency, name-canonical and common-misspellings on the FNC-1 train article bodies (../shared/data/fnc1-train): bodies flagged per rule, and precision from the hand-checked sample in fixtures/names-sample/. DEV data: the rules were tuned on these bodies, so every figure is a dev figure.'

const nameRules = ['name-consistency', 'name-canonical', 'common-misspellings']
const samplePath = path.join(root, 'fixtures', 'names-sample', 'fnc1-train.verdicts.tsv')
const targets = {precision: 0.85, flaggedShare: 0.03}

const write = (text: string) => process.stdout.write(text)
const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(2)}%`

/** A finding as the sample file identifies it: rule, body, place and the flagged text. */
export interface Finding {
  rule: string
  body: string
  place: string
  actual: string
  expected: string
  context: string
  reason: string
  note: string
}

function keyOf(finding: Pick<Finding, 'rule' | 'body' | 'place' | 'actual'>): string {
  return [finding.rule, finding.body, finding.place, finding.actual].join('\t')
}

/** The name rules alone, at their recommended severity; every other rule off. */
function nameRulesOnly(): Record<string, 'off' | 'warn'> {
  return Object.fromEntries(rules.map((rule) => [rule.id, nameRules.includes(rule.id) ? 'warn' : 'off']))
}

function placeOf(message: ScrapelintMessage): {start: number; end: number; place: string} {
  const place = message.place
  if (!place || !('start' in place)) return {start: 0, end: 0, place: '0:0'}
  return {start: place.start.offset ?? 0, end: place.end.offset ?? 0, place: `${place.start.line}:${place.start.column}`}
}

/** Up to 40 characters each side of a finding, on one line, for a reader checking it. */
function contextOf(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 40), start)
  const after = text.slice(end, end + 40)
  return `${before}[${text.slice(start, end)}]${after}`.replace(/\s+/g, ' ')
}

interface Verdict {
  verdict: 'TP' | 'FP'
  key: string
  rule: string
}

/** The hand-checked sample: `verdict rule body place actual expected context reason`, tab-separated, `#` comments. */
function readSample(): Verdict[] {
  if (!fs.existsSync(samplePath)) return []
  return fs
    .readFileSync(samplePath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [verdict, rule = '', body = '', place = '', actual = ''] = line.split('\t')
      if (verdict !== 'TP' && verdict !== 'FP') throw new Error(`eval names: bad verdict line in ${samplePath}: ${line}`)
      return {verdict, rule, key: keyOf({rule, body, place, actual})}
    })
}

export async function run(dataFolder: string): Promise<void> {
  const file = path.join(dataFolder, 'fnc1-train', 'train_bodies.csv')
  const records = parse(fs.readFileSync(file, 'utf8'), {columns: true, skip_empty_lines: true}) as Array<Record<string, string>>
  const config = {rules: nameRulesOnly()}
  const findings: Finding[] = []
  const flagged = new Map<string, Set<string>>(nameRules.map((rule) => [rule, new Set()]))
  const started = performance.now()
  for (const record of records) {
    const body = record['Body ID'] ?? ''
    const text = record.articleBody ?? ''
    for (const message of await lint(text, {config, filePath: `body-${body}.txt`})) {
      const rule = message.ruleId ?? ''
      const {start, end, place} = placeOf(message)
      flagged.get(rule)?.add(body)
      findings.push({
        rule,
        body,
        place,
        actual: message.actual ?? '',
        expected: (message.expected ?? []).join(' | '),
        context: contextOf(text, start, end),
        reason: message.reason,
        note: message.note ?? ''
      })
    }
  }
  const seconds = (performance.now() - started) / 1000
  const any = new Set([...flagged.values()].flatMap((bodies) => [...bodies]))

  write(`${records.length} bodies linted with the name rules only, in ${seconds.toFixed(1)} s.\n\n`)
  write('| rule | findings | bodies flagged | share of bodies |\n| --- | ---: | ---: | ---: |\n')
  for (const rule of nameRules) {
    const bodies = flagged.get(rule) ?? new Set()
    write(`| ${rule} | ${findings.filter((finding) => finding.rule === rule).length} | ${bodies.size} | ${percent(bodies.size, records.length)} |\n`)
  }
  write(`| any name rule | ${findings.length} | ${any.size} | ${percent(any.size, records.length)} |\n\n`)

  const current = new Map(findings.map((finding) => [keyOf(finding), finding]))
  const sample = readSample()
  const checked = sample.filter((verdict) => current.has(verdict.key))
  const stale = sample.length - checked.length
  const unchecked = findings.filter((finding) => !sample.some((verdict) => verdict.key === keyOf(finding)))
  write(`Hand-checked sample (${path.relative(root, samplePath)}): ${sample.length} findings with a verdict, ${checked.length} still reported, ${stale} no longer reported, ${unchecked.length} current findings without a verdict.\n\n`)
  write('| rule | checked | true | false | precision |\n| --- | ---: | ---: | ---: | ---: |\n')
  for (const rule of [...nameRules, 'all']) {
    const rows = checked.filter((verdict) => rule === 'all' || verdict.rule === rule)
    const truePositives = rows.filter((verdict) => verdict.verdict === 'TP').length
    const precision = rows.length === 0 ? 1 : truePositives / rows.length
    write(`| ${rule} | ${rows.length} | ${truePositives} | ${rows.length - truePositives} | ${rows.length === 0 ? '–' : precision.toFixed(3)} |\n`)
  }
  const truePositives = checked.filter((verdict) => verdict.verdict === 'TP').length
  const precision = checked.length === 0 ? 0 : truePositives / checked.length
  const share = any.size / Math.max(records.length, 1)
  write(`\nTargets: precision ≥ ${targets.precision} (dev: ${precision.toFixed(3)}), at most ${percent(targets.flaggedShare, 1)} of bodies flagged (dev: ${percent(any.size, records.length)}).\n`)
  if (precision < targets.precision) write(`MISSED: precision ${precision.toFixed(3)} < ${targets.precision}\n`)
  if (share > targets.flaggedShare) write(`MISSED: ${percent(any.size, records.length)} of bodies flagged > ${percent(targets.flaggedShare, 1)}\n`)

  // Every current finding, for hand-checking new ones: copy lines into the sample with a verdict and a reason.
  const scratch = path.join(os.tmpdir(), 'scrapelint-names-findings.tsv')
  fs.writeFileSync(scratch, findings.map((finding) => ['?', keyOf(finding), finding.expected, finding.context, finding.reason, finding.note].join('\t')).join('\n') + '\n')
  write(`\nAll ${findings.length} current findings (verdict \`?\`) written to ${scratch}.\n`)
}
