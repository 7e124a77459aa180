'use strict';
// The weighted accumulator (cxm_wacc, since 1.2) against the C suite's
// references: R's survey package (tests/reference/weighted.R, which wrote
// weighted_cases.h) and the revenue-weighted NPS worked in
// docs/statistics.md. Every refusal leaves the state byte for byte as it was.
const test = require('node:test');
const assert = require('node:assert/strict');
const { cxm, close } = require('./helpers.js');
const references = require('./references.js');

const R_REL = 1e-9; // survey prints 17 digits (as tests/test_wacc_stats.c)
const M = 2 ** 32 - 1; // the largest weight
const BM = BigInt(M);
const REVENUE = 'nps[3:1/25/625,6:1/900/810000,7:1/300/90000,8:1/60/3600,9:3/730/248900,' +
  '10:3/235/21625]';

const tables = references.read('weighted_cases.h');

function sample(index) {
  const [, preset, responses, n] = tables.weighted_samples[index];
  const w = new cxm.WeightedAccumulator(cxm.Scale.preset(preset));
  for (const [rating, weight] of tables[responses]) {
    w.add(rating, weight);
  }
  assert.equal(w.totals().count, BigInt(n));
  return w;
}

function near(got, want, rel = R_REL) {
  if (Math.abs(want) < 1e-300) { // a clipped limit is 0 exactly
    assert.ok(Math.abs(got) < 1e-300, `${got} != ${want}`);
  } else {
    close(got, want, rel);
  }
}

test('intervals: survey\'s svyciprop and confint, every case', () => {
  const cases = tables.weighted_interval_cases;
  assert.ok(cases.length > 100);
  for (const [index, quantity, method, confidence, estimate, se, low, high] of cases) {
    const iv = sample(index).interval({ quantity, method, confidence });
    assert.deepEqual([iv.quantity, iv.method], [cxm.quantityName(quantity), cxm.methodName(method)]);
    near(iv.estimate, estimate, 1e-13);
    near(iv.se, se);
    near(iv.low, low);
    near(iv.high, high);
  }
  for (const [index, quantity, confidence, low, high] of tables.weighted_logit_cases) {
    const iv = sample(index).interval({ quantity, method: 'logit', confidence });
    close(iv.low, low, 1e-7); // survey's fit converges to about 1e-8
    close(iv.high, high, 1e-7);
  }
});

test('comparisons and snapshots: survey, every case', () => {
  for (const [a, b, quantity, confidence, ...want] of tables.weighted_compare_cases) {
    const got = sample(a).compare(sample(b), { quantity, confidence });
    assert.equal(got.method, cxm.quantityName(quantity) === 'mean' ? 't' : 'wald');
    ['difference', 'se', 'statistic', 'df', 'pValue', 'low', 'high']
      .forEach((field, i) => near(got[field], want[i]));
  }
  for (const [index, stddev, nEffective] of tables.weighted_spread_cases) {
    const w = sample(index);
    const s = w.snapshot();
    close(s.stddev, stddev, 1e-13);
    close(s.nEffective, nEffective, 1e-13);
    const iv = w.interval();
    assert.deepEqual([s.score, s.scoreLow, s.scoreHigh], [iv.estimate, iv.low, iv.high]);
  }
});

test('the revenue-weighted NPS of docs/statistics.md', () => {
  const w = cxm.WeightedAccumulator.parse(REVENUE);
  const s = w.snapshot();
  assert.deepEqual([s.headline, s.n, s.positive, s.neutral, s.negative, s.weightTotal],
    [cxm.Headline.NET, 10n, 6n, 2n, 2n, 2250]);
  close(s.net, (100 * 40) / 2250, 1e-15); // +1.78
  close(s.nEffective, (2250 * 2250) / 1174750, 1e-15); // 4.31
  assert.deepEqual([s.scoreLow, s.scoreHigh], [-100, 100]); // t(9) se: clipped
  const iv = w.interval({ quantity: 'net', confidence: 0.9 });
  assert.deepEqual([iv.method, iv.se.toFixed(2), iv.low.toFixed(2), iv.high.toFixed(2)],
    ['wald', '49.15', '-88.32', '91.88']);
  assert.equal(w.unweighted().snapshot().net, 40); // without weights: NPS 40
  assert.deepEqual(w.cell(9), { count: 3n, weight: 730n, squares: 248900n });
  assert.deepEqual(w.totals(), { count: 10n, weight: 2250n, squares: 1174750n });
});

test('exact sums past 2^64 and round trips', () => {
  const w = new cxm.WeightedAccumulator('nps').add(9, M).add(9, M).add(0, 1);
  assert.deepEqual(w.cell(9), { count: 2n, weight: 2n * BM, squares: 2n * BM * BM });
  assert.equal(String(w), `nps[0:1/1/1,9:2/${2n * BM}/${2n * BM * BM}]`);
  for (const back of [cxm.WeightedAccumulator.parse(String(w)),
    cxm.WeightedAccumulator.decode(w.encode()), w.clone(), w.clone().merge(w).subtract(w)]) {
    assert.ok(back.equals(w));
  }
  assert.ok(w.encode().length <= cxm.WACC_ENCODED_MAX);
  w.remove(9, M);
  assert.deepEqual(w.cell(9), { count: 1n, weight: BM, squares: BM * BM });
  assert.equal(w.subtract(w).toJSON(), 'nps[]');
  assert.equal(cxm.WeightedAccumulator.inMemory('csat5').add(5, 3).snapshot().weightTotal, 3);
  assert.equal(cxm.WeightedAccumulator.footprint('nps'), 48 + 32 * 11); // the header's
  const empty = new cxm.WeightedAccumulator('nps').snapshot();
  assert.ok(empty.n === 0n && Number.isNaN(empty.weightTotal) && Number.isNaN(empty.score));
  const plain = cxm.Accumulator.parse('nps{9:2,10:1}').snapshot(); // n in both new fields
  assert.deepEqual([plain.weightTotal, plain.nEffective], [3, 3]);
});

test('a refused weight or rating is named with the response', () => {
  // include/cxmetrics.h, cxm_wacc_add: weight 1 .. 2^32 - 1; CXM_ERR_RANGE for
  // a rating outside the scale, then CXM_ERR_ARG for weight 0, in that order.
  // A weight no uint32_t holds is refused before the call, as the FFI would
  // wrap it.
  const w = new cxm.WeightedAccumulator('nps').add(9, M);
  const arg = cxm.CxmArgumentError;
  const cases = [
    [() => w.add(9, 0), arg, 'rating 9, weight 0'],
    [() => w.remove(9, 0), arg, 'rating 9, weight 0'],
    [() => w.add(11, 0), cxm.CxmRangeError, 'rating 11, weight 0'],
    [() => w.remove(4, 7), cxm.CxmAbsentError, 'rating 4, weight 7'],
    [() => w.add(9, -1), arg, 'weight -1 is not in 1 .. 2^32 - 1'],
    [() => w.add(9, 2 ** 32), arg, 'weight 4294967296 is not in 1 .. 2^32 - 1'],
    [() => w.remove(9, 2 ** 32 + 5), arg, 'weight 4294967301 is not in 1 .. 2^32 - 1'],
  ];
  for (const [call, Class, detail] of cases) {
    assert.throws(call, (e) => e instanceof Class &&
      e.message === `${e.statusMessage.replace(/\.$/, '')} (${detail})`, detail);
  }
  assert.deepEqual(w.add(9, 1).cell(9), { count: 2n, weight: BigInt(M) + 1n, squares: BigInt(M) ** 2n + 1n });
});

test('every refusal changes nothing', () => {
  const w = cxm.WeightedAccumulator.parse(REVENUE);
  const before = w.encode();
  const other = new cxm.WeightedAccumulator('csat5').add(5, 1);
  const refusals = [
    [cxm.CxmArgumentError, () => w.add(9, 0)],
    [cxm.CxmArgumentError, () => w.add(9, -1)],
    [cxm.CxmArgumentError, () => w.add(9, 2 ** 32)],
    [cxm.CxmArgumentError, () => w.remove(9, 0)],
    [cxm.CxmRangeError, () => w.add(11, 1)],
    [cxm.CxmRangeError, () => w.add(2 ** 32 + 9, 1)],
    [cxm.CxmRangeError, () => w.cell(-1)],
    [cxm.CxmAbsentError, () => w.remove(4, 1)],
    [cxm.CxmAbsentError, () => w.remove(9, 731)],
    [cxm.CxmAbsentError, () => w.subtract(w.clone().merge(w))],
    [cxm.CxmMismatchError, () => w.merge(other)],
    [cxm.CxmMismatchError, () => w.compare(other)],
    [cxm.CxmMismatchError, () => w.unweighted(new cxm.Accumulator('csat5'))],
    [cxm.CxmEmptyError, () => w.compare(new cxm.WeightedAccumulator('nps'))],
    [cxm.CxmEmptyError, () => other.interval()],
    [cxm.CxmArgumentError, () => w.interval({ quantity: 'net', method: 'clopper-pearson' })],
    [cxm.CxmArgumentError, () => w.interval({ confidence: 1 })],
    [cxm.CxmArgumentError, () => w.interval({ quantity: 2 ** 32 + 1 })],
    [cxm.CxmFormatError, () => cxm.WeightedAccumulator.parse('nps{9:1}')],
    [cxm.CxmFormatError, () => cxm.WeightedAccumulator.parse('nps[9:2/1/1]')],
    [cxm.CxmFormatError, () => cxm.WeightedAccumulator.decode(new cxm.Accumulator('nps').encode())],
    [TypeError, () => w.add(9.5, 1)],
    [TypeError, () => w.add(9, 1.5)],
    [TypeError, () => w.add(9, '2')],
    [TypeError, () => w.add(9, 2n)],
    [TypeError, () => w.add(9)],
    [TypeError, () => w.merge(new cxm.Accumulator('nps'))],
    [TypeError, () => w.unweighted(w)],
    [TypeError, () => w.interval('net')],
    [TypeError, () => w.interval({ confidence: '0.9' })],
    [TypeError, () => cxm.WeightedAccumulator.parse(Buffer.from('nps[]'))],
    [TypeError, () => new cxm.WeightedAccumulator(5)],
  ];
  refusals.forEach(([Class, call], i) => assert.throws(call, Class, `refusal ${i}`));
  assert.deepEqual(w.encode(), before);
  const zero = new cxm.WeightedAccumulator('nps').add(9, 5).add(10, 2); // no logit at a share of 0
  assert.throws(() => zero.interval({ quantity: 'negative-share', method: 'logit' }), cxm.CxmEmptyError);
});

test('overflow: the weights of all ratings sum to at most UINT64_MAX', () => {
  // 2^32 + 1 responses of the largest weight sum to exactly UINT64_MAX
  const full = cxm.WeightedAccumulator.parse(
    `nps[9:${2n ** 32n + 1n}/${2n ** 64n - 1n}/${(2n ** 64n - 1n) * BM}]`);
  const before = full.encode();
  assert.throws(() => full.add(0, 1), cxm.CxmOverflowError);
  assert.throws(() => full.merge(full), cxm.CxmOverflowError);
  const into = new cxm.Accumulator('nps').add(0, 2n ** 64n - 2n ** 32n);
  assert.throws(() => full.unweighted(into), cxm.CxmOverflowError);
  assert.deepEqual([full.encode(), into.total], [before, 2n ** 64n - 2n ** 32n]);
});
