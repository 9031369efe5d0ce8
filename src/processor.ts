import fs from 'node:fs'
import {pathToFileURL} from 'node:url'
import type {Root} from 'nlcst'
import {unified, type PluggableList, type Plugin, type Processor} from 'unified'
import {resolvePlugin} from 'load-plugin'
import type {FileSet} from 'unified-engine'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {ConfigError, type ExternalPluginSpec, type ResolvedConfig} from './config.js'
import {stampSeverity, type Rule} from './define-rule.js'
import {documentFor, type Document} from './document.js'
import {applyFixes} from './fix.js'
import {filterByControlComments} from './control.js'
import {parseDocument, syntaxOf} from './parse.js'
import {rulesById} from './registry.js'
import type {Severity, Syntax} from './types.js'

export interface ProcessorSettings {
  /** Read every file as this syntax instead of choosing by extension. */
  syntax?: Syntax
  /** Files larger than this many bytes are refused with an error. */
  maxFileSize?: number
  /** Apply safe fixes to the file's value (the caller writes it). */
  fix?: boolean
  /** Running inside unified-engine: hold errors back until every file is done (see `stampSeverity`). */
  deferErrors?: boolean
}

export const defaultMaxFileSize = 10 * 1024 * 1024
const maxFixPasses = 10

/** The unified parser: checks the input is text, then builds the text tree for its syntax. */
const scrapelintParse: Plugin<[ProcessorSettings?], string, Root> = function (settings = {}) {
  const maxFileSize = settings.maxFileSize ?? defaultMaxFileSize
  const self = this
  this.parser = function (value, file) {
    assertReadable(value, file, maxFileSize)
    // A config's `syntax` reaches the parser through unified-engine's per-file settings.
    const configured = (self.data('settings') as {scrapelintSyntax?: Syntax} | undefined)?.scrapelintSyntax
    const syntax = syntaxOf(file, settings.syntax ?? configured)
    const {tree, titles, markup, skipped} = parseDocument(value, file, syntax)
    Object.assign(file.data, {scrapelintSyntax: syntax, scrapelintTitles: titles, scrapelintMarkup: markup, scrapelintSkipped: skipped})
    if (settings.deferErrors) Object.assign(file.data, {scrapelintDeferredErrors: []})
    return tree
  }
  // Serialising gives the (possibly fixed) text, so `--stdin --fix` can print it.
  this.compiler = (_tree: unknown, file: VFile) => String(file.value)
}

/** Fails the file with a one-line reason when it is not text scrapelint can lint. */
function assertReadable(value: string, file: VFile, maxFileSize: number): void {
  const size = Buffer.byteLength(value)
  if (size > maxFileSize) {
    file.fail(`File is ${megabytes(size)}, over the ${megabytes(maxFileSize)} limit; split it or raise --max-file-size`)
  }
  if (value.includes('\u0000')) {
    const utf16 = utf16Of(value)
    if (utf16) {
      // With a byte order mark iconv tells the order itself; without one it must be told.
      const from = utf16.byteOrderMark ? 'UTF-16' : `UTF-16${utf16.order}`
      file.fail(`UTF-16${utf16.order} text, not UTF-8; convert the file to UTF-8 first (for example with iconv -f ${from} -t UTF-8)`)
    }
    file.fail('Binary file (it contains NUL bytes), not text')
  }
  const replacement = value.indexOf('\uFFFD')
  // The engine decodes files as UTF-8, turning bad bytes into U+FFFD: confirm on the bytes before blaming the file.
  if (replacement !== -1 && file.path && hasInvalidUtf8(file.path)) {
    const before = value.slice(0, replacement)
    const line = before.split('\n').length
    const column = replacement - before.lastIndexOf('\n')
    file.fail(`Invalid UTF-8 at ${line}:${column}; convert the file to UTF-8 first (for example with iconv)`)
  }
  if (value.trim() === '') file.info('Empty file, nothing to lint')
}

/**
 * Whether text read as UTF-8 was UTF-16 (little- or big-endian), as Windows
 * tools often save it: Latin text then has a NUL in every other code unit,
 * after a byte order mark that UTF-8 reads as two U+FFFD. Judged on the
 * first 2,000 code units.
 */
function utf16Of(value: string): {order: 'LE' | 'BE'; byteOrderMark: boolean} | undefined {
  const byteOrderMark = value.startsWith('\uFFFD\uFFFD')
  const start = byteOrderMark ? 2 : 0
  const sample = value.slice(start, start + 2000)
  let even = 0
  let odd = 0
  for (let index = 0; index < sample.length; index++) {
    if (sample.charCodeAt(index) === 0) {
      if (index % 2 === 0) even++
      else odd++
    }
  }
  const pairs = Math.floor(sample.length / 2)
  if (pairs === 0) return undefined
  if (odd >= pairs * 0.8 && even <= pairs * 0.05) return {order: 'LE', byteOrderMark}
  if (even >= pairs * 0.8 && odd <= pairs * 0.05) return {order: 'BE', byteOrderMark}
  return undefined
}

function hasInvalidUtf8(filePath: string): boolean {
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(fs.readFileSync(filePath))
    return false
  } catch (error) {
    return error instanceof TypeError
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

type Stamp = {severity: Exclude<Severity, 'off'>; options?: Record<string, unknown>}

const externalPlugins = new Map<string, Plugin<[Stamp], Root>>()

/**
 * A plugin from the config (a retext plugin from npm, or a local rule file
 * written with `defineRule`), loaded when first run. One function per
 * plugin, so unified-engine does not merge two plugins into one entry.
 */
function externalPlugin(spec: ExternalPluginSpec): Plugin<[Stamp], Root> {
  const key = `${spec.from}\0${spec.specifier}`
  let plugin = externalPlugins.get(key)
  if (plugin) return plugin
  let loaded: Promise<Rule | Plugin<[unknown?], Root>> | undefined
  plugin = function (stamp) {
    return async function (tree: Root, file: VFile) {
      loaded ??= loadExternal(spec)
      const module = await loaded
      if (typeof module !== 'function') {
        const transform = module.plugin.call(unified() as never, {severity: stamp.severity, options: stamp.options}) as (tree: Root, file: VFile) => void
        transform(tree, file)
        return
      }
      const before = file.messages.length
      await unified().use(module, stamp.options ?? spec.options).run(tree as never, file)
      // As for our rules (`readsLinks` in src/define-rule.ts): a word inside a web or e-mail address is not prose.
      let added = file.messages.splice(before)
      if (added.length > 0) {
        const doc = documentFor(tree, file)
        added = added.filter((message) => !insideLink(doc, message))
      }
      file.messages.push(...added)
      for (const message of added) {
        message.source ??= spec.id
        message.ruleId = spec.id
        stampSeverity(file, message, stamp.severity)
      }
    }
  }
  externalPlugins.set(key, plugin)
  return plugin
}

async function loadExternal(spec: ExternalPluginSpec): Promise<Rule | Plugin<[unknown?], Root>> {
  let url: string
  try {
    url = await resolvePlugin(spec.specifier, {from: pathToFileURL(spec.from + '/').href})
  } catch {
    throw new ConfigError(`Cannot find plugin \`${spec.specifier}\` from ${spec.from}`)
  }
  const module = ((await import(url)) as {default?: unknown}).default
  if (typeof module === 'function') return module as Plugin<[unknown?], Root>
  if (module && typeof module === 'object' && 'check' in module && 'plugin' in module) {
    const rule = module as Rule
    if (rule.id !== spec.id) throw new ConfigError(`Plugin \`${spec.specifier}\` defines rule \`${rule.id}\`; name the file \`${rule.id}.js\` so config and messages agree`)
    return rule
  }
  throw new ConfigError(`Plugin \`${spec.specifier}\` exports neither a retext plugin nor a rule made with defineRule`)
}

/** Once unified-engine has every file, the errors held back while linting become errors. */
function restoreDeferredErrors(fileSet: FileSet): void {
  for (const file of fileSet.valueOf()) {
    for (const message of (file.data as {scrapelintDeferredErrors?: VFileMessage[]}).scrapelintDeferredErrors ?? []) message.fatal = true
  }
}

/** Last in the pipeline: honours control comments, then, when asked, applies fixes and re-lints until stable. */
const finalize: Plugin<[ProcessorSettings?, FileSet?], Root> = function (settings = {}, fileSet) {
  const processor = this as unknown as Processor<Root, Root, Root, Root, string>
  // unified-engine passes its file set to every plugin.
  if (settings.deferErrors) fileSet?.use(restoreDeferredErrors)
  return async function (tree: Root, file: VFile) {
    filterByControlComments(file)
    const fixPass = (file.data as {scrapelintFixPass?: boolean}).scrapelintFixPass
    if (settings.fix && !fixPass) await fixFile(processor, file)
    if (settings.deferErrors) {
      // unified-engine keeps every file's tree until all files are done, and nothing after this step reads it.
      tree.children = []
      delete (file.data as {scrapelintDocument?: unknown}).scrapelintDocument
    }
  }
}

/** Whether a plugin's message stands wholly inside a web or e-mail address. */
function insideLink(doc: Document, message: VFileMessage): boolean {
  const place = message.place
  if (!place || !('start' in place)) return false
  const start = place.start.offset
  const end = place.end.offset
  return start !== undefined && end !== undefined && doc.insideLink({start, end})
}

/** Applies the file's safe fixes and re-lints until stable; the file then holds the fixed text and its messages. */
async function fixFile(processor: Processor<Root, Root, Root, Root, string>, file: VFile): Promise<void> {
  const original = String(file.value)
  let value = original
  let messages = file.messages
  let applied = 0
  let last: VFile | undefined
  for (let pass = 0; pass < maxFixPasses; pass++) {
    const result = applyFixes(value, messages)
    if (result.applied === 0) break
    value = result.value
    applied += result.applied
    const next = new VFile({path: file.path, value, data: {scrapelintFixPass: true}})
    await processor.run(processor.parse(next), next)
    messages = next.messages
    last = next
  }
  if (applied > 0) {
    Object.assign(file.data, {scrapelintFixed: {original, applied}, scrapelintDeferredErrors: last?.data.scrapelintDeferredErrors})
    file.value = value
    file.messages = messages
  }
}

/** The plugins a resolved config turns on, in order: rules, config plugins, then the finishing step. */
export function pluginsFor(config: ResolvedConfig, settings: ProcessorSettings): PluggableList {
  const list: PluggableList = []
  for (const [id, severity] of config.severities) {
    const rule = rulesById.get(id)
    if (!rule || severity === 'off') continue
    list.push([rule.plugin, {severity, options: config.options.get(id)}])
  }
  for (const spec of config.plugins) {
    const severity = config.severities.get(spec.id) ?? 'warn'
    if (severity === 'off') continue
    list.push([externalPlugin(spec), {severity, options: config.options.get(spec.id) ?? spec.options}])
  }
  list.push([finalize, settings])
  return list
}

/** The base processor: our parser and compiler; unified-engine adds each file's plugins. */
export function baseProcessor(settings: ProcessorSettings): Processor<Root, Root, Root, Root, string> {
  return unified().use(scrapelintParse, settings) as unknown as Processor<Root, Root, Root, Root, string>
}

/** A complete processor for one resolved config, as the API uses it. */
export function createProcessor(config: ResolvedConfig, settings: ProcessorSettings = {}) {
  const merged = {...settings, syntax: settings.syntax ?? config.syntax}
  return baseProcessor(merged).use(pluginsFor(config, merged))
}
