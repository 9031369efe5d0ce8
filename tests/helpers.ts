import type {VFileMessage} from 'vfile-message'
import {lint, fix, rules, type Rule, type Syntax} from '../src/index.js'

/** A message as examples and expected files write it: `line:column-line:column rule-id reason`. */
export function describeMessage(message: VFileMessage): string {
  const place = message.place
  const range =
    place && 'start' in place
      ? `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}`
      : place
        ? `${place.line}:${place.column}`
        : '0:0'
  return `${range} ${message.ruleId ?? ''} ${message.reason}`
}

/** Config rules that turn every rule off but `rule`, with its example's options. */
export function only(rule: Rule, options?: Record<string, unknown>) {
  const config: Record<string, 'off' | ['warn', Record<string, unknown>] | 'warn'> = {}
  for (const other of rules) config[other.id] = 'off'
  config[rule.id] = options ? ['warn', options] : 'warn'
  return config
}

export async function lintWith(rule: Rule, input: string, options?: Record<string, unknown>, syntax?: Syntax) {
  return lint(input, {config: {rules: only(rule, options)}, syntax})
}

export async function fixWith(rule: Rule, input: string, options?: Record<string, unknown>, syntax?: Syntax) {
  return fix(input, {config: {rules: only(rule, options)}, syntax})
}
