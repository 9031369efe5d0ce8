import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fix, lint} from '../src/index.js'
import {describeMessage} from './helpers.js'

const root = path.resolve(import.meta.dirname, '..', 'fixtures')
const textFile = /\.(txt|md|html)$/
const sideFile = /\.(expected|fixed)\.txt$/

function fixturesIn(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder))
    .filter((name) => textFile.test(name) && !sideFile.test(name))
    .map((name) => path.join(folder, name))
}

const cases = fs
  .readdirSync(root)
  .filter((folder) => folder !== 'clean' && fs.statSync(path.join(root, folder)).isDirectory())
  .flatMap((folder) => fixturesIn(folder))

/** Expected lines of a fixture; `#` lines say where the text came from. */
function expectedOf(fixture: string): string[] {
  const file = path.join(root, fixture.replace(textFile, '.expected.txt'))
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
}

describe('fixtures: the recommended preset on real scraped text', () => {
  it.each(cases)('%s', async (fixture) => {
    const value = fs.readFileSync(path.join(root, fixture), 'utf8')
    const expectedFile = path.join(root, fixture.replace(textFile, '.expected.txt'))
    expect(fs.readFileSync(expectedFile, 'utf8'), 'the expected file names its source').toMatch(/^# source: \S/m)
    const messages = await lint(value, {filePath: fixture})
    expect(messages.map(describeMessage)).toEqual(expectedOf(fixture))

    const fixedFile = path.join(root, fixture.replace(textFile, '.fixed.txt'))
    if (fs.existsSync(fixedFile)) {
      const fixed = await fix(value, {filePath: fixture})
      expect(fixed).toBe(fs.readFileSync(fixedFile, 'utf8'))
      expect(await fix(fixed, {filePath: fixture}), 'fixing is idempotent').toBe(fixed)
    }
  })
})

describe('clean real prose: the recommended preset stays quiet', () => {
  it.each(fixturesIn('clean'))('%s', async (fixture) => {
    const value = fs.readFileSync(path.join(root, fixture), 'utf8')
    const messages = await lint(value, {filePath: fixture})
    expect(messages.map(describeMessage)).toEqual([])
  })
})
