'use strict';
// ctest's node_types: the declarations (cxmetrics.d.ts) against `tsc --strict`
// (typescript, a devDependency of this package: `npm ci` installs it at the
// version package-lock.json pins, so the check needs no network).
//  - tests/types/usage.ts, a program that uses every class, compiles without
//    an error and runs, checking that values are what the declarations say;
//  - tests/types/misuse.ts draws exactly the error it states, and no other.
// The package is reached by its name from a throwaway project whose
// node_modules links to this directory, as an installed one would be.
const fs = require('node:fs');
const path = require('node:path');
const {
  PACKAGE, TYPES, compile, expectedErrors, run, skipUnless, tempProject, tscOfPackage,
} = require('./project.js');

const tsc = tscOfPackage();
skipUnless(tsc !== null, `typescript is not installed: run \`npm ci\` in ${PACKAGE}`);

const dir = tempProject('cxm-types-');
fs.mkdirSync(path.join(dir, 'node_modules'));
fs.symlinkSync(PACKAGE, path.join(dir, 'node_modules', 'cxmetrics'));
fs.symlinkSync(path.join(PACKAGE, 'node_modules', '@types'), path.join(dir, 'node_modules', '@types'));
for (const file of ['usage.ts', 'misuse.ts']) {
  fs.copyFileSync(path.join(TYPES, file), path.join(dir, file));
}

compile(tsc, dir, ['usage.ts'], { outDir: path.join(dir, 'out') });
const usage = run(process.execPath, [path.join(dir, 'out', 'usage.js')], { cwd: dir });
process.stdout.write(`tsc --strict: usage.ts compiles; run: ${usage.stdout}`);

const misuse = compile(tsc, dir, ['misuse.ts'], { noEmit: true, mayFail: true });
const reported = misuse.stdout.trim().split('\n');
const expected = expectedErrors(path.join(TYPES, 'misuse.ts'));
if (JSON.stringify(reported) !== JSON.stringify(expected)) {
  console.error(`FAILED: misuse.ts: tsc reported\n  ${reported.join('\n  ')}\ninstead of\n  ${expected.join('\n  ')}`);
  process.exit(1);
}
console.log(`tsc --strict: misuse.ts refused as expected: ${expected[0]}`);
