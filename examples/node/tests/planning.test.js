'use strict';
// Adjusted p-values (cxm_adjust_p) and sample sizes (cxm_plan_sample_size),
// since 1.2, against the C suites' references: R's p.adjust
// (tests/reference/adjust.R, which wrote adjust_cases.h) and R's qnorm with
// the formulas of the header (tests/reference/plan.R, plan_cases.h).
const test = require('node:test');
const assert = require('node:assert/strict');
const { cxm, nps } = require('./helpers.js');
const references = require('./references.js');

const METHODS = ['bonferroni', 'holm', 'hochberg', 'bh', 'by'];

test('adjustP gives R\'s p.adjust to the bit, every case, every method', () => {
  const tables = references.read('adjust_cases.h');
  const cases = Object.keys(tables).filter((n) => n.endsWith('_p')).map((n) => n.slice(0, -2));
  assert.ok(cases.length >= 10);
  for (const name of cases) {
    for (const method of METHODS) {
      const got = cxm.adjustP(tables[`${name}_p`], method);
      const want = tables[`${name}_${method}`];
      assert.equal(got.length, want.length);
      got.forEach((value, i) => {
        assert.ok(Object.is(value, want[i]), `${name} ${method} [${i}]: ${value} != ${want[i]}`);
      });
    }
  }
});

test('adjustment names and numbers are the library\'s', () => {
  // include/cxmetrics.h: CXM_ADJUST_BONFERRONI = 1 ... CXM_ADJUST_BY = 5
  METHODS.forEach((name, i) => {
    assert.equal(cxm.adjustName(i + 1), name);
    assert.equal(cxm.parseAdjust(name), i + 1);
    assert.deepEqual(cxm.adjustP([0.01, 0.02], i + 1), cxm.adjustP([0.01, 0.02], name));
  });
  for (const unknown of [0, 6, -1, 2 ** 40]) {
    assert.equal(cxm.adjustName(unknown), null);
  }
  for (const bad of ['BH', 'fdr', '', 'bh ']) {
    assert.throws(() => cxm.parseAdjust(bad), cxm.CxmArgumentError);
  }
});

test('adjustP refuses what R would not take', () => {
  // bonferroni: 0.01 * 2 = 0.02, worked by hand; an empty list is a no-op
  assert.deepEqual(cxm.adjustP(new Float64Array([0.01, 1]), 'bonferroni'), [0.02, 1]);
  assert.deepEqual(cxm.adjustP([], 'holm'), []);
  for (const p of [[0.5, 1.5], [-0.1], [Infinity]]) {
    assert.throws(() => cxm.adjustP(p, 'bh'), cxm.CxmArgumentError, String(p));
  }
  for (const method of [0, 6, 2 ** 32 + 4, 'BH']) {
    assert.throws(() => cxm.adjustP([0.5], method), cxm.CxmArgumentError, String(method));
  }
  for (const p of [['0.5'], [null], [true], [1n], '0.5', 0.5, null]) {
    assert.throws(() => cxm.adjustP(p, 'bh'), TypeError, String(p));
  }
  for (const method of [null, undefined, 4.5, true, 4n]) {
    assert.throws(() => cxm.adjustP([0.5], method), TypeError, String(method));
  }
});

test('adjustP names the refused p-value or the unknown method', () => {
  // include/cxmetrics.h: a p-value outside [0, 1] that is not NaN, or an
  // unknown method, is CXM_ERR_ARG; NaN stays NaN.
  const valid = 'valid: bonferroni, holm, hochberg, bh, by';
  const refused = [
    [[0.01, 1.5, -0.2], 'bh', 'the p-value at index 1 is 1.5, outside [0, 1]'],
    [[NaN, -0.25], 'holm', 'the p-value at index 1 is -0.25, outside [0, 1]'],
    [[0.5, Infinity], 1, 'the p-value at index 1 is Infinity, outside [0, 1]'],
    [[0.5], 'fdr', `unknown method "fdr"; ${valid}`],
    [[0.5, 2], 6, `unknown method 6; ${valid}`],
    [[], 0, `unknown method 0; ${valid}`],
  ];
  for (const [p, method, detail] of refused) {
    assert.throws(() => cxm.adjustP(p, method), (e) => e instanceof cxm.CxmArgumentError &&
      e.message === `${e.statusMessage.replace(/\.$/, '')} (${detail})`, detail);
  }
  assert.throws(() => cxm.parseAdjust('BH'), { message: /\(unknown method "BH"; valid: bonferroni, holm, hochberg, bh, by\)$/ });
  assert.ok(Number.isNaN(cxm.adjustP([NaN, 0.01], 'holm')[0]));
});

test('planSampleSize gives R\'s answer in every case', () => {
  const cases = references.read('plan_cases.h').plan_cases;
  assert.ok(cases.length >= 20);
  for (const [preset, hasPilot, counts, quantity, confidence, halfWidth, population, n] of cases) {
    const scale = cxm.Scale.preset(preset);
    const expected = hasPilot ? new cxm.Accumulator(scale) : undefined;
    counts.forEach((count, i) => hasPilot && expected.add(scale.min + i, count));
    assert.equal(cxm.planSampleSize(scale, halfWidth, { quantity, confidence, expected, population }),
      BigInt(n), `${preset} ${counts} ${quantity} ${halfWidth}`);
  }
});

test('planSampleSize: the worked examples of docs/statistics.md, and every refusal', () => {
  // worst-case NPS, +-5 points at 95 %: 1 537 answers; of 2 000 customers: 870
  assert.equal(cxm.planSampleSize('nps', 5), 1537n);
  assert.equal(cxm.planSampleSize('nps', 5, { population: 2000n }), 870n);
  const same = new cxm.Accumulator('nps').add(10, 50); // sigma^2 = 0 gives 1
  assert.equal(cxm.planSampleSize('nps', 1, { expected: same }), 1n);
  const pilot = nps(6, 3, 1);
  for (const halfWidth of [0, -1, NaN]) {
    assert.throws(() => cxm.planSampleSize('nps', halfWidth), cxm.CxmArgumentError);
  }
  for (const confidence of [0, 1, NaN]) {
    assert.throws(() => cxm.planSampleSize('nps', 5, { confidence }), cxm.CxmArgumentError);
  }
  for (const quantity of [5, 2 ** 32 + 3, 'share']) {
    assert.throws(() => cxm.planSampleSize('nps', 5, { quantity }), cxm.CxmArgumentError);
  }
  for (const population of [-1, 2n ** 64n]) {
    assert.throws(() => cxm.planSampleSize('nps', 5, { population }), cxm.CxmArgumentError);
  }
  assert.throws(() => cxm.planSampleSize('csat5', 5, { expected: pilot }), cxm.CxmMismatchError);
  assert.throws(() => cxm.planSampleSize('nps', 5, { expected: new cxm.Accumulator('nps') }),
    cxm.CxmEmptyError);
  assert.throws(() => cxm.planSampleSize('nps', 0.5, { quantity: 'mean', expected: nps(1, 0, 0) }),
    cxm.CxmEmptyError);
  assert.throws(() => cxm.planSampleSize('nps', 1e-300), cxm.CxmOverflowError);
  for (const bad of ['5', null, undefined, true, 5n]) {
    assert.throws(() => cxm.planSampleSize('nps', bad), TypeError, String(bad));
  }
  for (const bad of [1.5, '0', null]) {
    assert.throws(() => cxm.planSampleSize('nps', 5, { population: bad }), TypeError, String(bad));
  }
  for (const bad of ['nps{}', 5, null, new cxm.Series('nps', 1, 0)]) {
    assert.throws(() => cxm.planSampleSize('nps', 5, { expected: bad }), TypeError, String(bad));
  }
  assert.throws(() => cxm.planSampleSize('nps', 5, 'net'), TypeError);
  assert.throws(() => cxm.planSampleSize('nps', 5, { halfWidth: 5 }), TypeError);
  assert.throws(() => cxm.planSampleSize(5, 5), TypeError);
  assert.equal(pilot.total, 10n);
});
