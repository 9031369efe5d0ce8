import type {Rule} from './define-rule.js'
import type {Severity} from './types.js'
import noBoilerplate from '../rules/no-boilerplate.js'
import repeatedWords from '../rules/repeated-words.js'

/** Every built-in rule. A new rule file is added here, and nowhere else. */
export const rules: readonly Rule[] = [noBoilerplate, repeatedWords] as unknown as readonly Rule[]

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]))

export type PresetName = 'recommended' | 'all'
export const presetNames: readonly PresetName[] = ['recommended', 'all']

/** The severity each rule has in a preset. */
export function presetSeverities(name: PresetName): Map<string, Severity> {
  return new Map(rules.map((rule) => [rule.id, name === 'all' || rule.recommended ? rule.severity : 'off']))
}
