'use strict';
// ctest's node_package: the package as npm installs it.
//  1. `npm pack`: the tarball holds the module, its declarations, lib/, the
//     README, the LICENSE and package.json, and no tests, benchmarks or
//     runners;
//  2. a fresh project installs the tarball (and typescript and @types/node at
//     this package's pinned versions), from npm's cache when it has them; the
//     LICENSE installed is the project's, byte for byte;
//  3. there, the README's JavaScript example and its TypeScript example
//     (compiled with tsc --strict) print what the README shows, and
//     tests/types/usage.ts compiles and runs against the installed package.
const fs = require('node:fs');
const path = require('node:path');
const {
  PACKAGE, TYPES, compile, readmeExamples, run, skipUnless, tempProject, tscOfPackage,
} = require('./project.js');

skipUnless(run('npm', ['--version'], { mayFail: true }).status === 0,
  'npm is not installed (Debian: apt-get install npm)');
skipUnless(tscOfPackage() !== null, `typescript is not installed: run \`npm ci\` in ${PACKAGE}`);
const npm = (args, cwd) => run('npm', args, { cwd });

const dir = tempProject('cxm-npm-');
const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8'));

// 1. the tarball
const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], PACKAGE).stdout);
const files = packed.files.map((f) => f.path).sort();
const lib = fs.readdirSync(path.join(PACKAGE, 'lib')).filter((f) => f.endsWith('.js'))
  .map((f) => `lib/${f}`);
const want = ['LICENSE', 'README.md', 'cxmetrics.d.ts', 'cxmetrics.js', ...lib, 'package.json'].sort();
if (JSON.stringify(files) !== JSON.stringify(want)) {
  console.error(`FAILED: ${packed.filename} holds\n  ${files.join(' ')}\ninstead of\n  ${want.join(' ')}`);
  process.exit(1);
}
console.log(`npm pack: ${packed.filename}, ${files.length} files (${files.join(' ')})`);

// 2. a fresh project
const app = path.join(dir, 'app');
fs.mkdirSync(app);
fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error',
  path.join(dir, packed.filename), `typescript@${manifest.devDependencies.typescript}`,
  `@types/node@${manifest.devDependencies['@types/node']}`], app);
// (from a process of its own: this file, inside the package, would resolve its own name)
const resolved = run(process.execPath, ['-p', "require.resolve('cxmetrics')"], { cwd: app })
  .stdout.trim();
if (!resolved.startsWith(path.join(app, 'node_modules'))) {
  console.error(`FAILED: cxmetrics resolves to ${resolved}, not the installed package`);
  process.exit(1);
}
console.log(`npm install: ${path.relative(app, resolved)}`);
// npm packs the LICENSE beside package.json whatever "files" says: a copy of
// the project's, which must not drift from it.
const license = fs.readFileSync(path.join(app, 'node_modules', 'cxmetrics', 'LICENSE'));
if (!license.equals(fs.readFileSync(path.join(PACKAGE, '..', '..', 'LICENSE')))) {
  console.error('FAILED: the LICENSE in the package is not the project\'s LICENSE');
  process.exit(1);
}
console.log('LICENSE: in the package, the project\'s byte for byte');

// 3. the README's examples and the program that uses every class
const tsc = require.resolve('typescript/bin/tsc', { paths: [app] });
const { js, ts } = readmeExamples();
const programs = [
  ...js.map(({ code, printed }, i) => ({ source: `example${i + 1}.js`, run: `example${i + 1}.js`, code, printed })),
  ...ts.map(({ code, printed }, i) => ({ source: `typed${i + 1}.ts`, run: path.join('out', `typed${i + 1}.js`), code, printed })),
];
for (const { source, code } of programs) {
  fs.writeFileSync(path.join(app, source), code);
}
fs.copyFileSync(path.join(TYPES, 'usage.ts'), path.join(app, 'usage.ts'));
compile(tsc, app, [...programs.filter((p) => p.source.endsWith('.ts')).map((p) => p.source), 'usage.ts'],
  { outDir: path.join(app, 'out') });
for (const { source, run: file, printed } of programs) {
  const output = run(process.execPath, [file], { cwd: app }).stdout;
  if (output !== printed) {
    console.error(`FAILED: the README's ${source} printed\n${output}instead of\n${printed}`);
    process.exit(1);
  }
}
console.log(`README: ${js.length} JavaScript and ${ts.length} TypeScript examples print what it shows`);
process.stdout.write(run(process.execPath, [path.join('out', 'usage.js')], { cwd: app }).stdout);
