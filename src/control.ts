import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

/*
 * Control comments, the same in every syntax (an HTML comment, on its own
 * line in plain text):
 *   <!-- scrapelint-disable [rule-id …] -->       off from here
 *   <!-- scrapelint-enable [rule-id …] -->        on again from here
 *   <!-- scrapelint-disable-next-line [rule-id …] -->
 *   <!-- scrapelint-disable-line [rule-id …] -->
 * No rule ids means every rule. unified-message-control hides messages of
 * the next *node*, not the next line, and works on one syntax's comment
 * nodes, so the handful of lines here are written by hand.
 */
const comment = /<!--\s*scrapelint-(disable-next-line|disable-line|disable|enable)\b([^]*?)-->/g

interface Range {
  start: number
  end: number
  rules: Set<string> | undefined
}

function lineStart(value: string, offset: number): number {
  return value.lastIndexOf('\n', offset - 1) + 1
}

function lineEnd(value: string, offset: number): number {
  const end = value.indexOf('\n', offset)
  return end === -1 ? value.length : end
}

function disabledRanges(value: string): Range[] {
  const ranges: Range[] = []
  // Open `disable` comments: for all rules (key '') or per rule id.
  const open = new Map<string, number>()
  for (const match of value.matchAll(comment)) {
    const kind = match[1]
    const ids = (match[2] ?? '').split(/[\s,]+/).filter(Boolean)
    const rules = ids.length > 0 ? new Set(ids) : undefined
    const at = match.index
    const after = at + match[0].length
    if (kind === 'disable-next-line') {
      const next = lineEnd(value, after) + 1
      ranges.push({start: next, end: lineEnd(value, next), rules})
    } else if (kind === 'disable-line') {
      ranges.push({start: lineStart(value, at), end: lineEnd(value, at), rules})
    } else if (kind === 'disable') {
      for (const id of ids.length > 0 ? ids : ['']) if (!open.has(id)) open.set(id, after)
    } else {
      for (const id of ids.length > 0 ? ids : [...open.keys()]) {
        const start = open.get(id)
        if (start === undefined) continue
        ranges.push({start, end: at, rules: id ? new Set([id]) : undefined})
        open.delete(id)
      }
    }
  }
  for (const [id, start] of open) ranges.push({start, end: value.length, rules: id ? new Set([id]) : undefined})
  return ranges
}

function offsetOf(message: VFileMessage): number | undefined {
  const place = message.place
  if (!place) return undefined
  return 'start' in place ? place.start.offset : place.offset
}

/** Drops the rule messages that control comments turn off. Input errors (no rule id) always stay. */
export function filterByControlComments(file: VFile): void {
  const value = String(file.value ?? '')
  if (!value.includes('scrapelint-')) return
  const ranges = disabledRanges(value)
  if (ranges.length === 0) return
  file.messages = file.messages.filter((message) => {
    const offset = offsetOf(message)
    if (!message.ruleId || offset === undefined) return true
    return !ranges.some(
      (range) => offset >= range.start && offset <= range.end && (!range.rules || range.rules.has(message.ruleId ?? ''))
    )
  })
}
