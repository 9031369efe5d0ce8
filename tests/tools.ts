import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {root} from './run-bin.js'

/** The full path of `command` on PATH, or undefined. */
export function which(command: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, command)
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      return candidate
    } catch {
      // not in this folder
    }
  }
  return undefined
}

/**
 * The path of a program the tests drive (Neovim, pre-commit), installed by
 * the project's own setup (`scripts/install-test-tools.sh`, Debian packages)
 * when it is missing. `.ci/run` runs that setup before the tests, so here it
 * only acts when someone runs `npm test` on a machine that skipped it.
 */
export function requireTool(command: string): string {
  const found = which(command)
  if (found) return found
  const setup = spawnSync('bash', [path.join(root, 'scripts/install-test-tools.sh')], {encoding: 'utf8', timeout: 600_000})
  const installed = which(command)
  if (!installed) throw new Error(`\`${command}\` is missing and scripts/install-test-tools.sh could not install it:\n${setup.stderr}`)
  return installed
}

/** A folder holding `scrapelint` and `scrapelint-language-server` commands that run this checkout's build, as `npm install -g` would provide. */
export function binFolder(folder: string): string {
  const bin = path.join(folder, 'bin')
  fs.mkdirSync(bin, {recursive: true})
  for (const [name, file] of [
    ['scrapelint', 'dist/src/cli.js'],
    ['scrapelint-language-server', 'dist/src/server.js']
  ] as const) {
    const shim = path.join(bin, name)
    fs.writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(root, file))} "$@"\n`)
    fs.chmodSync(shim, 0o755)
  }
  return bin
}
