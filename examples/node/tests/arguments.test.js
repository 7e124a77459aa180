'use strict';
// One rule for bad arguments, in every method (lib/arguments.js): a value of
// the wrong type is a TypeError; an integer beyond what the C parameter holds
// gets the error the library gives for an invalid value of that argument
// (never wrapped into a valid one: koffi alone passes 2 ** 32 + 4 as 4);
// nothing is replaced by a default; a refused call changes nothing.
const test = require('node:test');
const assert = require('node:assert/strict');
const { cxm, nps } = require('./helpers.js');

const BEYOND_INT32 = [2 ** 31, 2 ** 32 + 4, -(2 ** 31) - 1, 2 ** 53 - 1];

test('options are an object of known options: interval("mean"), interval(null) (issue 20)', () => {
  const acc = nps(6, 3, 1);
  const other = nps(1, 1, 1);
  const before = acc.encode();
  for (const bad of ['mean', null, [], 5, true, 0n]) {
    assert.throws(() => acc.interval(bad), /^TypeError: cxmetrics: the options of interval\(\) are an object/,
      String(bad));
    assert.throws(() => acc.compare(other, bad), TypeError, String(bad));
    assert.throws(() => cxm.resolveMethod('nps', bad), TypeError, String(bad));
  }
  assert.throws(() => acc.interval({ quantiy: 'mean' }),
    { name: 'TypeError', message: 'cxmetrics: interval() has no option "quantiy" (its options: quantity, method, confidence)' });
  assert.throws(() => acc.compare(other, { confidence: 0.9, level: 0.9 }), TypeError);
  assert.throws(() => cxm.resolveMethod('nps', { confidence: 0.9 }), TypeError);
  // what is accepted: nothing, an empty object, undefined options
  assert.deepEqual(acc.interval(), acc.interval({}));
  assert.deepEqual(acc.interval({ quantity: undefined }), acc.interval());
  assert.deepEqual(acc.encode(), before);
});

test('quantity, method, preset and use numbers beyond int32 are refused, not wrapped (issue 20)', () => {
  const acc = nps(6, 3, 1);
  const other = nps(1, 1, 1);
  const before = acc.encode();
  for (const big of BEYOND_INT32) {
    for (const call of [
      () => acc.interval({ quantity: big }),
      () => acc.interval({ method: big }),
      () => acc.compare(other, { quantity: big }),
      () => acc.compare(other, { method: big }),
      () => cxm.resolveMethod('nps', { quantity: big }),
      () => cxm.resolveMethod('nps', { use: big }),
      () => cxm.Scale.preset(big),
    ]) {
      assert.throws(call, cxm.CxmArgumentError, `${big}: ${call}`);
    }
    assert.equal(cxm.methodName(big), null);
    assert.equal(cxm.quantityName(big), null);
    assert.equal(cxm.headlineName(big), null);
    assert.throws(() => new cxm.Scale({ min: 1, max: 5, positiveMin: 4, positiveMax: 5,
      negativeMin: 1, negativeMax: 2, headline: big }), cxm.CxmScaleError);
    assert.throws(() => acc.add(big), cxm.CxmRangeError);
  }
  // 2 ** 32 + 4 was the mean's interval (4 = CXM_QUANTITY_MEAN) in 1.1; the
  // largest int32 passes through, and the library refuses it
  assert.throws(() => acc.interval({ quantity: 2 ** 31 - 1 }), cxm.CxmArgumentError);
  assert.deepEqual(acc.encode(), before);
});

test('wrong types are TypeErrors, before any call', () => {
  const acc = nps(6, 3, 1);
  const other = nps(1, 1, 1);
  const before = acc.encode();
  for (const bad of [1.5, true, 4n, null, {}, [1], NaN]) {
    for (const call of [
      () => acc.interval({ quantity: bad }),
      () => acc.interval({ method: bad }),
      () => acc.compare(other, { quantity: bad }),
      () => cxm.resolveMethod('nps', { method: bad }),
      () => cxm.resolveMethod('nps', { use: bad }),
      () => cxm.Scale.preset(bad),
      () => cxm.methodName(bad),
    ]) {
      assert.throws(call, TypeError, `${String(bad)}: ${call}`);
    }
  }
  for (const bad of ['0.95', null, true, 1n, [0.9]]) {
    assert.throws(() => acc.interval({ confidence: bad }), TypeError, String(bad));
    assert.throws(() => acc.compare(other, { confidence: bad }), TypeError, String(bad));
  }
  for (const bad of [5, null, undefined, {}, Buffer.from('nps'), new cxm.Series('nps', 2, 0)]) {
    for (const call of [
      () => acc.merge(bad), () => acc.subtract(bad), () => acc.compare(bad), () => acc.equals(bad),
      () => new cxm.Accumulator(bad), () => cxm.Accumulator.inMemory(bad),
      () => cxm.Accumulator.footprint(bad), () => new cxm.Series(bad, 7, 0),
      () => new cxm.Series('nps', 7, 0).addAccumulator(0, bad), () => cxm.resolveMethod(bad),
    ]) {
      assert.throws(call, TypeError, `${String(bad)}: ${call}`);
    }
  }
  assert.throws(() => new cxm.Series('nps', 7, 0).sum(0, 0, null), TypeError);
  assert.throws(() => new cxm.Series('nps', 7, 0).merge(acc), TypeError);
  for (const bad of ['nps{}', 5, null, [1, 2]]) {
    assert.throws(() => cxm.Accumulator.decode(bad), TypeError);
    assert.throws(() => cxm.Series.decode(bad), TypeError);
  }
  assert.throws(() => new cxm.Scale(null), TypeError);
  assert.throws(() => new cxm.Scale('nps'), TypeError);
  assert.deepEqual(acc.encode(), before);
});

test('a wrong state is named with its article: an Accumulator, a WeightedAccumulator', () => {
  const acc = new cxm.Accumulator('nps');
  const weighted = new cxm.WeightedAccumulator('nps');
  assert.throws(() => acc.merge(5), { name: 'TypeError', message: 'cxmetrics: expected an Accumulator, not 5 (number)' });
  assert.throws(() => weighted.merge(acc),
    { name: 'TypeError', message: 'cxmetrics: expected a WeightedAccumulator, not nps{} (object)' });
  assert.throws(() => weighted.unweighted(weighted),
    { name: 'TypeError', message: 'cxmetrics: expected an Accumulator, not nps[] (object)' });
});

test('a confidence outside (0, 1) is the library\'s CxmArgumentError', () => {
  const acc = nps(6, 3, 1);
  for (const confidence of [0, 1, 1.5, -0.5, NaN, Infinity]) {
    assert.throws(() => acc.interval({ confidence }), cxm.CxmArgumentError, String(confidence));
  }
});
