import {distance} from 'fastest-levenshtein'

/**
 * Rule options are declared once: the declaration gives the default, the
 * description (rendered into the README), the value's type for `check`, and
 * the validation of a user's config.
 */
export interface OptionDeclaration<T> {
  readonly type: string
  readonly default: T
  readonly description: string
  /** Returns a problem with `value`, or undefined when it is fine. */
  readonly validate: (value: unknown) => string | undefined
}

export type OptionDeclarations = Record<string, OptionDeclaration<unknown>>

export type OptionValues<O extends OptionDeclarations> = {
  readonly [K in keyof O]: O[K] extends OptionDeclaration<infer T> ? T : never
}

function declare<T>(type: string, validate: (value: unknown) => string | undefined) {
  return (settings: {default: T; description: string}): OptionDeclaration<T> => ({
    type,
    default: settings.default,
    description: settings.description,
    validate
  })
}

export const option = {
  strings: declare<readonly string[]>('string[]', (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? undefined
      : 'expected a list of strings'
  ),
  boolean: declare<boolean>('boolean', (value) => (typeof value === 'boolean' ? undefined : 'expected `true` or `false`')),
  number(settings: {default: number; description: string; min?: number; max?: number}): OptionDeclaration<number> {
    const {min = -Infinity, max = Infinity} = settings
    return declare<number>('number', (value) =>
      typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
        ? undefined
        : `expected a number from ${min} to ${max}`
    )(settings)
  }
}

/** Fills in defaults and validates; throws an Error naming the bad key. */
export function resolveOptions<O extends OptionDeclarations>(
  declarations: O,
  given: Record<string, unknown> | undefined,
  where: string
): OptionValues<O> {
  const result: Record<string, unknown> = {}
  for (const [key, declaration] of Object.entries(declarations)) result[key] = declaration.default
  for (const [key, value] of Object.entries(given ?? {})) {
    const declaration = declarations[key]
    if (!declaration) {
      throw new Error(`${where}: unknown option \`${key}\`${suggest(key, Object.keys(declarations))}`)
    }
    const problem = declaration.validate(value)
    if (problem) throw new Error(`${where}: option \`${key}\`: ${problem}`)
    result[key] = value
  }
  return result as OptionValues<O>
}

/** ` (did you mean `x`?)` for the closest known name, or an empty string. */
export function suggest(name: string, known: readonly string[]): string {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean \`${best}\`?)` : ''
}
