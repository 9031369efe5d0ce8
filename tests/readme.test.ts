import fs from 'node:fs'
import path from 'node:path'
import {expect, it} from 'vitest'
import {updateReadme} from '../src/docs.js'

it('the README rules section is current (run `npm run docs`)', () => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8')
  expect(updateReadme(readme)).toBe(readme)
})

it('the README gives the two contract commands, and .ci/run runs the test one', () => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8')
  expect(readme).toContain('npm ci && npx scrapelint fixtures/seeds/000.txt')
  expect(readme).toContain('npm test')
  const ci = fs.readFileSync(path.resolve(import.meta.dirname, '..', '.ci', 'run'), 'utf8')
  expect(ci).toMatch(/^npm test$/m)
})
