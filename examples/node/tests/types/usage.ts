// A TypeScript program that uses every class and function of cxmetrics, as
// its declarations (cxmetrics.d.ts) describe them: `tsc --strict` must accept
// it, and the program, run, checks that the values are what the declarations
// say (ctest's node_types against the tree, node_package against the packed
// and installed package). Expected numbers are the README's and R's, as in
// tests/worked.test.js.
import * as assert from 'node:assert/strict';
import * as cxm from 'cxmetrics';
import {
  Accumulator, AdjustName, Cell, Comparison, CxmError, CxmRangeError, Interval, Recorder, Resolved,
  Scale, Series, Snapshot, WeightedAccumulator,
} from 'cxmetrics';

const loaded: string = cxm.load(process.env.CXM_LIBRARY);
const { string, number }: { string: string; number: number } = cxm.version();
assert.equal(number, cxm.ABI_MAJOR * 10000 + Number(string.split('.')[1]) * 100);
assert.ok(loaded.length > 0);

// scales
const nps: Scale = Scale.preset(cxm.Preset.NPS);
const custom: Scale = new Scale({
  min: 1, max: 5, positiveMin: 4, positiveMax: 5, negativeMin: 1, negativeMax: 2,
  headline: cxm.Headline.POSITIVE_SHARE,
});
assert.equal(String(custom.check()), 'csat5');
assert.ok(Scale.parse('csat5').equals(custom) && Scale.from('nps').equals(nps));
assert.equal(nps.span, 11);
assert.equal(JSON.stringify({ scale: nps }), '{"scale":"nps"}');

// an accumulator, the README's numbers
const acc: Accumulator = new Accumulator('nps');
acc.addMany(Buffer.from([10, 9, 9, 8, 7, 10, 3, 9, 6, 10])).add(8, 30).add(9, 1n).remove(9, 1n);
acc.addMany(new Int32Array([])).addMany([]);
const s: Snapshot = acc.snapshot();
const n: bigint = s.n;
assert.equal(n, 40n);
assert.equal(cxm.headlineName(s.headline), 'net');
assert.equal(s.score.toFixed(1), '10.0');
const iv: Interval = acc.interval({ quantity: 'net', method: 'score', confidence: 0.9 });
assert.deepEqual([iv.quantity, iv.method, iv.low.toFixed(1), iv.high.toFixed(1)],
  ['net', 'score', '-1.9', '22.6']);
assert.equal(acc.interval().method, 'adjusted-wald');
const counts: Map<number, bigint> = acc.counts();
assert.equal(counts.get(8), 31n);
assert.equal(acc.count(10) + acc.total, 43n);
const other: Accumulator = Accumulator.parse('nps{0:3,6:1,9:10,10:4}');
const c: Comparison = acc.compare(other, { method: cxm.parseMethod('wald') });
assert.equal(c.df, Infinity);
assert.ok(c.pValue > 0 && c.pValue < 1);
const bytes: Buffer = acc.encode();
assert.ok(Accumulator.decode(bytes).equals(acc) && acc.clone().equals(acc));
assert.equal(`${acc.clone().merge(other).subtract(other)}`, `${acc}`);
const mem: Accumulator = Accumulator.inMemory('csat5').add(5);
assert.equal(Accumulator.footprint('csat5') > 0 && mem.toJSON(), 'csat5{5:1}');
mem.reset().close();
assert.ok(mem.closed && bytes.length <= cxm.ENCODED_MAX);
assert.ok(Accumulator.footprint('nps') <= cxm.ACC_FOOTPRINT_MAX);

// names and methods (1.2: resolveMethod, logit, jeffreys)
const resolved: Resolved = cxm.resolveMethod('csat5', { use: cxm.Use.COMPARE, method: 'wald' });
assert.deepEqual({ ...resolved }, { quantity: 'positive-share', method: 'wald' });
assert.equal(cxm.resolveMethod(nps).method, 'adjusted-wald');
assert.deepEqual([cxm.methodName(9), cxm.methodName(10), cxm.methodName(99)],
  ['logit', 'jeffreys', null]);
assert.equal(cxm.quantityName(cxm.parseQuantity('mean')), 'mean');
assert.equal(cxm.parseHeadline('share'), cxm.Headline.POSITIVE_SHARE);
assert.ok(cxm.statusName(-3) === 'CXM_ERR_RANGE' && cxm.statusMessage(-3).length > 0);

// a series
const days: Series = new Series('nps', 400, 100);
days.advance(101n).add(101, 9).add(100, 10, 2).remove(100, 10).addAccumulator(99, acc);
const month: Accumulator = days.sum(days.head as number - 29, 101);
assert.equal(month.total, 42n);
assert.equal(days.sum(100, 101, new Accumulator('nps')).total, 2n);
assert.ok(Series.decode(days.encode()).clone().merge(days).capacity === 400);
assert.ok(Series.footprint('nps', 400) > 0 && !days.closed);
Series.inMemory(nps, 7, 0).close();
assert.ok(cxm.SERIES_BUCKET_LIMIT === 2n ** 62n && cxm.SERIES_MAX_CAPACITY > 0);

// a weighted accumulator (1.2): the revenue-weighted NPS of docs/statistics.md
const revenue: WeightedAccumulator = WeightedAccumulator.parse(
  'nps[3:1/25/625,6:1/900/810000,7:1/300/90000,8:1/60/3600,9:3/730/248900,10:3/235/21625]');
const ws: Snapshot = revenue.snapshot();
assert.deepEqual([ws.n, ws.weightTotal, ws.net.toFixed(2)], [10n, 2250, '1.78']);
const nine: Cell = revenue.cell(9);
assert.deepEqual([nine.count, nine.weight, nine.squares], [3n, 730n, 248900n]);
assert.equal(revenue.totals().squares, 1174750n);
assert.equal(revenue.interval({ quantity: 'net', confidence: 0.9 }).se.toFixed(2), '49.15');
assert.equal(revenue.interval({ method: 'logit', quantity: 'positive-share' }).method, 'logit');
assert.equal(revenue.unweighted().snapshot().net, 40);
const other2: WeightedAccumulator = new WeightedAccumulator('nps').add(9, 100).add(3, 50).add(10, 7);
assert.equal(revenue.compare(other2, { quantity: 'net' }).method, 'wald');
assert.ok(WeightedAccumulator.decode(revenue.encode()).equals(revenue));
assert.equal(`${revenue.clone().merge(other2).subtract(other2)}`, `${revenue}`);
assert.equal(other2.remove(10, 7).reset().toJSON(), 'nps[]');
assert.ok(WeightedAccumulator.inMemory('nps').scale.equals(nps));
assert.ok(WeightedAccumulator.footprint('nps') > 0 && cxm.WACC_TEXT_MAX > cxm.WACC_ENCODED_MAX);
assert.equal(acc.snapshot().weightTotal, 40);
revenue.close();

// the recorder, adjusted p-values, sample sizes (1.2)
const recorder: Recorder = new Recorder('nps');
recorder.add(9).add(10, 2n);
assert.equal(`${recorder.collect()}`, 'nps{9:1,10:2}');
const shared: Recorder = Recorder.shared(nps);
const memory: SharedArrayBuffer | null = shared.memory;
assert.ok(memory !== null);
Recorder.attach(memory, 'nps').add(8);
assert.equal(shared.collect(new Accumulator('nps')).total, 1n);
assert.ok(Recorder.inMemory('nps').scale.equals(nps) && Recorder.footprint('nps') > 0);
recorder.close();
assert.ok(recorder.closed);
const holm: number[] = cxm.adjustP([0.01, 0.04, 0.03], 'holm');
assert.equal(holm.length, 3);
const bh: AdjustName | null = cxm.adjustName(cxm.parseAdjust('bh'));
assert.equal(bh, 'bh');
const needed: bigint = cxm.planSampleSize('nps', 5, { population: 2000, quantity: 'net' });
assert.equal(needed, 870n);
assert.equal(cxm.planSampleSize(nps, 5, { expected: acc, confidence: 0.9 }) > 0n, true);

// errors
try {
  acc.addMany([9, 10, 11]);
  assert.fail('rating 11 accepted');
} catch (e) {
  assert.ok(e instanceof CxmRangeError && e instanceof CxmError);
  const index: number | undefined = e.index;
  assert.deepEqual([e.code, e.status, index], ['CXM_ERR_RANGE', CxmRangeError.status, 2]);
}
assert.ok(cxm.errorFor(-11) instanceof cxm.CxmEmptyError);
for (const Class of [cxm.CxmNullError, cxm.CxmScaleError, cxm.CxmNoMemoryError,
  cxm.CxmOverflowError, cxm.CxmAbsentError, cxm.CxmMismatchError, cxm.CxmSizeError,
  cxm.CxmFormatError, cxm.CxmArgumentError, cxm.CxmWindowError]) {
  assert.ok(cxm.errorFor(Class.status) instanceof Class);
}
assert.throws(() => cxm.load('/nonexistent/libcxmetrics.so.1'), cxm.CxmLibraryError);
assert.equal(typeof cxm.native().cxm_acc_total, 'function');
assert.ok(cxm.PROTOTYPES.length > 0 && cxm.types.scale !== undefined && cxm.TEXT_MAX > 0);
assert.equal(cxm.SCALE_MAX_RATINGS, 101);

acc[Symbol.dispose]();
days.close();
console.log('usage.ts: every class and function, as declared');
