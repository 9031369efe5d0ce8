import fs from 'node:fs'
import path from 'node:path'
import {load as parseYaml} from 'js-yaml'
import {presetNames, presetSeverities, rulesById, type PresetName} from './registry.js'
import {suggest} from './options.js'
import type {Rule} from './define-rule.js'
import type {Severity, Syntax} from './types.js'
import {wildcardCount, type AgainstMapping} from './claims/against.js'

/** A rule's setting in a config: a severity, or a severity and options. */
export type RuleEntry = Severity | [Severity] | [Severity, Record<string, unknown>]

/** The shape of `.scrapelintrc*` and the `scrapelint` field of `package.json`. */
export interface Config {
  /** Stop looking for configs in parent folders. */
  root?: boolean
  extends?: PresetName
  rules?: Record<string, RuleEntry>
  /** retext plugins from npm, or local rule files written with `defineRule`, by name or path. */
  plugins?: Array<string | [string, Record<string, unknown>]>
  /** Read every file as this syntax instead of choosing by extension. */
  syntax?: Syntax
  /**
   * Earlier versions for `claim-shift`: a glob (relative to this config's
   * folder) mapped to the earlier file's path, whose wildcards take what the
   * glob's wildcards matched, in order: `{"new/**\/*.txt": "old/**\/*.txt"}`.
   */
  against?: Record<string, string>
}

export interface ExternalPluginSpec {
  /** The id its messages and its `rules` entry use: the package name, or the file's base name. */
  id: string
  specifier: string
  /** Folder the specifier is resolved from: the folder of the config that named it. */
  from: string
  options: Record<string, unknown> | undefined
}

/** A config with its chain of parents merged and every value checked. */
export interface ResolvedConfig {
  severities: Map<string, Severity>
  options: Map<string, Record<string, unknown> | undefined>
  plugins: ExternalPluginSpec[]
  syntax: Syntax | undefined
  /** The `against` mappings of the chain, nearest config first. */
  against: AgainstMapping[]
}

const severities: readonly Severity[] = ['off', 'info', 'warn', 'error']
const configKeys = ['root', 'extends', 'rules', 'plugins', 'syntax', 'against', '$schema']
const syntaxes: readonly Syntax[] = ['text', 'markdown', 'html']
export const rcName = '.scrapelintrc'
export const packageField = 'scrapelint'
const rcNames = [rcName, `${rcName}.json`, `${rcName}.yaml`, `${rcName}.yml`, `${rcName}.js`, `${rcName}.cjs`, `${rcName}.mjs`]

/** An error in a config file; its message names the file and the key. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

function fail(where: string, key: string, problem: string): never {
  throw new ConfigError(`${where}: \`${key}\`: ${problem}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The id under which a plugin's messages and its `rules` entry go. */
export function pluginId(specifier: string): string {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) return path.basename(specifier).replace(/\.[cm]?[jt]s$/, '')
  return specifier
}

/** Checks the raw value of one config file; every problem names the file and the key. */
export function validateConfig(raw: unknown, where: string): Config {
  if (!isObject(raw)) throw new ConfigError(`${where}: expected an object with \`extends\`, \`rules\` or \`plugins\``)
  for (const key of Object.keys(raw)) {
    if (!configKeys.includes(key)) fail(where, key, `unknown key${suggest(key, configKeys)}`)
  }
  if (raw.root !== undefined && typeof raw.root !== 'boolean') fail(where, 'root', 'expected `true` or `false`')
  if (raw.extends !== undefined && !presetNames.includes(raw.extends as PresetName)) {
    fail(where, 'extends', `unknown preset \`${String(raw.extends)}\`${suggest(String(raw.extends), presetNames)}; expected one of ${presetNames.join(', ')}`)
  }
  if (raw.syntax !== undefined && !syntaxes.includes(raw.syntax as Syntax)) {
    fail(where, 'syntax', `expected one of ${syntaxes.join(', ')}`)
  }
  if (raw.against !== undefined) checkAgainst(raw.against, where)
  const plugins = raw.plugins ?? []
  if (!Array.isArray(plugins)) fail(where, 'plugins', 'expected a list of plugin names or paths')
  plugins.forEach((entry: unknown, index: number) => {
    const ok = typeof entry === 'string' || (Array.isArray(entry) && typeof entry[0] === 'string' && entry.length <= 2 && (entry[1] === undefined || isObject(entry[1])))
    if (!ok) fail(where, `plugins[${index}]`, 'expected a name or path, or [name, options]')
  })
  const rules = raw.rules ?? {}
  if (!isObject(rules)) fail(where, 'rules', 'expected an object of rule ids')
  // Unknown ids are caught when the chain is merged, where plugins named in parent configs are known.
  for (const [id, entry] of Object.entries(rules)) {
    const key = `rules.${id}`
    checkEntry(entry, where, key)
    const options = Array.isArray(entry) ? entry[1] : undefined
    const rule = rulesById.get(id)
    if (rule && options !== undefined) checkOptions(rule, options as Record<string, unknown>, `${where}: \`${key}\``)
  }
  return raw as Config
}

/** `against`: globs to earlier paths, each earlier path using no more wildcards than its glob captures. */
function checkAgainst(against: unknown, where: string): void {
  if (!isObject(against)) fail(where, 'against', 'expected an object mapping a glob to the earlier version’s path, such as {"new/**/*.txt": "old/**/*.txt"}')
  for (const [pattern, earlier] of Object.entries(against)) {
    const key = `against.${pattern}`
    if (pattern.trim() === '') fail(where, 'against', 'a glob may not be empty')
    if (typeof earlier !== 'string' || earlier.trim() === '') fail(where, key, 'expected the earlier version’s path, a string')
    if (path.isAbsolute(pattern) || pattern.split('/').includes('..')) fail(where, key, 'the glob must be relative to the config’s folder and stay inside it')
    if (wildcardCount(earlier) > wildcardCount(pattern)) {
      fail(where, key, `\`${earlier}\` has more wildcards than \`${pattern}\` captures (${wildcardCount(pattern)})`)
    }
  }
}

/** A rule's options, checked by its declarations; a problem becomes a ConfigError so it is reported as such. */
function checkOptions(rule: Rule, options: Record<string, unknown>, where: string): void {
  try {
    rule.resolve(options, where)
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }
}

function checkEntry(entry: unknown, where: string, key: string): void {
  const [severity, options, ...rest] = Array.isArray(entry) ? entry : [entry]
  if (!severities.includes(severity as Severity)) {
    fail(where, key, `expected a severity (${severities.join(', ')}) or [severity, options], not ${JSON.stringify(entry)}`)
  }
  if (rest.length > 0 || (options !== undefined && !isObject(options))) fail(where, key, 'expected [severity, options] with an options object')
}

/** The config files a directory may hold, nearest first as unified-engine looks for them. */
function configIn(folder: string): {file: string; raw: unknown} | undefined {
  for (const name of [...rcNames, 'package.json']) {
    const file = path.join(folder, name)
    if (!fs.existsSync(file)) continue
    if (/\.[cm]?js$/.test(name)) {
      throw new ConfigError(`${file}: a JavaScript config cannot be a parent of another config; set \`root: true\` in the nearer config or use JSON or YAML`)
    }
    const text = fs.readFileSync(file, 'utf8')
    let raw: unknown
    try {
      raw = name.endsWith('.json') || name === 'package.json' ? JSON.parse(text) : parseYaml(text)
    } catch (error) {
      throw new ConfigError(`${file}: cannot parse: ${(error as Error).message.split('\n')[0]}`)
    }
    if (name === 'package.json') {
      const field = isObject(raw) ? raw[packageField] : undefined
      if (field === undefined) continue
      return {file, raw: field}
    }
    return {file, raw}
  }
  return undefined
}

/** The chain of configs that apply, farthest first: the given one and its parents up to a `root: true`. */
function chainOf(config: Config, file: string): Array<{config: Config; file: string}> {
  const chain = [{config, file}]
  let current = config
  let folder = path.dirname(path.dirname(path.resolve(file)))
  while (!current.root) {
    const found = configIn(folder)
    if (found) {
      current = validateConfig(found.raw, found.file)
      chain.unshift({config: current, file: found.file})
    }
    const parent = path.dirname(folder)
    if (parent === folder) break
    folder = parent
  }
  return chain
}

/**
 * Merges the config chain: the nearest `extends` sets the base, then each
 * config's `rules`, farthest first, then the command line's overrides.
 */
export function resolveConfig(
  config: Config,
  file: string | undefined,
  overrides: Record<string, RuleEntry> = {}
): ResolvedConfig {
  const chain = file ? chainOf(config, file) : [{config, file: '<config>'}]
  const preset = chain.findLast((link) => link.config.extends)?.config.extends ?? 'recommended'
  const result: ResolvedConfig = {
    severities: presetSeverities(preset),
    options: new Map(),
    plugins: [],
    syntax: chain.findLast((link) => link.config.syntax)?.config.syntax,
    // The nearest config's mappings are tried first.
    against: chain.toReversed().flatMap((link) =>
      Object.entries(link.config.against ?? {}).map(([pattern, earlier]) => ({pattern, earlier, base: path.dirname(path.resolve(link.file))}))
    )
  }
  for (const link of chain) {
    for (const entry of link.config.plugins ?? []) {
      const [specifier, options] = typeof entry === 'string' ? [entry, undefined] : entry
      const id = pluginId(specifier)
      result.plugins = result.plugins.filter((plugin) => plugin.id !== id)
      result.plugins.push({id, specifier, from: path.dirname(path.resolve(link.file)), options})
      if (!result.severities.has(id)) result.severities.set(id, 'warn')
    }
  }
  const known = () => [...result.severities.keys()]
  const apply = (rules: Record<string, RuleEntry>, where: string, keyOf: (id: string) => string) => {
    for (const [id, entry] of Object.entries(rules)) {
      if (!result.severities.has(id)) fail(where, keyOf(id), `unknown rule${suggest(id, known())}`)
      const [severity, options] = Array.isArray(entry) ? entry : [entry]
      result.severities.set(id, severity)
      if (options !== undefined) result.options.set(id, options)
    }
  }
  for (const link of chain) apply(link.config.rules ?? {}, link.file, (id) => `rules.${id}`)
  apply(overrides, 'command line', (id) => `--rule ${id}`)
  return result
}

/** Parses `id:severity` from `--rule`. */
export function parseRuleFlag(flag: string): [string, Severity] {
  const index = flag.lastIndexOf(':')
  const id = flag.slice(0, index)
  const severity = flag.slice(index + 1) as Severity
  if (index <= 0 || !severities.includes(severity)) {
    throw new ConfigError(`--rule ${flag}: expected \`rule-id:severity\` with a severity of ${severities.join(', ')}`)
  }
  return [id, severity]
}
