import path from 'node:path'
import type {PluggableList} from 'unified'
import {engine, type Options as EngineOptions} from 'unified-engine'
import {VFile} from 'vfile'
import {loadAgainst, type AgainstSource} from './claims/against.js'
import {packageField, rcName, resolveConfig, validateConfig, type RuleEntry} from './config.js'
import {extensions} from './parse.js'
import {baseProcessor, pluginsFor, type ProcessorSettings} from './processor.js'
import type {ScrapelintMessage} from './types.js'

export type {AgainstSource} from './claims/against.js'

export interface EngineRequest extends ProcessorSettings {
  cwd: string
  files: EngineOptions['files']
  /** `--rule id:severity`, applied over every config. */
  overrides?: Record<string, RuleEntry>
  /** `--config`: use this file instead of looking for one. */
  configPath?: string
  /** `--ignore-path`: use this ignore file instead of `.scrapelintignore`. */
  ignorePath?: string
  streamIn?: NodeJS.ReadableStream
  /** The path given to stdin's text (`--stdin-filename`). */
  filePath?: string
  /**
   * Where each file's earlier version comes from, for `claim-shift`
   * (`--against`, `--against-git`; the editor: `{kind: 'git', rev: 'HEAD'}`).
   * Without it, the config's `against` mappings apply.
   */
  against?: AgainstSource
}

/**
 * The one set of unified-engine options that the CLI and the language server
 * both use, so that they find the same configs and run the same rules.
 */
export function engineOptions(request: EngineRequest): EngineOptions {
  const settings: ProcessorSettings = {syntax: request.syntax, maxFileSize: request.maxFileSize, fix: request.fix, deferErrors: true}
  const overrides = request.overrides ?? {}
  const presetFrom = (raw: unknown, file: string | undefined) => {
    const config = file ? validateConfig(raw, file) : {}
    const resolved = resolveConfig(config, file, overrides)
    const against: AgainstSource | undefined = request.against ?? (resolved.against.length > 0 ? {kind: 'map', mappings: resolved.against} : undefined)
    // The earlier version is read first, so that the rules find it on the file.
    const plugins: PluggableList = against ? [[loadAgainst, against], ...pluginsFor(resolved, settings)] : pluginsFor(resolved, settings)
    return {plugins, settings: {scrapelintSyntax: resolved.syntax}}
  }
  return {
    processor: baseProcessor(settings) as unknown as EngineOptions['processor'],
    cwd: request.cwd,
    files: request.files,
    extensions,
    streamIn: request.streamIn,
    filePath: request.filePath,
    rcName,
    packageField,
    rcPath: request.configPath,
    detectConfig: request.configPath === undefined,
    ignoreName: '.scrapelintignore',
    // A glob such as `**/*.md` must not reach into installed packages; walking a folder already skips them.
    ignorePatterns: ['node_modules/'],
    ignorePath: request.ignorePath,
    ignorePathResolveFrom: 'cwd',
    configTransform: (raw, file) => presetFrom(raw, file) as never,
    // With no config file anywhere: the recommended preset plus the command line's overrides;
    // building it here also rejects a bad `--rule` before any file is read.
    defaultConfig: presetFrom(undefined, undefined) as never,
    out: false,
    output: false,
    quiet: false,
    color: false,
    reporter: () => '',
    silentlyIgnore: false
  }
}

export interface LintAgainstOptions {
  /** Where the new text would live: picks its syntax and config (default: `untitled.txt` in `cwd`). */
  filePath?: string
  cwd?: string
  /** The earlier version's path, shown in notes and related places. */
  earlierPath?: string
  overrides?: Record<string, RuleEntry>
  configPath?: string
}

/**
 * Lints `value` against an earlier text, with the same config discovery and
 * rules as the CLI: the "this buffer against that saved text" call for the
 * editor and for scripts. Resolves to the file's messages in reading order.
 */
export function lintAgainst(value: string, earlier: string, options: LintAgainstOptions = {}): Promise<ScrapelintMessage[]> {
  const cwd = options.cwd ?? process.cwd()
  const file = new VFile({cwd, path: path.resolve(cwd, options.filePath ?? 'untitled.txt'), value})
  const settings = engineOptions({
    cwd,
    files: [file],
    overrides: options.overrides,
    configPath: options.configPath,
    against: {kind: 'text', value: earlier, path: options.earlierPath ?? 'earlier version'}
  })
  return new Promise((resolve, reject) => {
    engine(settings, (error, _code, context) => {
      if (error) return reject(error)
      const result = context?.files[0] ?? file
      resolve(
        [...(result.messages as ScrapelintMessage[])].sort(
          (a, b) => (a.place && 'start' in a.place ? (a.place.start.offset ?? 0) : 0) - (b.place && 'start' in b.place ? (b.place.start.offset ?? 0) : 0)
        )
      )
    })
  })
}
