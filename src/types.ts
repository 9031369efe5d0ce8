import type {VFileMessage} from 'vfile-message'

/** How loudly a rule speaks; `off` turns it off. */
export type Severity = 'off' | 'info' | 'warn' | 'error'

/** The input syntaxes scrapelint reads. */
export type Syntax = 'text' | 'markdown' | 'html'

export interface Point {
  line: number
  column: number
  offset: number
}

/** Another place that explains a finding: the other spelling of a name, the old sentence of a claim shift. */
export interface RelatedLocation {
  /** Path of the other file, when the place is not in the linted file. */
  path?: string
  start: Point
  end: Point
  message: string
}

/**
 * A finding as scrapelint reports it: a `VFileMessage` whose fields are all
 * set (`source`, `ruleId`, `place`, `actual`, `expected`, `url`), plus the
 * places that explain it.
 */
export interface ScrapelintMessage extends VFileMessage {
  related?: RelatedLocation[]
  /**
   * The safe fix, as offsets in the file: set when `expected` has one entry.
   * Its range may be wider than the message's place (deleting a boilerplate
   * line takes its line break too).
   */
  fix?: {range: [number, number]; text: string}
}

/** `fatal` as vfile stores severity: true is an error, false a warning, null or undefined info. */
export function severityOf(message: VFileMessage): Exclude<Severity, 'off'> {
  if (message.fatal === true) return 'error'
  if (message.fatal === false) return 'warn'
  return 'info'
}

/** The one safe replacement of a message, if it has exactly one. */
export function singleFix(message: VFileMessage): {start: number; end: number; text: string} | undefined {
  const fix = (message as ScrapelintMessage).fix
  if (fix) return {start: fix.range[0], end: fix.range[1], text: fix.text}
  const expected = message.expected
  const place = message.place
  if (!expected || expected.length !== 1 || !place || !('start' in place)) return undefined
  const start = place.start.offset
  const end = place.end.offset
  const text = expected[0]
  if (start === undefined || end === undefined || text === undefined) return undefined
  return {start, end, text}
}
