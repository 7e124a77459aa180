'use strict';
// The README's JavaScript examples are run as written, in this directory
// (where require('cxmetrics') is this package), and print what the README
// says (tests/check-package.js runs them again from an installed package,
// with the TypeScript ones).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { readmeExamples } = require('./project.js');

test('the README examples print what the README shows', () => {
  const { js } = readmeExamples();
  assert.ok(js.length >= 1);
  for (const { code, printed } of js) {
    const run = spawnSync(process.execPath, ['-e', code],
      { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, printed);
  }
});
