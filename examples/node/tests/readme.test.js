'use strict';
// The README's example is run as written and prints what the README says.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

test('the README example prints what the README shows', () => {
  const dir = path.resolve(__dirname, '..');
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  const code = /```js\n(const cxm = require[\s\S]*?)```/.exec(readme)[1];
  const printed = /prints\n\n```\n([\s\S]*?)```/.exec(readme)[1];
  const run = spawnSync(process.execPath, ['-e', code], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, printed);
});
