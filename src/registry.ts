import type {Rule} from './define-rule.js'
import type {Severity} from './types.js'
import noBoilerplate from '../rules/no-boilerplate.js'
import repeatedWords from '../rules/repeated-words.js'
import claimShift from '../rules/claim-shift.js'
import noMojibake from '../rules/no-mojibake.js'
import noHtmlResidue from '../rules/no-html-residue.js'
import noInvisibleCharacters from '../rules/no-invisible-characters.js'
import noDuplicateText from '../rules/no-duplicate-text.js'
import noTruncation from '../rules/no-truncation.js'
import headlineGarbled from '../rules/headline-garbled.js'
import headlineUnrelated from '../rules/headline-unrelated.js'
import nameConsistency from '../rules/name-consistency.js'
import nameCanonical from '../rules/name-canonical.js'
import commonMisspellings from '../rules/common-misspellings.js'

/** Every built-in rule. A new rule file is added here, and nowhere else. */
export const rules: readonly Rule[] = [noBoilerplate, repeatedWords, noMojibake, noHtmlResidue, noInvisibleCharacters, noDuplicateText, noTruncation, headlineGarbled, headlineUnrelated, claimShift, nameConsistency, nameCanonical, commonMisspellings] as unknown as readonly Rule[]

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]))

export type PresetName = 'recommended' | 'all'
export const presetNames: readonly PresetName[] = ['recommended', 'all']

/** The severity each rule has in a preset. */
export function presetSeverities(name: PresetName): Map<string, Severity> {
  return new Map(rules.map((rule) => [rule.id, name === 'all' || rule.recommended ? rule.severity : 'off']))
}
