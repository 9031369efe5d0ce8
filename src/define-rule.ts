import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {Options as MessageOptions, VFileMessage} from 'vfile-message'
import {documentFor, type Document, type Span} from './document.js'
import {resolveOptions, type OptionDeclarations, type OptionValues} from './options.js'
import {pretenuringAvoided} from './v8-flags.js'
import type {ScrapelintMessage, Severity, Syntax} from './types.js'

export const source = 'scrapelint'
export const homepage = 'https://github.com/scrapelint/scrapelint'

export interface RuleExample {
  name: string
  input: string
  syntax?: Syntax
  options?: Record<string, unknown>
  /** Expected messages as `line:column-line:column rule-id reason`; omitted or empty for none. */
  output?: string[]
  /** The text after `--fix`, when the example has a safe fix. */
  fixed?: string
}

export interface Finding {
  start: number
  end: number
  /** One sentence, source text in backticks. */
  reason: string
  /** `[]` no fix known; `['']` delete; several entries are choices, the first preferred. */
  expected?: string[]
  /** What the single expected text replaces, when wider than the finding (a whole line with its break). */
  fixRange?: Span
  /**
   * A weaker signal of the same problem: reported one severity step below
   * the rule's (error → warn → info). The rule still never picks a severity.
   */
  weaker?: boolean
  /** The evidence: counts, the other sentence, which signals fired. */
  note?: string
  related?: Array<{start: number; end: number; message: string; path?: string}>
}

export type Report = (finding: Finding) => void

export interface RuleDefinition<O extends OptionDeclarations> {
  id: string
  kind: 'boilerplate' | 'encoding' | 'repetition' | 'names' | 'headline' | 'claims'
  summary: string
  recommended: boolean
  /** The severity the `recommended` preset gives; a rule never sets severity per message. */
  severity?: Exclude<Severity, 'off'>
  options: O
  examples: RuleExample[]
  /**
   * Whether the rule reports inside web and e-mail addresses. By default a
   * finding that lies wholly inside one is dropped: a word in a URL's path
   * is a slug, not prose, and fixing it would break the link. Rules about
   * characters and lines (mojibake, a bare domain line) set this.
   */
  readsLinks?: boolean
  /**
   * Loads the data `check` reads (word lists, indexes), once per process.
   * Called when a processor with the rule is built, before any document is
   * parsed; see `lazily` in src/data.ts for why never inside `check`.
   */
  prepare?(options: OptionValues<O>): void
  check(doc: Document, options: OptionValues<O>, report: Report): void
}

/** What a rule plugin is given by the config: its severity and its options. */
export interface RuleSetting {
  severity: Exclude<Severity, 'off'>
  options?: Record<string, unknown>
}

export interface Rule<O extends OptionDeclarations = OptionDeclarations> extends RuleDefinition<O> {
  severity: Exclude<Severity, 'off'>
  url: string
  plugin: Plugin<[RuleSetting?], Root>
  resolve(options: Record<string, unknown> | undefined, where: string): OptionValues<O>
}

export function defineRule<O extends OptionDeclarations>(definition: RuleDefinition<O>): Rule<O> {
  const url = `${homepage}/blob/main/README.md#${definition.id}`
  const resolve = (options: Record<string, unknown> | undefined, where: string) =>
    resolveOptions(definition.options, options, where)
  const defaults = resolve(undefined, definition.id)

  const plugin: Plugin<[RuleSetting?], Root> = function (setting) {
    const severity = setting?.severity ?? definition.severity ?? 'warn'
    const options = setting?.options ? resolve(setting.options, definition.id) : defaults
    // Loading up front keeps loads out of a document's lifetime, which only matters while V8 pretenures (src/v8-flags.ts).
    if (!pretenuringAvoided()) definition.prepare?.(options)
    return function (tree: Root, file: VFile) {
      const doc = documentFor(tree, file)
      definition.check(doc, options, (finding) => {
        if (!definition.readsLinks && doc.insideLink(finding)) return
        emit(doc, file, finding, {ruleId: definition.id, url, severity})
      })
    }
  }
  Object.defineProperty(plugin, 'name', {value: definition.id})

  return {...definition, severity: definition.severity ?? 'warn', url, plugin, resolve}
}

/** Turns a finding into a fully stamped `VFileMessage` on the file. */
export function emit(
  doc: Document,
  file: VFile,
  finding: Finding,
  stamp: {ruleId: string; url: string; severity: Exclude<Severity, 'off'>}
): ScrapelintMessage {
  const start = clamp(finding.start, doc.value.length)
  const end = clamp(Math.max(finding.end, start), doc.value.length)
  const message = messageWithoutStack(file, finding.reason, {
    place: {start: doc.toPoint(start), end: doc.toPoint(end)},
    ruleId: stamp.ruleId,
    source
  })
  message.actual = doc.value.slice(start, end)
  message.expected = finding.expected ?? []
  message.url = stamp.url
  stampSeverity(file, message, finding.weaker ? weakerThan(stamp.severity) : stamp.severity)
  const [replacement, ...others] = message.expected
  if (replacement !== undefined && others.length === 0) {
    // A fix may only change text: in Markdown and HTML a range across markup falls back to the span, or to no fix at all.
    const span = {start, end}
    const wanted = finding.fixRange ? {start: clamp(finding.fixRange.start, doc.value.length), end: clamp(finding.fixRange.end, doc.value.length)} : span
    // The rule's own range object goes to `isTextRange`, which knows vetted whole-line removals by identity. Last, a
    // deletion may grow over the markup at its edges, which takes in no more text (`withMarkupAtEdges`).
    const grown = () => (replacement === '' ? doc.withMarkupAtEdges(wanted) : undefined)
    const safe = doc.isTextRange(finding.fixRange ?? span) ? wanted : doc.isTextRange(span) ? span : textRangeOrUndefined(doc, grown())
    const range = safe && replacement === '' ? doc.widenDeletion(safe) : safe
    if (range) message.fix = {range: [range.start, range.end], text: replacement}
    else message.expected = []
  }
  if (finding.note) message.note = finding.note
  if (finding.related && finding.related.length > 0) {
    message.related = finding.related.map((place) => ({
      ...(place.path ? {path: place.path} : {}),
      start: doc.toPoint(place.start),
      end: doc.toPoint(place.end),
      message: place.message
    }))
  }
  return message
}

/**
 * `file.message` without the stack trace that `VFileMessage`'s `Error` base
 * captures: vfile-message overwrites `stack` with '' anyway, and capturing
 * it cost about 16 µs a message (3 µs without), 20 calls deep.
 */
function messageWithoutStack(file: VFile, reason: string, options: MessageOptions): ScrapelintMessage {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return file.message(reason, options)
  } finally {
    Error.stackTraceLimit = limit
  }
}

/**
 * Sets a message's severity, which vfile keeps in `fatal`. unified-engine
 * also reads `fatal: true` as "this file failed": when it sees one on a file
 * that is still being linted, it stops waiting for that file and the run
 * never ends. So inside the engine (the parser gave the file a
 * `scrapelintDeferredErrors` list) an error is held as a warning and listed,
 * and `restoreDeferredErrors` makes it an error once every file is done.
 */
export function stampSeverity(file: VFile, message: VFileMessage, severity: Exclude<Severity, 'off'>): void {
  const fatal = fatalFor(severity)
  const deferred = (file.data as {scrapelintDeferredErrors?: VFileMessage[]}).scrapelintDeferredErrors
  if (fatal && deferred) {
    message.fatal = false
    deferred.push(message)
  } else {
    message.fatal = fatal
  }
}

function weakerThan(severity: Exclude<Severity, 'off'>): Exclude<Severity, 'off'> {
  return severity === 'error' ? 'warn' : 'info'
}

/** vfile keeps severity in `fatal`: true error, false warning, undefined info. */
export function fatalFor(severity: Exclude<Severity, 'off'>): boolean | undefined {
  if (severity === 'error') return true
  if (severity === 'warn') return false
  return undefined
}

function textRangeOrUndefined(doc: Document, range: Span | undefined): Span | undefined {
  return range && doc.isTextRange(range) ? range : undefined
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(Math.round(offset), length))
}
