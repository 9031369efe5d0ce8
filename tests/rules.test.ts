import {describe, expect, it} from 'vitest'
import {rules} from '../src/index.js'
import {describeMessage, fixWith, lintWith} from './helpers.js'

// Every rule's documented examples are its tests: output, fixed text, and nothing left after the fix.
describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it('has examples, a clean one among them', () => {
    expect(rule.examples.length).toBeGreaterThan(1)
    expect(rule.examples.some((example) => (example.output ?? []).length === 0)).toBe(true)
  })

  it.each(rule.examples.map((example) => [example.name, example] as const))('example %s', async (_name, example) => {
    const messages = await lintWith(rule, example.input, example.options, example.syntax)
    expect(messages.map(describeMessage)).toEqual(example.output ?? [])

    const fixed = await fixWith(rule, example.input, example.options, example.syntax)
    expect(fixed).toBe(example.fixed ?? example.input)
    if (example.fixed !== undefined) {
      const after = await lintWith(rule, fixed, example.options, example.syntax)
      expect(after.map(describeMessage)).toEqual([])
    }
  })
})
