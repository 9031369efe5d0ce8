/** Precision, recall and F1 from counts, as the eval sets print them. */
export interface Counts {
  truePositives: number
  falsePositives: number
  falseNegatives: number
}

export function score({truePositives: tp, falsePositives: fp, falseNegatives: fn}: Counts) {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {precision, recall, f1}
}

/** A Markdown table of per-rule counts and scores. */
export function scoreTable(rows: Array<{name: string} & Counts>): string {
  const lines = ['| rule | TP | FP | FN | precision | recall | F1 |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |']
  for (const row of rows) {
    const {precision, recall, f1} = score(row)
    lines.push(`| ${row.name} | ${row.truePositives} | ${row.falsePositives} | ${row.falseNegatives} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${f1.toFixed(3)} |`)
  }
  return lines.join('\n') + '\n'
}
