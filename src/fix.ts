import type {VFileMessage} from 'vfile-message'
import {singleFix} from './types.js'

export interface FixResult {
  value: string
  applied: number
  skipped: number
}

/**
 * Applies every message's single safe fix, right to left; a fix whose range
 * overlaps one already taken is skipped and left for the next pass.
 */
export function applyFixes(value: string, messages: readonly VFileMessage[]): FixResult {
  const fixes = messages
    .map((message) => singleFix(message))
    .filter((fix) => fix !== undefined)
    .sort((a, b) => b.start - a.start || b.end - a.end)
  let result = value
  let applied = 0
  let skipped = 0
  let limit = Infinity
  for (const fix of fixes) {
    // Touching at one point is an overlap too: two inserts at one offset would be ordered by chance.
    if (fix.end > limit || (fix.end === limit && fix.start === fix.end) || fix.start < 0 || fix.end > value.length) {
      skipped++
      continue
    }
    result = result.slice(0, fix.start) + fix.text + result.slice(fix.end)
    limit = fix.start
    applied++
  }
  return {value: result, applied, skipped}
}
