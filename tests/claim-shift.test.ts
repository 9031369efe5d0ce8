import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {mappedPath} from '../src/claims/against.js'
import {placesImpliedBy} from '../src/claims/places.js'
import {definedByEachOther, looseSiblings, relationOf} from '../src/claims/wordnet.js'
import {validateConfig} from '../src/config.js'
import {lintAgainst} from '../src/engine.js'
import {createProcessor, rules} from '../src/index.js'
import type {ScrapelintMessage} from '../src/types.js'
import {describeMessage} from './helpers.js'

const folder = path.resolve(import.meta.dirname, '..', 'fixtures', 'claim-shift')
const onlyClaimShift = {rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'claim-shift' ? 'warn' : 'off']))} as const

/** Lints `value` against `earlier` with the claim-shift rule alone, through the API. */
async function compare(earlier: string, value: string, earlierPath = 'old.txt', filePath = 'new.txt'): Promise<ScrapelintMessage[]> {
  const file = new VFile({path: filePath, value, data: {scrapelintAgainst: {path: earlierPath, value: earlier}}})
  await createProcessor({config: onlyClaimShift as never}).process(file)
  return (file.messages as ScrapelintMessage[]).filter((message) => message.ruleId === 'claim-shift').sort((a, b) => offsetOf(a) - offsetOf(b) || endOf(a) - endOf(b))
}

function offsetOf(message: ScrapelintMessage): number {
  return message.place && 'start' in message.place ? (message.place.start.offset ?? 0) : 0
}

function endOf(message: ScrapelintMessage): number {
  return message.place && 'end' in message.place ? (message.place.end.offset ?? 0) : 0
}

interface Case {
  name: string
  old: string
  new: string
  expected: string[]
}

/** Each `<case>.expected.txt`, with its pair: `old/<case>.txt` and `new/<case>.txt`, or the `# old:`/`# new:` lines. */
function cases(): Case[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.expected.txt'))
    .map((name) => {
      const base = name.slice(0, -'.expected.txt'.length)
      const text = fs.readFileSync(path.join(folder, name), 'utf8')
      expect(text, `${name} names its source`).toMatch(/^# source: \S/m)
      const header = (key: string) => new RegExp(`^# ${key}: (.+)$`, 'm').exec(text)?.[1]
      return {
        name: base,
        old: path.join(folder, header('old') ?? `old/${base}.txt`),
        new: path.join(folder, header('new') ?? `new/${base}.txt`),
        expected: text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))
      }
    })
}

describe('claim-shift fixtures: real spun copies against their original', () => {
  it.each(cases().map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const messages = await compare(fs.readFileSync(item.old, 'utf8'), fs.readFileSync(item.new, 'utf8'), item.old)
    expect(messages.map(describeMessage)).toEqual(item.expected)
  })

  it('flags each of the five seed pairs with the kind the issue names', async () => {
    const reasons = async (name: string) => (await compare(fs.readFileSync(path.join(folder, 'old', `${name}.txt`), 'utf8'), fs.readFileSync(path.join(folder, 'new', `${name}.txt`), 'utf8'))).map((message) => message.reason)
    expect(await reasons('seed-booster')).toEqual(expect.arrayContaining([expect.stringMatching(/^Booster added: `clearly`/), expect.stringMatching(/^New detail: `missile`/)]))
    expect(await reasons('seed-possibility')).toEqual(expect.arrayContaining([expect.stringMatching(/^Possibility became fact: `was signed`.*`could sign`/), expect.stringMatching(/^Attribution dropped: .*`said Ushakov`/)]))
    expect(await reasons('seed-contrast')).toEqual(expect.arrayContaining([expect.stringMatching(/^Contrast collapsed: `China and Russia`.*`whereas`/)]))
    expect(await reasons('seed-time')).toEqual(expect.arrayContaining([expect.stringMatching(/^New time claim: `last month/)]))
    expect(await reasons('seed-entity')).toEqual(expect.arrayContaining([expect.stringMatching(/^Changed name: `Shevardnadze` where the earlier version said `her`/)]))
  })
})

describe('claim-shift messages', () => {
  const oldText = fs.readFileSync(path.join(folder, 'old', 'seed-possibility.txt'), 'utf8')
  const newText = fs.readFileSync(path.join(folder, 'new', 'seed-possibility.txt'), 'utf8')

  it('point at the new text, carry the old sentence as a related place and in the note, and offer no fix', async () => {
    const messages = await compare(oldText, newText, 'versions/old.txt')
    const signed = messages.find((message) => message.reason.startsWith('Possibility became fact'))
    expect(signed?.actual).toBe('was signed')
    expect(signed?.expected).toEqual([])
    expect(signed?.fix).toBeUndefined()
    expect(signed?.note).toContain('A comprehensive strategic partnership treaty is a treaty the leaders could sign, said Ushakov.')
    expect(signed?.note).toMatch(/^Earlier version \(versions\/old\.txt:7:1\)/)
    const related = signed?.related?.[0]
    expect(related?.path).toBe('versions/old.txt')
    // The related place is addressed in the old text: line 7 is the Ushakov paragraph there.
    expect(related?.start).toMatchObject({line: 7, column: 1})
    const start = related?.start.offset ?? 0
    const end = related?.end.offset ?? 0
    expect(oldText.slice(start, end)).toBe('A comprehensive strategic partnership treaty is a treaty the leaders could sign, said Ushakov.')
    for (const message of messages) {
      expect(message.source).toBe('scrapelint')
      expect(message.ruleId).toBe('claim-shift')
      expect(message.actual).toBe(newText.slice(offsetOf(message), endOf(message)))
      expect(message.url).toMatch(/#claim-shift$/)
    }
  })

  it('report a new sentence without counterpart one severity lower, only when it brings new names or numbers', async () => {
    const messages = await compare('The talks ended on Tuesday.\n', 'The talks ended on Tuesday.\n\nSergey Radchenko wrote a letter to 2,000 readers.\n\nThe weather was pleasant.\n')
    expect(messages.map((message) => [message.reason, message.fatal])).toEqual([
      ['Unsupported new content: `Sergey Radchenko`, `2,000` appear nowhere in the earlier version', undefined]
    ])
  })

  it('say nothing without an earlier version, or when the versions read the same', async () => {
    const clean = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'clean', 'sotu-2015-obama-foreign.txt'), 'utf8')
    const processor = createProcessor({config: onlyClaimShift as never})
    const alone = new VFile({path: 'a.txt', value: clean})
    await processor.process(alone)
    expect(alone.messages).toEqual([])
    expect(await compare(clean, clean)).toEqual([])
  })

  it('honour `ignore` with known kinds and reject unknown ones', async () => {
    const [rule] = rules.filter((item) => item.id === 'claim-shift')
    expect(() => rule?.resolve({ignore: ['certainty', 'detail']}, 'test')).not.toThrow()
    expect(() => rule?.resolve({ignore: ['booster']}, 'test')).toThrow(/unknown kind `booster`/)
    const file = new VFile({
      path: 'new.txt',
      value: 'Kim is clearly interested in Russia’s space and missile technologies.\n',
      data: {scrapelintAgainst: {path: 'old.txt', value: 'Kim is interested in Russia’s space technologies.\n'}}
    })
    const config = {rules: {...onlyClaimShift.rules, 'claim-shift': ['warn', {ignore: ['certainty']}]}}
    await createProcessor({config: config as never}).process(file)
    expect(file.messages.map((message) => message.reason)).toEqual(['New detail: `missile`, not in the earlier version'])
  })

  it('stay within bounds on odd input in either version', async () => {
    const odd = ['', ' \n\t\n', '\uFEFFKim met Putin.\r\nThey talked.\r\n', 'the '.repeat(500), '🇺🇦 Kim 🤝 Putin, 5,000 $5bn 3.5% ago.', 'Exit\u00A0mobile\u00A0version']
    for (const earlier of odd) {
      for (const value of odd) {
        for (const message of await compare(earlier, value)) {
          expect(offsetOf(message)).toBeGreaterThanOrEqual(0)
          expect(endOf(message)).toBeLessThanOrEqual(value.length)
          expect(message.actual).toBe(value.slice(offsetOf(message), endOf(message)))
        }
      }
    }
  })
})

describe('lintAgainst: one text against an earlier text, with the engine the CLI and editor share', () => {
  it('finds config and reports with the earlier path', async () => {
    const messages = await lintAgainst('Kim is clearly interested in space technologies.\n', 'Kim is interested in space technologies.\n', {
      cwd: folder,
      filePath: 'buffer.txt',
      earlierPath: 'HEAD:buffer.txt'
    })
    const shift = messages.find((message) => message.ruleId === 'claim-shift')
    expect(shift?.reason).toBe('Booster added: `clearly`, which the earlier version does not have')
    expect(shift?.related?.[0]?.path).toBe('HEAD:buffer.txt')
  })
})

describe('WordNet judgements the detectors rest on', () => {
  it('tells synonyms, kinds, siblings and opposites apart', () => {
    expect(relationOf('talks', 'negotiations')).toBe('synonym')
    expect(relationOf('increase', 'decline')).toBe('antonym')
    expect(relationOf('canadian', 'englishman')).not.toMatch(/synonym|broader|narrower/)
    expect(relationOf('street', 'road')).toMatch(/narrower/)
    expect(relationOf('clifftop', 'beach')).toBe('unknown')
  })

  it('finds a rewording in a definition, not between two members of a closed set or two different acts', () => {
    // `pavement`: "the paved surface of a thoroughfare", a kind of road; `downturn`: "a worsening of business".
    expect(definedByEachOther('pavement', 'road')).toBe(true)
    expect(definedByEachOther('downturn', 'decline')).toBe(true)
    // `anniversary` is also `day of remembrance`, and a `commemoration` is a `remembrance`.
    expect(definedByEachOther('commemoration', 'anniversary')).toBe(true)
    expect(definedByEachOther('white', 'blue')).toBe(false)
    expect(definedByEachOther('annexation', 'invasion')).toBe(false)
    expect(definedByEachOther('resolution', 'invasion')).toBe(false)
    expect(definedByEachOther('drug', 'vaccine')).toBe(false)
  })

  it('tells kinds of a broad category from a closed set of alternatives', () => {
    expect(looseSiblings('night', 'eve')).toBe(true)
    expect(looseSiblings('green', 'yellow')).toBe(false)
    expect(looseSiblings('purple', 'blue')).toBe(false)
  })

  it('knows the country a city names, reading a shared name as its largest city', () => {
    expect(placesImpliedBy('London')).toEqual(expect.arrayContaining(['united', 'kingdom', 'uk', 'gb']))
    expect(placesImpliedBy('Sydney')).toContain('australia')
    expect(placesImpliedBy('Bayswater Road')).toEqual([])
  })
})

describe('claim-shift on rewordings and real substitutions', () => {
  const old = 'Protesters poured gallons of yellow and blue paint on the road outside the embassy in London.\n'

  it('stays quiet on a rewording WordNet defines by the old word, and on a country its city implies', async () => {
    expect(await compare(old, 'Protesters poured gallons of yellow and blue paint on the pavement outside the embassy in London.\n')).toEqual([])
    expect(await compare(old, 'U.K. protesters poured gallons of yellow and blue paint on the road outside the embassy.\n')).toEqual([])
  })

  it('still reports a swap within a closed set', async () => {
    const messages = await compare(old, 'Protesters poured gallons of yellow and white paint on the road outside the embassy in London.\n')
    expect(messages.map((message) => message.reason)).toEqual(['Changed term: `white` where the earlier version said `blue`'])
  })
})

describe('config `against`', () => {
  it('is validated strictly, naming the file and the key', () => {
    expect(() => validateConfig({against: 'old/'}, '.scrapelintrc.json')).toThrow(/\.scrapelintrc\.json: `against`: expected an object/)
    expect(() => validateConfig({against: {'new/*.txt': 3}}, '.scrapelintrc.json')).toThrow(/`against\.new\/\*\.txt`: expected the earlier version’s path/)
    expect(() => validateConfig({against: {'new/*.txt': 'old/**/*/*.txt'}}, 'x.yml')).toThrow(/more wildcards than `new\/\*\.txt` captures \(1\)/)
    expect(() => validateConfig({against: {'../x/*.txt': 'old/*.txt'}}, 'x.yml')).toThrow(/relative to the config’s folder/)
    expect(() => validateConfig({against: {'new/**/*.txt': 'old/**/*.txt'}}, 'x.yml')).not.toThrow()
  })

  it('maps a file to its earlier version by the glob’s wildcards', () => {
    const base = path.resolve('/corpus')
    const mapping = {pattern: 'spun/**/*.txt', earlier: 'original/**/*.txt', base}
    expect(mappedPath(mapping, path.join(base, 'spun/2024/06/putin.txt'))).toBe(path.join(base, 'original/2024/06/putin.txt'))
    expect(mappedPath(mapping, path.join(base, 'spun/putin.txt'))).toBe(path.join(base, 'original/putin.txt'))
    expect(mappedPath({pattern: '*.v2.md', earlier: '*.v1.md', base}, path.join(base, 'report.v2.md'))).toBe(path.join(base, 'report.v1.md'))
    expect(mappedPath(mapping, path.join(base, 'other/putin.txt'))).toBeUndefined()
  })
})
