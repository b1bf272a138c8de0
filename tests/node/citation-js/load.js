// Read each BibTeX file named on the command line with citation.js (as Zettlr and Obsidian's citation plugins
// do) and print, as JSON, the CSL items it gives for each file or the error that made it reject the file.
'use strict'
const fs = require('fs')
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-bibtex')

const results = {}
for (const file of process.argv.slice(2)) {
  try {
    results[file] = { items: new Cite(fs.readFileSync(file, 'utf8'), { forceType: '@biblatex/text' }).data }
  } catch (error) {
    results[file] = { error: String(error && error.message || error) }
  }
}
process.stdout.write(JSON.stringify(results))
