'use strict';
// What the checks of the package share (check-types.js, check-package.js): a
// throwaway project directory, the TypeScript compiler of this package's
// devDependencies, the README's examples, and the skip rule (exit 77, which
// a build configured with CXM_REQUIRE_ALL, as CI's is, counts a failure).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PACKAGE = path.resolve(__dirname, '..'); // examples/node
const TYPES = path.join(__dirname, 'types');

function skipUnless(condition, why) {
  if (condition) {
    return;
  }
  console.log(`SKIPPED: ${why}`);
  process.exit(77);
}

/** typescript's tsc from `npm ci` in examples/node, or null. */
function tscOfPackage() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [PACKAGE] });
  } catch {
    return null;
  }
}

function tempProject(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a command; returns its output, or exits the check with what it printed. */
function run(command, args, options = {}) {
  const done = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (done.status !== 0 && !options.mayFail) {
    console.error(`FAILED: ${command} ${args.join(' ')} (exit ${done.status})\n` +
                  `${done.stdout}${done.stderr}${done.error || ''}`);
    process.exit(1);
  }
  return done;
}

/**
 * Compiles TypeScript files of a project with tsconfig.json's options, into
 * outDir (or not at all with noEmit); returns tsc's run.
 */
function compile(tsc, dir, files, { outDir, noEmit = false, mayFail = false } = {}) {
  const config = {
    extends: path.join(TYPES, 'tsconfig.json'),
    compilerOptions: noEmit ? { noEmit: true } : { outDir },
    files,
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
  return run(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: dir, mayFail });
}

/** The lines a file says tsc must report: its `// expected: ` comments. */
function expectedErrors(file) {
  return [...fs.readFileSync(file, 'utf8').matchAll(/^\/\/ expected: (.*)$/gm)].map((m) => m[1]);
}

/**
 * The README's examples that say what they print, each a program of its own:
 * { js: [{ code, printed }, ...], ts: [...] }. A JavaScript block that does
 * not load the module itself gets `const cxm = require('cxmetrics');`.
 */
function readmeExamples() {
  const readme = fs.readFileSync(path.join(PACKAGE, 'README.md'), 'utf8');
  const blocks = (language) => [...readme.matchAll(
    new RegExp(`\`\`\`${language}\\n((?:(?!\`\`\`)[\\s\\S])*)\`\`\`\\n\\nprints\\n\\n\`\`\`\\n([\\s\\S]*?)\`\`\``, 'g'))]
    .map(([, code, printed]) => ({ code, printed }));
  const js = blocks('js').map(({ code, printed }) => ({
    code: /require\('cxmetrics'\)/.test(code) ? code : `const cxm = require('cxmetrics');\n${code}`,
    printed,
  }));
  const ts = blocks('ts');
  if (js.length === 0 || ts.length === 0) {
    throw new Error('README.md: no JavaScript or TypeScript example followed by what it prints');
  }
  return { js, ts };
}

module.exports = {
  PACKAGE, TYPES, skipUnless, tscOfPackage, tempProject, run, compile, expectedErrors,
  readmeExamples,
};
