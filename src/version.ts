import {createRequire} from 'node:module'
import path from 'node:path'
import {root} from './data.js'

const require = createRequire(import.meta.url)

/** The package version, read from package.json in source and compiled form alike. */
export const version = (require(path.join(root, 'package.json')) as {version: string}).version
