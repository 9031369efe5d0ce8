import {VFile} from 'vfile'
import {resolveConfig, validateConfig, type Config, type RuleEntry} from './config.js'
import {createProcessor as createConfiguredProcessor, type ProcessorSettings} from './processor.js'
import type {ScrapelintMessage, Syntax} from './types.js'

export {defineRule, type Rule, type RuleDefinition, type RuleExample, type Finding, type Report} from './define-rule.js'
export {option} from './options.js'
export {rules, rulesById, presetNames} from './registry.js'
export {applyFixes} from './fix.js'
export {engineOptions} from './engine.js'
export type {Config, RuleEntry} from './config.js'
export type {Document, TextLine, Sentence, Word, Span} from './document.js'
export type {ScrapelintMessage, Severity, Syntax, RelatedLocation} from './types.js'

export interface LintOptions {
  /** Used to pick the syntax by extension and shown in messages. */
  filePath?: string
  /** A config object as in `.scrapelintrc`; parent configs are not searched. */
  config?: Config
  /** Overrides over the config, as `--rule` gives them. */
  rules?: Record<string, RuleEntry>
  syntax?: Syntax
}

/** A processor for a config object: `processor.process(file)` lints, and with `fix` the result is the fixed text. */
export function createProcessor(options: LintOptions & ProcessorSettings = {}) {
  const resolved = resolveConfig(validateConfig(options.config ?? {}, 'config'), undefined, options.rules)
  return createConfiguredProcessor(resolved, options)
}

/** Lints `text` and returns its messages, sorted by place. Rejects when the text cannot be linted (binary, too large). */
export async function lint(text: string, options: LintOptions = {}): Promise<ScrapelintMessage[]> {
  const file = new VFile({path: options.filePath, value: text})
  await createProcessor(options).process(file)
  return file.messages.sort((a, b) => (a.place && 'start' in a.place ? a.place.start.offset ?? 0 : 0) - (b.place && 'start' in b.place ? b.place.start.offset ?? 0 : 0))
}

/** Returns `text` with every single, safe fix applied, re-linted until stable. */
export async function fix(text: string, options: LintOptions = {}): Promise<string> {
  const file = new VFile({path: options.filePath, value: text})
  await createProcessor({...options, fix: true}).process(file)
  return String(file.value)
}
