import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {fileURLToPath} from 'node:url'
import {root} from '../src/data.js'

/*
 * `npm run eval -- <set> [data folder]`: measures rules on real third-party
 * data. The data stays in ../shared/data (or the folder given); nothing is
 * copied into the package. Each set is a module in scripts/eval/ (shared scoring in scripts/score.ts) exporting
 * `run(dataFolder)`, which prints its own tables.
 */
interface EvalModule {
  description: string
  run(dataFolder: string): Promise<void>
}

const setsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'eval')
const sets = fs
  .readdirSync(setsFolder)
  .filter((name) => name.endsWith('.js'))
  .map((name) => name.slice(0, -3))
  .sort()

async function main(): Promise<number> {
  const [set, folder] = process.argv.slice(2)
  const dataFolder = path.resolve(folder ?? path.join(root, '..', 'shared', 'data'))
  const chosen = set === undefined || set === 'all' ? sets : [set]
  for (const name of chosen) {
    if (!sets.includes(name)) {
      process.stderr.write(`eval: unknown set \`${name}\`; known: ${sets.join(', ')}\n`)
      return 2
    }
  }
  if (!fs.existsSync(dataFolder)) {
    process.stderr.write(`eval: no data folder at ${dataFolder}; pass one: npm run eval -- <set> <folder>\n`)
    return 2
  }
  for (const name of chosen) {
    const module = (await import(path.join(setsFolder, `${name}.js`))) as EvalModule
    process.stdout.write(`\n## ${name}: ${module.description}\n\n`)
    await module.run(dataFolder)
  }
  return 0
}

process.exitCode = await main()
