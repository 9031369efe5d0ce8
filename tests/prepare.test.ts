import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {VFile} from 'vfile'
import {derivations} from '../scripts/build-data.js'
import {derivedFolder} from '../src/data.js'
import {rules} from '../src/index.js'
import type {Syntax} from '../src/types.js'

/*
 * A rule loads its data (word lists, indexes) in `prepare`, when a processor
 * is built, and never while it checks a document: a load while a tree is
 * alive makes V8 allocate every later tree in the old generation (see
 * `lazily` in src/data.ts). Each rule runs in fresh modules, so that no other
 * rule has loaded its data for it, on texts that reach its data: both seeds,
 * its fixtures and its examples.
 */

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures')

interface Text {
  value: string
  syntax?: Syntax
  options?: Record<string, unknown>
  earlier?: string
}

/** The plain texts of a fixture folder, without expected or fixed outputs. */
function textsIn(folder: string): string[] {
  if (!fs.existsSync(folder)) return []
  return fs
    .readdirSync(folder, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.txt') && !/\.(expected|fixed)\.txt$/.test(file))
    .map((file) => fs.readFileSync(path.join(folder, file), 'utf8'))
}

function textsFor(id: string): Text[] {
  const seeds = ['000.txt', '001.txt'].map((name) => fs.readFileSync(path.join(fixtures, 'seeds', name), 'utf8'))
  const rule = rules.find((candidate) => candidate.id === id)
  return [
    ...seeds.map((value) => ({value})),
    // Each seed against the other: what claim-shift compares.
    {value: seeds[1] ?? '', earlier: seeds[0]},
    ...textsIn(path.join(fixtures, id)).map((value) => ({value})),
    ...(rule?.examples ?? []).map((example) => ({value: example.input, syntax: example.syntax, options: example.options}))
  ]
}

describe.each(rules.map((rule) => rule.id))('%s', (id) => {
  it('loads no data while it checks a document', async () => {
    vi.resetModules()
    const fresh = (await import('../src/index.js')) as typeof import('../src/index.js')
    const {loadsSoFar} = (await import('../src/data.js')) as typeof import('../src/data.js')
    let checked = 0
    let found = 0
    for (const text of textsFor(id)) {
      const setting = text.options ? ['warn', text.options] : 'warn'
      const processor = fresh.createProcessor({
        config: {rules: Object.fromEntries(fresh.rules.map((rule) => [rule.id, rule.id === id ? setting : 'off']))} as never,
        syntax: text.syntax
      })
      const file = new VFile({path: 'new.txt', value: text.value, data: text.earlier === undefined ? {} : {scrapelintAgainst: {path: 'old.txt', value: text.earlier}}})
      // Parsing builds the processor, which prepares the rule.
      const tree = processor.parse(file)
      const before = loadsSoFar()
      await processor.run(tree, file)
      expect(loadsSoFar(), `${id} loaded data while checking ${JSON.stringify(text.value.slice(0, 60))}`).toBe(before)
      checked++
      found += file.messages.length
    }
    // The texts reach the rule's findings, not only its quick exits.
    expect(checked).toBeGreaterThan(2)
    expect(found).toBeGreaterThan(0)
  })
})

describe('data derived at build time', () => {
  it.each(Object.keys(derivations))('dist/data/%s.json is what the packages give', (name) => {
    // `npm test` builds first; a process reads these files instead of deriving them.
    const file = path.join(derivedFolder, `${name}.json`)
    expect(fs.existsSync(file)).toBe(true)
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(derivations[name]?.())))
  })
})
