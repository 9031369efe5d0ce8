import {loadData} from './data.js'

/** An entry of rules/data/boilerplate.yml. */
export interface PhraseEntry {
  phrase: string
  source: string
  edge?: boolean
}

// Separators that share bars and menus put around their items.
const edgePunctuation = /^[\s|•·»›:–—\-_*]+|[\s|•·»›:–—\-_*.…]+$/gu
const nonAscii = /[^\u0000-\u007f]/

/** Case-, width- and whitespace-insensitive form of a phrase or line. */
export function normalizePhrase(text: string): string {
  // NFKC leaves ASCII unchanged, and costs most of the work on long lines.
  return (nonAscii.test(text) ? text.normalize('NFKC') : text).toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').replace(edgePunctuation, '')
}

/** The built-in phrase list (rules/data/boilerplate.yml). */
export const builtInPhrases = loadData('boilerplate.yml') as PhraseEntry[]

const wholePhrases = new Set(builtInPhrases.map((entry) => normalizePhrase(entry.phrase)))
const longestPhrase = Math.max(...builtInPhrases.map((entry) => entry.phrase.length))

/**
 * Whether a whole line is a phrase of the built-in boilerplate list ("Skip
 * to main content", "Exit mobile version"): page furniture, which is never
 * the article's headline however much it looks like one.
 */
export function isBoilerplatePhrase(line: string): boolean {
  return line.length <= 2 * longestPhrase && wholePhrases.has(normalizePhrase(line))
}
