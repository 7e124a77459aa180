'use strict';
// The binding against the library's interface, and how it finds the library.
//
// The functions, struct layouts and constants come from one source shared by
// every binding's tests: tests/abi/interface.py reads the ABI baseline
// (tests/abi/cxmetrics.abi) and what tests/abi/constants.c prints, and ctest
// hands its document over as CXM_INTERFACE. Functions added since the
// baseline was recorded are declared without being listed there; each must
// still be in the library that was loaded.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { cxm, iface } = require('./helpers.js');

const needsInterface = { skip: iface === null && 'CXM_INTERFACE is not set (ctest sets it)' };
const otherLibrary = process.env.CXM_OTHER_LIBRARY;

// A C type as the ABI records it: without const (libabigail drops the const of
// `const void *`, and const does not change how the arguments are passed).
const type = (s) => s.replace(/\bconst\s+/g, '').replace(/\s*\*\s*/g, '*').trim();
const nameOf = (prototype) => /\b(cxm_\w+)\(/.exec(prototype)[1];

// "returns name(types)" of a koffi prototype: its parameters' names dropped,
// since the ABI records those of the definition, which may differ.
function signature(prototype) {
  const m = /^(.*?)\b(cxm_\w+)\((.*)\)$/.exec(prototype);
  const parameters = m[3] === 'void' ? [] : m[3].split(',')
    .map((p) => type(p.replace(/\w+\s*$/, '')));
  return `${type(m[1])} ${m[2]}(${parameters.join(', ')})`;
}

test('every exported function is declared with its prototype', needsInterface, () => {
  const recorded = new Map(iface.functions.map((f) => [f.name,
    `${type(f.returns)} ${f.name}(${f.parameters.map(([, t]) => type(t)).join(', ')})`]));
  assert.ok(recorded.size >= 93, `only ${recorded.size} functions recorded`);
  const bound = new Map(cxm.PROTOTYPES.map((p) => [nameOf(p), signature(p)]));
  assert.deepEqual([...recorded.keys()].filter((n) => !bound.has(n)), [], 'not declared');
  for (const [name, prototype] of recorded) {
    assert.equal(bound.get(name), prototype, name);
  }
  // declared beyond the baseline (newer than its recording): in the library all the same
  for (const name of bound.keys()) {
    assert.equal(typeof cxm.native()[name], 'function', name);
  }
});

test('struct layouts are the library\'s', needsInterface, () => {
  const mirrors = { cxm_scale: cxm.types.scale, cxm_snapshot: cxm.types.snapshot,
    cxm_interval: cxm.types.interval, cxm_comparison: cxm.types.comparison };
  for (const [name, layout] of Object.entries(iface.structs)) {
    const mirror = mirrors[name];
    assert.ok(mirror, `the public struct ${name} has no mirror`);
    assert.ok(mirror.size >= layout.size, name);
    for (const [member, offset, spelling] of layout.members) {
      const field = mirror.members[member];
      assert.ok(field, `${name}.${member}`);
      assert.equal(field.offset, offset, `${name}.${member}`);
      assert.equal(field.type.name, spelling, `${name}.${member}`);
    }
  }
});

// How the module carries each family of constants: statuses as Error classes,
// quantities and methods by the library's names, headlines, presets and uses
// as frozen objects, the rest as properties of the module.
function assertBound(name, value) {
  const [family, ...rest] = name.split('_');
  const member = rest.join('_');
  if (name === 'OK') {
    assert.equal(cxm.statusName(value), 'CXM_OK');
  } else if (family === 'ERR') {
    assert.equal(cxm.errorFor(value).code, `CXM_${name}`);
    assert.notEqual(cxm.errorFor(value).constructor, cxm.CxmError);
  } else if (family === 'METHOD' || family === 'QUANTITY' || family === 'ADJUST') {
    const spelled = member.toLowerCase().replace(/_/g, '-');
    const [toName, parse] = { METHOD: [cxm.methodName, cxm.parseMethod],
      QUANTITY: [cxm.quantityName, cxm.parseQuantity], ADJUST: [cxm.adjustName, cxm.parseAdjust] }[family];
    assert.deepEqual([toName(value), parse(spelled)], [spelled, value]);
  } else if (family === 'HEADLINE' || family === 'PRESET' || family === 'USE') {
    const table = { HEADLINE: cxm.Headline, PRESET: cxm.Preset, USE: cxm.Use }[family];
    assert.equal(table[member], value);
  } else if (name === 'VERSION_MAJOR') {
    assert.equal(cxm.ABI_MAJOR, value);
  } else if (family === 'VERSION') {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json')));
    assert.equal(Number(version.split('.')[['MINOR', 'PATCH'].indexOf(member) + 1]), value);
  } else {
    assert.ok(name in cxm, `${name} is not bound`);
    assert.equal(BigInt(cxm[name]), BigInt(value));
  }
}

test('every constant is bound with its value', needsInterface, () => {
  assert.ok('CXM_METHOD_JEFFREYS' in iface.constants);
  for (const [name, value] of Object.entries(iface.constants)) {
    assert.doesNotThrow(() => assertBound(name.slice('CXM_'.length), value), name);
    assertBound(name.slice('CXM_'.length), value);
  }
});

test('the declarations name the library\'s quantities, methods and headlines', needsInterface, () => {
  const declarations = fs.readFileSync(path.join(__dirname, '..', 'cxmetrics.d.ts'), 'utf8');
  const union = (type) => {
    const m = new RegExp(`export type ${type} =([^;]*);`).exec(declarations);
    return [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]).sort();
  };
  const names = (prefix, toName) => Object.entries(iface.constants)
    .filter(([name]) => name.startsWith(prefix)).map(([, value]) => toName(value)).sort();
  assert.deepEqual(union('MethodName'), names('CXM_METHOD_', cxm.methodName));
  assert.deepEqual(union('QuantityName'), names('CXM_QUANTITY_', cxm.quantityName));
  assert.deepEqual(union('HeadlineName'), names('CXM_HEADLINE_', cxm.headlineName));
  assert.deepEqual(union('AdjustName'), names('CXM_ADJUST_', cxm.adjustName));
  const presets = names('CXM_PRESET_', (value) => String(cxm.Scale.preset(value)));
  assert.deepEqual(union('PresetName'), [...presets, 'ces', 'csat'].sort());
});

test('version is the header\'s and the package\'s', needsInterface, () => {
  const part = (p) => iface.constants[`CXM_VERSION_${p}`];
  const { string, number } = cxm.version();
  assert.equal(string, `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`);
  assert.equal(number, part('MAJOR') * 10000 + part('MINOR') * 100 + part('PATCH'));
  assert.equal(require('../package.json').version, string);
});

// Runs code in a fresh node that loads the module as the tests do, with the
// environment changed as given (undefined removes a variable).
function runNode(code, environment) {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) {
      delete env[name];
    } else {
      env[name] = value;
    }
  }
  const module = JSON.stringify(path.join(__dirname, '..', 'cxmetrics.js'));
  return spawnSync(process.execPath, ['-e', `const cxm = require(${module});\n${code}`],
    { env, encoding: 'utf8' });
}

test('load() takes an explicit path; a missing library names itself and CXM_LIBRARY', () => {
  const library = process.env.CXM_LIBRARY;
  if (library) {
    assert.equal(cxm.load(library), library);
  }
  assert.throws(() => cxm.load('/nonexistent/libcxmetrics.so.1'), (e) => {
    assert.ok(e instanceof cxm.CxmLibraryError);
    assert.equal(e.code, 'ERR_CXM_LIBRARY');
    assert.match(e.message, /^cxmetrics: cannot load \/nonexistent\/libcxmetrics\.so\.1 \(looked up through the path given to load\(\): /);
    assert.match(e.message, /set CXM_LIBRARY to the library's path$/);
    return true;
  });
  assert.equal(typeof cxm.version().number, 'number'); // the previous library stays
  const run = runNode("new cxm.Accumulator('nps')", { CXM_LIBRARY: '/nonexistent/lib.so' });
  assert.match(run.stderr, /CxmLibraryError: cxmetrics: cannot load \/nonexistent\/lib\.so \(looked up through \$CXM_LIBRARY: /);
});

test('a library that is not libcxmetrics is refused', () => {
  assert.throws(() => cxm.load('libc.so.6'), {
    name: 'CxmLibraryError',
    message: 'cxmetrics: libc.so.6 is not libcxmetrics: it has no cxm_version_number; ' +
      'set CXM_LIBRARY to the path of libcxmetrics.so.1',
  });
  assert.equal(new cxm.Accumulator('nps').total, 0n);
});

test('without CXM_LIBRARY, the system loader finds the SONAME', { skip: !process.env.CXM_LIBRARY }, () => {
  // the build directory holds libcxmetrics.so.1, as /usr/lib does once installed
  const run = runNode('console.log(cxm.version().string)', {
    CXM_LIBRARY: undefined, LD_LIBRARY_PATH: path.dirname(path.resolve(process.env.CXM_LIBRARY)),
  });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout.trim(), cxm.version().string);
});

test('another ABI major and an older library are refused', { skip: !otherLibrary }, () => {
  // tests/abi/other_version.c: reports 2.0.0, or CXM_OTHER_VERSION
  assert.throws(() => cxm.load(otherLibrary), {
    name: 'CxmLibraryError',
    message: `cxmetrics: ${otherLibrary} is libcxmetrics 2.0.0, of ABI 2; this module needs ` +
      'ABI 1 (libcxmetrics.so.1): install libcxmetrics1 or point CXM_LIBRARY at it',
  });
  assert.equal(new cxm.Accumulator('nps').total, 0n); // the previous library stays
  let run = runNode("new cxm.Accumulator('nps')", { CXM_LIBRARY: otherLibrary });
  assert.match(run.stderr, /of ABI 2; this module needs ABI 1/);
  run = runNode("new cxm.Accumulator('nps')", { CXM_LIBRARY: otherLibrary, CXM_OTHER_VERSION: '10100' });
  assert.match(run.stderr, /is libcxmetrics 1\.1\.0; this module needs 1\.2 or later/);
  // the right version, but not every function: a build between releases
  run = runNode("new cxm.Accumulator('nps')", { CXM_LIBRARY: otherLibrary, CXM_OTHER_VERSION: '10200' });
  assert.match(run.stderr, /\(libcxmetrics 1\.2\.0\) lacks a function this module needs: .*cxm_status_name/);
});

test('method and quantity names come from the library', () => {
  // the spelling of include/cxmetrics.h, section Statistics (logit and jeffreys since 1.2)
  const methods = ['default', 'wilson', 'wilson-cc', 'agresti-coull', 'clopper-pearson', 'wald',
    'adjusted-wald', 'score', 't', 'logit', 'jeffreys'];
  methods.forEach((name, i) => {
    assert.equal(cxm.methodName(i), name);
    assert.equal(cxm.parseMethod(name), i);
  });
  ['headline', 'positive-share', 'negative-share', 'net', 'mean'].forEach((name, i) => {
    assert.equal(cxm.quantityName(i), name);
    assert.equal(cxm.parseQuantity(name), i);
  });
  assert.equal(cxm.methodName(11), null);
  assert.equal(cxm.quantityName(-1), null);
  for (const bad of ['Wilson', 'wilson_cc', ' wald', '', 'wald\0']) {
    assert.throws(() => cxm.parseMethod(bad), { code: 'CXM_ERR_ARG' }, JSON.stringify(bad));
  }
  assert.throws(() => cxm.parseQuantity('positive_share'), cxm.CxmArgumentError);
  // the headline words of the scale's text form, include/cxmetrics.h (cxm_headline_name)
  [[cxm.Headline.POSITIVE_SHARE, 'share'], [cxm.Headline.NET, 'net'], [cxm.Headline.MEAN, 'mean']]
    .forEach(([value, name]) => {
      assert.equal(cxm.headlineName(value), name);
      assert.equal(cxm.parseHeadline(name), value);
    });
  assert.equal(cxm.headlineName(0), null);
  assert.equal(cxm.headlineName(4), null);
  for (const bad of ['positive-share', 'Share', 'headline', '', 'net\0']) {
    assert.throws(() => cxm.parseHeadline(bad), cxm.CxmArgumentError, JSON.stringify(bad));
  }
  assert.throws(() => cxm.parseHeadline(2), TypeError);
  assert.throws(() => cxm.parseMethod(3), TypeError);
  assert.throws(() => cxm.methodName('3'), TypeError);
  assert.equal(cxm.statusName(-3), 'CXM_ERR_RANGE');
  assert.equal(cxm.statusName(7), 'CXM_UNKNOWN');
});

test('resolveMethod answers as the header\'s tables say (1.2)', () => {
  // include/cxmetrics.h, "Statistics": the default is the first method of the
  // quantity's row; HEADLINE is the scale's headline
  const cases = [
    ['nps', {}, ['net', 'adjusted-wald']],
    ['csat5', {}, ['positive-share', 'wilson']],
    ['ces7', {}, ['mean', 't']],
    ['nps', { quantity: 'negative-share', method: 'clopper-pearson' }, ['negative-share', 'clopper-pearson']],
    ['nps', { method: 'score' }, ['net', 'score']],
    ['csat5', { use: cxm.Use.COMPARE, method: 'wald' }, ['positive-share', 'wald']],
    ['csat5', { use: cxm.Use.WEIGHTED_INTERVAL }, ['positive-share', 'clopper-pearson']],
    ['csat5', { use: cxm.Use.WEIGHTED_INTERVAL, method: 'logit' }, ['positive-share', 'logit']],
    ['nps', { use: cxm.Use.WEIGHTED_COMPARE }, ['net', 'wald']],
    ['ces5', { use: cxm.Use.WEIGHTED_COMPARE, quantity: 4, method: 8 }, ['mean', 't']],
  ];
  for (const [scale, options, [quantity, method]] of cases) {
    assert.deepEqual(cxm.resolveMethod(scale, options), { quantity, method },
      `${scale} ${JSON.stringify(options)}`);
  }
  assert.ok(Object.isFrozen(cxm.resolveMethod('nps')));
  for (const options of [{ method: 't' }, { method: 'logit' }, { use: 5 }, { use: 0 },
    { quantity: 5 }, { use: cxm.Use.COMPARE, method: 'score' }]) {
    assert.throws(() => cxm.resolveMethod('nps', options), cxm.CxmArgumentError,
      JSON.stringify(options));
  }
  assert.throws(() => cxm.resolveMethod('1..500/4..5/1..2/mean'), cxm.CxmFormatError);
  assert.throws(() => cxm.resolveMethod(new cxm.Scale({ min: 1, max: 5, positiveMin: 4,
    positiveMax: 5, negativeMin: 3, negativeMax: 4, headline: 3 })), cxm.CxmScaleError);
});
