import fs from 'node:fs'
import path from 'node:path'
import {fix, lint, rules} from '../../src/index.js'
import {scoreTable, type Counts} from '../score.js'

export const description =
  'no-mojibake on ftfy’s test cases (../shared/data/ftfy: synthetic, negative, language-names). DEV data: the heuristic is ftfy’s, and these cases were used while porting it, so the figures are dev figures.'

interface Case {
  label: string
  original: string
  fixed: string
  'fixed-encoding'?: string
}

const files = ['synthetic.json', 'negative.json', 'language-names.json']

/** Every rule off but `no-mojibake`, so detection and repair are this rule's alone. */
const only: Record<string, 'off' | 'warn'> = Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-mojibake' ? 'warn' : 'off']))

interface Row extends Counts {
  name: string
  positives: number
  exact: number
  negativesChanged: number
}

const visible = (text: string) => JSON.stringify(text)

export async function run(dataFolder: string): Promise<void> {
  const folder = path.join(dataFolder, 'ftfy')
  const rows: Row[] = []
  const misses: string[] = []
  for (const file of files) {
    const cases = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Case[]
    const row: Row = {name: file, truePositives: 0, falsePositives: 0, falseNegatives: 0, positives: 0, exact: 0, negativesChanged: 0}
    for (const item of cases) {
      // A case needs an encoding repair when ftfy's fix_encoding changes it (PROVENANCE.md: "encoding-positive").
      const wanted = item['fixed-encoding'] ?? item.fixed
      const positive = wanted !== item.original
      const options = {config: {rules: only}, syntax: 'text' as const}
      const detected = (await lint(item.original, options)).length > 0
      const repaired = await fix(item.original, options)
      if (positive) {
        row.positives++
        if (detected) row.truePositives++
        else row.falseNegatives++
        if (repaired === wanted) row.exact++
        else misses.push(`- ${file} ${detected ? 'inexact' : 'missed'}: ${item.label}\n    original ${visible(item.original)}\n    repaired ${visible(repaired)}\n    wanted   ${visible(wanted)}`)
      } else {
        if (detected) {
          row.falsePositives++
          misses.push(`- ${file} false positive: ${item.label}\n    original ${visible(item.original)}\n    repaired ${visible(repaired)}`)
        }
        if (repaired !== item.original) row.negativesChanged++
      }
    }
    rows.push(row)
  }
  const total: Row = rows.reduce(
    (sum, row) => ({
      name: 'all (no-mojibake)',
      truePositives: sum.truePositives + row.truePositives,
      falsePositives: sum.falsePositives + row.falsePositives,
      falseNegatives: sum.falseNegatives + row.falseNegatives,
      positives: sum.positives + row.positives,
      exact: sum.exact + row.exact,
      negativesChanged: sum.negativesChanged + row.negativesChanged
    }),
    {name: '', truePositives: 0, falsePositives: 0, falseNegatives: 0, positives: 0, exact: 0, negativesChanged: 0}
  )
  process.stdout.write('Detection (a case is positive when `fixed-encoding`, or `fixed` when absent, differs from `original`):\n\n')
  process.stdout.write(scoreTable([...rows.map((row) => ({...row, name: `no-mojibake, ${row.name}`})), total]))
  process.stdout.write('\nRepair (`--fix` with no-mojibake alone, compared with `fixed-encoding`):\n\n')
  process.stdout.write('| cases | positives | exact fix | exact-fix rate | negatives changed |\n| --- | ---: | ---: | ---: | ---: |\n')
  for (const row of [...rows, total]) {
    const rate = row.positives === 0 ? 1 : row.exact / row.positives
    process.stdout.write(`| ${row.name} | ${row.positives} | ${row.exact} | ${rate.toFixed(3)} | ${row.negativesChanged} |\n`)
  }
  process.stdout.write('\nTargets: precision ≥ 0.98, recall ≥ 0.90, exact fix ≥ 0.85.\n')
  if (misses.length > 0) process.stdout.write(`\nCases not fixed exactly:\n${misses.join('\n')}\n`)
}
