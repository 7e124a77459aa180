'use strict';
// What ctest runs as node_binding: the suite in tests/ under `node --test`,
// once `npm ci` has installed koffi in this directory. Without it the test
// is skipped (exit 77, ctest's SKIP_RETURN_CODE) and says how to install,
// unless CXM_REQUIRE_NODE is set (CI sets it), which makes a missing koffi
// a failure instead: CI must not pass by skipping.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

try {
  require.resolve('koffi', { paths: [__dirname] });
} catch {
  const why = `koffi is not installed: run \`npm ci\` in ${__dirname}`;
  if (process.env.CXM_REQUIRE_NODE) {
    console.error(`node_binding: ${why} (CXM_REQUIRE_NODE is set)`);
    process.exit(1);
  }
  console.log(`SKIP: ${why}`);
  process.exit(77);
}

const dir = path.join(__dirname, 'tests');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()
  .map((f) => path.join(dir, f));
const run = spawnSync(process.execPath, ['--expose-gc', '--test', ...files],
  { stdio: 'inherit', cwd: __dirname });
process.exit(run.status === null ? 1 : run.status);
