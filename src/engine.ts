import type {Options as EngineOptions} from 'unified-engine'
import {packageField, rcName, resolveConfig, validateConfig, type RuleEntry} from './config.js'
import {extensions} from './parse.js'
import {baseProcessor, pluginsFor, type ProcessorSettings} from './processor.js'

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
    return {plugins: pluginsFor(resolved, settings), settings: {scrapelintSyntax: resolved.syntax}}
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
