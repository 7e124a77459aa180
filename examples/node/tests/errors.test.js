'use strict';
// Every status is its own Error subclass carrying the library's name and
// sentence, and a failed call changes nothing. Values that an FFI would
// silently truncate or wrap are a TypeError before any call.
const test = require('node:test');
const assert = require('node:assert/strict');
const { cxm, preset, nps } = require('./helpers.js');

const UINT64_MAX = 2n ** 64n - 1n;

function throwsStatus(Class, code, call) {
  let caught;
  assert.throws(call, (e) => { caught = e; return true; });
  assert.ok(caught instanceof Class, `${caught} is not a ${Class.name}`);
  assert.ok(caught instanceof cxm.CxmError);
  assert.ok(caught instanceof Error);
  assert.equal(caught.code, code);
  assert.equal(caught.status, Class.status);
  assert.equal(caught.name, Class.name);
  assert.equal(caught.statusMessage, cxm.statusMessage(Class.status));
  assert.ok(caught.message.startsWith(caught.statusMessage.replace(/\.$/, '')));
  return caught;
}

test('each status raises its own Error subclass; state stays unchanged', () => {
  const acc = nps(6, 3, 1);
  const before = acc.encode();
  const csat = new cxm.Accumulator(preset('CSAT_5'));
  const raw = cxm.native();
  // NULL: the binding never passes one; the raw call shows the mapping.
  throwsStatus(cxm.CxmNullError, 'CXM_ERR_NULL', () => { throw cxm.errorFor(raw.cxm_acc_reset(null)); });
  const overlapping = { min: 1, max: 5, positiveMin: 4, positiveMax: 5, negativeMin: 3,
    negativeMax: 4, headline: cxm.Headline.MEAN };
  throwsStatus(cxm.CxmScaleError, 'CXM_ERR_SCALE', () => new cxm.Accumulator(new cxm.Scale(overlapping)));
  throwsStatus(cxm.CxmScaleError, 'CXM_ERR_SCALE',
    () => new cxm.Scale({ ...overlapping, max: 500, negativeMax: 2 }).check());
  throwsStatus(cxm.CxmScaleError, 'CXM_ERR_SCALE', () => new cxm.Scale({ ...overlapping, max: 2 ** 40 }));
  throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE', () => acc.add(11));
  throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE', () => acc.add(2 ** 40));
  throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE', () => acc.count(-1));
  throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE', () => acc.remove(-1));
  assert.equal(throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE', () => acc.addMany([1, 2, 99])).index, 2);
  assert.equal(throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE', () => acc.addMany(Buffer.from([1, 11]))).index, 1);
  assert.equal(throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE', () => acc.addMany([1, 2 ** 33])).index, 1);
  assert.equal(throwsStatus(cxm.CxmRangeError, 'CXM_ERR_RANGE',
    () => acc.addMany(new Int32Array([5, -1, 5]))).index, 1);
  // NOMEM cannot be provoked from here; the mapping is what is tested.
  throwsStatus(cxm.CxmNoMemoryError, 'CXM_ERR_NOMEM', () => { throw cxm.errorFor(-4); });
  const full = new cxm.Accumulator(preset('NPS')).add(10, UINT64_MAX);
  throwsStatus(cxm.CxmOverflowError, 'CXM_ERR_OVERFLOW', () => full.add(9));
  throwsStatus(cxm.CxmOverflowError, 'CXM_ERR_OVERFLOW', () => full.merge(acc));
  throwsStatus(cxm.CxmOverflowError, 'CXM_ERR_OVERFLOW', () => acc.add(9, 2n ** 64n));
  throwsStatus(cxm.CxmOverflowError, 'CXM_ERR_OVERFLOW', () => acc.add(9, UINT64_MAX));
  throwsStatus(cxm.CxmAbsentError, 'CXM_ERR_ABSENT', () => acc.remove(5));
  throwsStatus(cxm.CxmAbsentError, 'CXM_ERR_ABSENT', () => acc.remove(10, 7));
  throwsStatus(cxm.CxmAbsentError, 'CXM_ERR_ABSENT', () => acc.subtract(full));
  throwsStatus(cxm.CxmMismatchError, 'CXM_ERR_MISMATCH', () => acc.merge(csat));
  throwsStatus(cxm.CxmMismatchError, 'CXM_ERR_MISMATCH', () => acc.subtract(csat));
  throwsStatus(cxm.CxmMismatchError, 'CXM_ERR_MISMATCH', () => acc.compare(csat));
  // SIZE: the binding always passes its own struct sizes; a raw call with a
  // struct smaller than the first released cxm_scale shows the mapping.
  throwsStatus(cxm.CxmSizeError, 'CXM_ERR_SIZE', () => { throw cxm.errorFor(raw.cxm_scale_check({ size: 4 })); });
  throwsStatus(cxm.CxmFormatError, 'CXM_ERR_FORMAT', () => cxm.Accumulator.decode(Buffer.from('not an encoding')));
  throwsStatus(cxm.CxmFormatError, 'CXM_ERR_FORMAT', () => cxm.Accumulator.decode(Buffer.alloc(0)));
  throwsStatus(cxm.CxmFormatError, 'CXM_ERR_FORMAT', () => cxm.Accumulator.decode(before.subarray(1)));
  throwsStatus(cxm.CxmArgumentError, 'CXM_ERR_ARG', () => cxm.Scale.preset(99));
  throwsStatus(cxm.CxmArgumentError, 'CXM_ERR_ARG', () => acc.interval({ confidence: 1.5 }));
  throwsStatus(cxm.CxmArgumentError, 'CXM_ERR_ARG', () => acc.interval({ confidence: NaN }));
  throwsStatus(cxm.CxmArgumentError, 'CXM_ERR_ARG', () => acc.interval({ quantity: 'net', method: 't' }));
  throwsStatus(cxm.CxmArgumentError, 'CXM_ERR_ARG', () => acc.interval({ method: 'Wilson' }));
  throwsStatus(cxm.CxmArgumentError, 'CXM_ERR_ARG', () => acc.interval({ quantity: 9 }));
  throwsStatus(cxm.CxmArgumentError, 'CXM_ERR_ARG', () => acc.add(5, -1));
  throwsStatus(cxm.CxmEmptyError, 'CXM_ERR_EMPTY', () => csat.interval());
  throwsStatus(cxm.CxmEmptyError, 'CXM_ERR_EMPTY', () => acc.compare(new cxm.Accumulator(preset('NPS'))));
  throwsStatus(cxm.CxmWindowError, 'CXM_ERR_WINDOW', () => { throw cxm.errorFor(-12); });
  assert.deepEqual(acc.encode(), before);
  assert.equal(cxm.errorFor(-99).constructor, cxm.CxmError);
  assert.equal(cxm.errorFor(-99).code, 'CXM_UNKNOWN');
  for (const a of [acc, csat, full]) {
    a.close();
  }
});

test('ratings and counts must be integers: a TypeError, nothing recorded (issue 14)', () => {
  const acc = new cxm.Accumulator(preset('NPS'));
  // Decision: no coercion at all. 4.9 is not 4, "3" is not 3, true is not 1,
  // and a BigInt is not a rating (ratings are int32, always a Number).
  for (const bad of [4.9, '3', true, null, undefined, NaN, Infinity, 9n, [9], {}]) {
    assert.throws(() => acc.add(bad), TypeError, String(bad));
    assert.throws(() => acc.remove(bad), TypeError, String(bad));
    assert.throws(() => acc.count(bad), TypeError, String(bad));
  }
  for (const bad of [1.5, '2', true, null, NaN, -Infinity, 2 ** 60]) {
    assert.throws(() => acc.add(9, bad), TypeError, String(bad));
    assert.throws(() => acc.remove(9, bad), TypeError, String(bad));
  }
  assert.throws(() => acc.addMany([1, 2.5]), /index 1/);
  assert.throws(() => acc.addMany([1, '2']), TypeError);
  assert.throws(() => acc.addMany([true]), TypeError);
  assert.throws(() => acc.addMany(new Float64Array([1, 2.5])), TypeError);
  assert.throws(() => acc.addMany('123'), TypeError);
  assert.throws(() => acc.addMany(7), TypeError);
  assert.throws(() => acc.addMany(new DataView(new ArrayBuffer(4))), TypeError);
  assert.throws(() => acc.addMany(new BigInt64Array([9n])), TypeError);
  assert.throws(() => acc.merge({}), TypeError);
  assert.throws(() => acc.interval({ confidence: '0.9' }), TypeError);
  assert.throws(() => new cxm.Accumulator(5), TypeError);
  assert.throws(() => new cxm.Scale({ min: 0 }), TypeError);
  assert.equal(acc.total, 0n);
  // what is accepted: integer Numbers, and for counts safe integers or BigInts
  acc.add(9, 2).add(9, 3n).add(10, 2 ** 53 - 1).addMany(new Float64Array([0, 10]));
  assert.equal(acc.count(9), 5n);
  assert.equal(acc.total, 5n + 2n ** 53n - 1n + 2n);
});

test('a closed accumulator refuses every call; closing twice is fine', () => {
  const acc = new cxm.Accumulator(preset('NPS'));
  acc.add(9);
  acc.close();
  assert.ok(acc.closed);
  for (const call of [() => acc.add(9), () => acc.total, () => acc.snapshot(), () => acc.encode(),
    () => new cxm.Accumulator(preset('NPS')).merge(acc)]) {
    assert.throws(call, { code: 'ERR_USE_AFTER_CLOSE' });
  }
  acc.close();
  if (typeof Symbol.dispose === 'symbol') { // Node 20 on
    const other = new cxm.Accumulator(preset('NPS'));
    other[Symbol.dispose]();
    assert.ok(other.closed);
  }
});
