import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {load} from 'js-yaml'

/** The package root: the nearest folder up from this module with a package.json (works from src/ and dist/src/). */
function packageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('scrapelint: cannot find its package.json')
    folder = parent
  }
  return folder
}

export const root = packageRoot()

const cache = new Map<string, unknown>()

/** A YAML file from `rules/data/`, parsed once (js-yaml: about four times faster than `yaml` on these files, a cost every process and worker pays at start). */
export function loadData(name: string): unknown {
  let value = cache.get(name)
  if (value === undefined) {
    const file = path.join(root, 'rules', 'data', name)
    try {
      value = load(fs.readFileSync(file, 'utf8'))
    } catch (error) {
      throw new Error(`scrapelint: cannot read rule data ${file}: ${(error as Error).message}`)
    }
    cache.set(name, value)
  }
  return value
}
