'use strict';
// Worked examples against numbers from outside the library: docs/metrics.md's
// hand-worked examples and R 4.2.2 (prop.test, t.test, sd), as tabulated in
// tests/test_snapshot.c and tests/test_stats.c (tests/reference/*.R).
const test = require('node:test');
const assert = require('node:assert/strict');
const { cxm, preset, close, nps, share, ULPS } = require('./helpers.js');

test('NPS: 60 promoters, 30 passives, 10 detractors (docs/metrics.md) -> 50, adjusted Wald from R', () => {
  const acc = nps(60, 30, 10);
  const s = acc.snapshot();
  acc.close();
  assert.equal(s.headline, cxm.Headline.NET);
  assert.deepEqual([s.n, s.positive, s.neutral, s.negative], [100n, 60n, 30n, 10n]);
  assert.deepEqual([s.positiveShare, s.negativeShare, s.net, s.score], [60, 10, 50, 50]);
  close(s.mean, 8.4000000000000004, ULPS);
  close(s.stddev, 2.9541957835039856, ULPS);
  close(s.scoreLow, 35.466591938667477);
  close(s.scoreHigh, 61.620786702109207);
  assert.ok(Object.isFrozen(s));
});

test('CSAT: counts 15, 5, 10, 30, 40 (docs/metrics.md) -> 70, Wilson from prop.test', () => {
  const acc = new cxm.Accumulator(preset('CSAT_5'));
  [15, 5, 10, 30, 40].forEach((c, i) => acc.add(i + 1, c));
  const s = acc.snapshot();
  const neg = acc.interval({ quantity: 'negative-share' });
  assert.equal(s.headline, cxm.Headline.POSITIVE_SHARE);
  assert.deepEqual([s.score, s.mean], [70, 3.75]);
  close(s.stddev, 1.4168894655461863, ULPS);
  close(s.scoreLow, 60.415145366653334); // prop.test(70, 100, correct = FALSE)
  close(s.scoreHigh, 78.105114705067223);
  assert.deepEqual([neg.quantity, neg.method, neg.estimate], ['negative-share', 'wilson', 20]);
  close(neg.low, 13.33669333310325); // prop.test(20, 100, correct = FALSE)
  close(neg.high, 28.882916559315884);
});

test('CES mean and its t interval (t.test)', () => {
  const acc = new cxm.Accumulator(preset('CES_7')).addMany([1, 2, 3, 4, 5, 6, 7, 7, 7, 2, 3]);
  const s = acc.snapshot();
  const iv = acc.interval({ quantity: 'mean', method: 't', confidence: 0.95 });
  close(s.score, 4.2727272727272725, ULPS);
  close(s.stddev, 2.2401298663653004, ULPS);
  close(s.scoreLow, 2.7677875510988605);
  close(s.scoreHigh, 5.7776669943556849);
  assert.deepEqual([iv.low, iv.high], [s.scoreLow, s.scoreHigh]);
});

test('interval methods by name and by number', () => {
  const acc = share(70, 100);
  const wald = acc.interval({ quantity: 'positive-share', method: 'wald' });
  const cc = acc.interval({ quantity: 1, method: cxm.parseMethod('wilson-cc') });
  close(wald.low, 61.018316681457939);
  close(wald.high, 78.981683318542053);
  close(wald.se, 4.5825756949558407);
  assert.equal(cc.method, 'wilson-cc');
  close(cc.low, 59.893957565480719); // prop.test(70, 100)
  close(cc.high, 78.545743007093861);
  close(nps(60, 30, 10).interval({ quantity: 'net', method: 'score' }).low, 35.569193648489254, 1e-11);
});

test('an empty accumulator gives NaN, never a fake 0', () => {
  const s = new cxm.Accumulator(preset('NPS')).snapshot();
  assert.equal(s.n, 0n);
  for (const v of [s.positiveShare, s.net, s.mean, s.score, s.scoreLow, s.scoreHigh]) {
    assert.ok(Number.isNaN(v));
  }
});

test('compare: 70/100 vs 60/100 (docs/statistics.md; prop.test X-squared = 2.1978, p = 0.13821)', () => {
  const c = share(70, 100).compare(share(60, 100));
  const w = share(70, 100).compare(share(60, 100), { quantity: 'positive-share', method: 'wald' });
  assert.deepEqual([c.quantity, c.method], ['positive-share', 'wilson']);
  close(c.difference, 10, 1e-14);
  close(c.statistic ** 2, 2.197802197802198);
  assert.equal(c.df, Infinity);
  close(c.pValue, 0.13820766697402617);
  close(c.low, -3.1890373925969442); // Newcombe hybrid
  close(c.high, 22.717225103721752);
  close(w.pValue, 0.13603712811414365);
  const n = nps(60, 30, 10).compare(nps(40, 15, 25));
  assert.deepEqual([n.quantity, n.method], ['net', 'adjusted-wald']);
  close(n.difference, 50 - 18.75, 1e-14);
  close(n.se, 11.709514737410103);
  close(n.pValue, 0.0092607036576098679);
});

test('compare means: Welch t (t.test)', () => {
  const a = new cxm.Accumulator(preset('CES_7'));
  const b = new cxm.Accumulator(preset('CES_7'));
  [1, 2, 3, 4, 5, 6, 7].forEach((x, i) => a.add(i + 1, x));
  [5, 4, 3, 2, 1, 1, 1].forEach((y, i) => b.add(i + 1, y));
  const c = a.compare(b);
  assert.deepEqual([c.quantity, c.method], ['mean', 't']);
  close(c.statistic, 3.9004434192933912);
  close(c.df, 32.712614641840673);
  close(c.pValue, 0.00045065707899453734);
});

// Until the library that computes it is merged, its table of methods refuses
// jeffreys for a share, and the test says it is skipped.
function computesJeffreys() {
  try {
    return cxm.resolveMethod('csat2', { method: 'jeffreys' }).method === 'jeffreys';
  } catch (e) {
    if (e instanceof cxm.CxmArgumentError) {
      return false;
    }
    throw e;
  }
}

test('Jeffreys: R\'s qbeta(c(a/2, 1 - a/2), x + 0.5, n - x + 0.5), 0 and 100 exactly at the ends', {
  skip: !computesJeffreys() && 'the library does not compute Jeffreys intervals yet',
}, () => {
  // R 4.2.2; the limit is exactly 0 at x = 0 and exactly 100 at x = n (include/cxmetrics.h)
  const cases = [[7, 10, 0.95, 39.41816818513287, 90.73054060618469],
    [70, 100, 0.99, 57.468686123325284, 80.676466770484410],
    [0, 20, 0.90, 0, 9.0476426537872249867],
    [20, 20, 0.90, 90.952357346212764, 100]];
  for (const [x, n, confidence, low, high] of cases) {
    const iv = share(x, n).interval({ quantity: 'positive-share', method: 'jeffreys', confidence });
    assert.deepEqual([iv.method, iv.estimate], ['jeffreys', (100 * x) / n]);
    for (const [got, want] of [[iv.low, low], [iv.high, high]]) {
      if (want === 0 || want === 100) {
        assert.equal(got, want);
      } else {
        close(got, want);
      }
    }
  }
  // se as Wilson's: sqrt(p (1 - p) / n)
  close(share(7, 10).interval({ quantity: 'positive-share', method: 'jeffreys' }).se, 14.491376746189438);
  assert.equal(cxm.resolveMethod('csat2', { method: 'jeffreys' }).method, 'jeffreys');
  assert.throws(() => cxm.resolveMethod('nps', { quantity: 'net', method: 'jeffreys' }),
    cxm.CxmArgumentError);
});
