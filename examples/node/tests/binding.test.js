'use strict';
// The binding against the header it binds: every function declared with the
// header's own prototype, struct layouts, constants, version.
const test = require('node:test');
const assert = require('node:assert/strict');
const koffi = require('koffi');
const { cxm, header } = require('./helpers.js');

const normalize = (s) => s.replace(/\/\*.*?\*\//gs, '').replace(/\s+/g, ' ')
  .replace(/\s*([(),*])\s*/g, '$1').trim();

test('every public function is declared exactly as the header declares it', () => {
  const declared = new Map();
  for (const m of header.matchAll(/^CXM_API\s+([^;]*?\b(cxm_\w+)\([^;]*?\));/gms)) {
    declared.set(m[2], normalize(m[1]));
  }
  assert.ok(declared.size >= 57, `only ${declared.size} declarations found in the header`);
  const bound = new Map(cxm.PROTOTYPES.map((p) => [/\b(cxm_\w+)\(/.exec(p)[1], normalize(p)]));
  assert.deepEqual([...declared.keys()].filter((n) => !bound.has(n)), [], 'not bound');
  assert.deepEqual([...bound.keys()].filter((n) => !declared.has(n)), [], 'not in the header');
  for (const [name, prototype] of declared) {
    assert.equal(bound.get(name), prototype, name);
    assert.equal(typeof cxm.native()[name], 'function', name);
  }
});

test('struct layouts match the header (sizes and offsets of tests/test_snapshot.c, test_stats.c)', () => {
  assert.equal(koffi.sizeof(cxm.types.scale), 32);
  assert.equal(koffi.sizeof(cxm.types.snapshot), 104);
  assert.equal(koffi.sizeof(cxm.types.interval), 56);
  assert.equal(koffi.sizeof(cxm.types.comparison), 80);
  assert.equal(koffi.offsetof(cxm.types.snapshot, 'n'), 8);
  assert.equal(koffi.offsetof(cxm.types.comparison, 'p_value'), 56);
});

test('constants are the header\'s', () => {
  const define = (name) => {
    const m = new RegExp(`#define ${name} \\(?([^\\s)]+)`).exec(header);
    assert.ok(m, name);
    return m[1];
  };
  assert.equal(cxm.TEXT_MAX, Number(define('CXM_TEXT_MAX')));
  assert.equal(cxm.ENCODED_MAX, Number(define('CXM_ENCODED_MAX')));
  assert.equal(cxm.SERIES_MAX_CAPACITY, Number(define('CXM_SERIES_MAX_CAPACITY').replace('u', '')));
  assert.match(header, /#define CXM_SERIES_BUCKET_LIMIT \(\(int64_t\)1 << 62\)/);
  assert.equal(cxm.SERIES_BUCKET_LIMIT, 2n ** 62n);
  const enumValue = (name) => Number(new RegExp(`\\b${name} = (-?\\d+)`).exec(header)[1]);
  for (const [name, value] of Object.entries(cxm.Preset)) {
    assert.equal(value, enumValue(`CXM_PRESET_${name}`), name);
  }
  for (const [name, value] of Object.entries(cxm.Headline)) {
    assert.equal(value, enumValue(`CXM_HEADLINE_${name}`), name);
  }
  for (const m of header.matchAll(/\b(CXM_ERR_\w+) = (-\d+)/g)) {
    const error = cxm.errorFor(Number(m[2]));
    assert.equal(error.code, m[1]);
    assert.equal(error.constructor.status, Number(m[2]));
  }
});

test('version is the header\'s', () => {
  const part = (p) => Number(new RegExp(`#define CXM_VERSION_${p} (\\d+)`).exec(header)[1]);
  const { string, number } = cxm.version();
  assert.equal(string, `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`);
  assert.equal(number, part('MAJOR') * 10000 + part('MINOR') * 100 + part('PATCH'));
});

test('load() takes an explicit path and refuses a file that is not the library', () => {
  const path = process.env.CXM_LIBRARY;
  if (path) {
    assert.equal(cxm.load(path), path);
  }
  assert.throws(() => cxm.load('/nonexistent/libcxmetrics.so.1'));
  assert.equal(typeof cxm.version().number, 'number'); // the previous library stays
});

test('method and quantity names come from the library', () => {
  // the spelling of include/cxmetrics.h, section Statistics
  const methods = ['default', 'wilson', 'wilson-cc', 'agresti-coull', 'clopper-pearson', 'wald',
    'adjusted-wald', 'score', 't'];
  methods.forEach((name, i) => {
    assert.equal(cxm.methodName(i), name);
    assert.equal(cxm.parseMethod(name), i);
  });
  ['headline', 'positive-share', 'negative-share', 'net', 'mean'].forEach((name, i) => {
    assert.equal(cxm.quantityName(i), name);
    assert.equal(cxm.parseQuantity(name), i);
  });
  assert.equal(cxm.methodName(9), null);
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
