/**
 * Part of `npm run build`: derives the data that would cost every process
 * time at start (see `derived` in src/data.ts), the YAML of rules/data/
 * included, and writes each set to dist/data/<name>.json, through a
 * temporary file and a rename so that a reader never sees half of one.
 */
import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {pathToFileURL} from 'node:url'
import {truncationWordsData} from '../rules/no-truncation.js'
import {derivedFolder, ruleData} from '../src/data.js'
import {lexiconData} from '../src/lexicon.js'
import {commonWordsData, placeKeysData} from '../src/mentions.js'

/** Each derived data set by name, with the function that derives it. */
export const derivations: Record<string, () => unknown> = {
  lexicon: lexiconData,
  'truncation-words': truncationWordsData,
  'common-words': commonWordsData,
  'place-keys': placeKeysData,
  'rule-data': ruleData
}

function writeAll(): void {
  fs.mkdirSync(derivedFolder, {recursive: true})
  for (const [name, derive] of Object.entries(derivations)) {
    const file = path.join(derivedFolder, `${name}.json`)
    const temporary = `${file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, JSON.stringify(derive()))
    fs.renameSync(temporary, file)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeAll()
