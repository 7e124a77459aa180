'use strict';
// What ctest runs as node_binding: the suite in tests/ under `node --test`,
// once `npm ci` has installed koffi in this directory. Without it the test
// is skipped (exit 77) and says how to install; where the build was
// configured with CXM_REQUIRE_ALL, as CI does, ctest counts that a failure.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

try {
  require.resolve('koffi', { paths: [__dirname] });
} catch {
  console.log(`SKIP: koffi is not installed: run \`npm ci\` in ${__dirname}`);
  process.exit(77);
}

const dir = path.join(__dirname, 'tests');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()
  .map((f) => path.join(dir, f));
const run = spawnSync(process.execPath, ['--expose-gc', '--test', ...files],
  { stdio: 'inherit', cwd: __dirname });
process.exit(run.status === null ? 1 : run.status);
