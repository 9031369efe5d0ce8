import fs from 'node:fs'
import path from 'node:path'
import {root} from '../src/data.js'
import {updateReadme} from '../src/docs.js'

// `npm run docs`: regenerate the README's rules section from the registry.
const file = path.join(root, 'README.md')
fs.writeFileSync(file, updateReadme(fs.readFileSync(file, 'utf8')))
