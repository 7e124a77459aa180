'use strict';
// The series (library 1.1) against a brute-force model written here from the
// rules of include/cxmetrics.h: a map of bucket -> rating -> count with the
// window (head - capacity, head]. Seeded random operation sequences, checked
// step by step; every refused call leaves the series' bytes unchanged.
const test = require('node:test');
const assert = require('node:assert/strict');
const { cxm, preset, rng } = require('./helpers.js');

const NPS = preset('NPS');

class Model {
  constructor(capacity, head) {
    this.capacity = capacity;
    this.head = head;
    this.buckets = new Map();
  }

  retained(bucket) {
    return bucket > this.head - this.capacity && bucket <= this.head;
  }

  advance(head) {
    if (head > this.head) {
      this.head = head;
      for (const b of [...this.buckets.keys()]) {
        if (!this.retained(b)) {
          this.buckets.delete(b);
        }
      }
    }
  }

  add(bucket, rating, count) {
    if (!this.retained(bucket)) {
      return 'CXM_ERR_WINDOW';
    }
    const counts = this.buckets.get(bucket) || new Map();
    counts.set(rating, (counts.get(rating) || 0n) + count);
    this.buckets.set(bucket, counts);
    return null;
  }

  remove(bucket, rating, count) {
    if (!this.retained(bucket)) {
      return 'CXM_ERR_WINDOW';
    }
    const have = (this.buckets.get(bucket) || new Map()).get(rating) || 0n;
    if (have < count) {
      return 'CXM_ERR_ABSENT';
    }
    if (count > 0n) {
      this.buckets.get(bucket).set(rating, have - count);
    }
    return null;
  }

  sum(first, last) { // rating -> count, or the error
    if (first > last) {
      return 'CXM_ERR_ARG';
    }
    if (first <= this.head - this.capacity) {
      return 'CXM_ERR_WINDOW';
    }
    const total = new Map();
    for (let r = 0; r <= 10; r++) {
      total.set(r, 0n);
    }
    for (const [b, counts] of this.buckets) {
      if (b >= first && b <= last) {
        for (const [r, c] of counts) {
          total.set(r, total.get(r) + c);
        }
      }
    }
    return total;
  }
}

function expectSame(series, model, random, seed, step) {
  const where = `seed ${seed}, step ${step}`;
  assert.equal(series.head, model.head, where);
  const first = model.head - model.capacity + 1 + Math.floor(random() * model.capacity);
  const last = first + Math.floor(random() * (model.capacity + 3));
  assert.deepEqual(series.sum(first, last).counts(), model.sum(first, last), `${where}: ${first}..${last}`);
}

function attempt(want, call, series, where) {
  const before = series.encode();
  if (want === null) {
    call();
    return;
  }
  assert.throws(call, { code: want }, where);
  assert.deepEqual(series.encode(), before, `${where}: changed by a refused call`);
}

test('random operation sequences against the model', () => {
  for (let round = 0; round < 20; round++) {
    const seed = 9000 + round;
    const random = rng(seed);
    const pick = (n) => Math.floor(random() * n);
    const capacity = 1 + pick(12);
    const start = pick(1000) - 500;
    const series = new cxm.Series(NPS, capacity, start);
    const model = new Model(capacity, start);
    for (let step = 0; step < 300; step++) {
      const where = `seed ${seed}, step ${step}`;
      const bucket = model.head - capacity - 2 + pick(capacity + 5);
      const rating = pick(11);
      const count = BigInt(pick(4));
      switch (pick(6)) {
        case 0:
          if (pick(3) === 0) {
            const head = model.head + pick(capacity * 2) - 2;
            series.advance(head);
            model.advance(head);
          }
          break;
        case 1: {
          const want = model.add(bucket, rating, 1n);
          attempt(want, () => series.add(bucket, rating), series, where);
          break;
        }
        case 2: {
          const want = model.add(bucket, rating, count);
          attempt(want, () => series.add(bucket, rating, count), series, where);
          break;
        }
        case 3: {
          const want = model.remove(bucket, rating, count);
          attempt(want, () => series.remove(bucket, rating, count), series, where);
          break;
        }
        case 4: {
          const part = new cxm.Accumulator(NPS).add(rating, 2).add(10);
          const want = model.add(bucket, rating, 2n) ?? model.add(bucket, 10, 1n);
          attempt(want, () => series.addAccumulator(bucket, part), series, where);
          part.close();
          break;
        }
        default: {
          const first = bucket;
          const last = bucket + pick(capacity + 2) - 1;
          const want = model.sum(first, last);
          if (typeof want === 'string') {
            attempt(want, () => series.sum(first, last), series, where);
          } else {
            assert.deepEqual(series.sum(first, last).counts(), want, where);
          }
        }
      }
      expectSame(series, model, random, seed, step);
    }
    const back = cxm.Series.decode(series.encode());
    assert.deepEqual(back.encode(), series.encode(), `seed ${seed}`);
    assert.deepEqual(series.clone().encode(), series.encode(), `seed ${seed}`);
    series.close();
  }
});

test('merge: heads advance to the later one, expired buckets are ignored, commutative', () => {
  const a = new cxm.Series(NPS, 7, 100).add(100, 10).add(95, 0, 3);
  const b = new cxm.Series(NPS, 7, 103).add(103, 9, 2).add(98, 10);
  const ab = a.clone().merge(b);
  const ba = b.clone().merge(a);
  assert.equal(ab.head, 103);
  assert.deepEqual(ab.encode(), ba.encode());
  // window of 103 is 97..103: bucket 95 of a has expired by its definition
  assert.equal(String(ab.sum(97, 103)), 'nps{9:2,10:2}');
  const twice = b.clone().merge(b);
  assert.equal(twice.sum(97, 103).total, 6n);
  assert.throws(() => a.merge(new cxm.Series(preset('CSAT_5'), 7, 100)), cxm.CxmMismatchError);
  assert.throws(() => a.merge(new cxm.Accumulator(NPS)), TypeError);
});

test('a trailing 30-day NPS from daily buckets', () => {
  // 40 days, day d holds d % 11 once and a 10 twice: the last 30 days
  // (days 10..39) hold the ratings 10..39 % 11 and sixty 10s.
  const series = new cxm.Series('nps', 400, 39);
  const want = new cxm.Accumulator('nps');
  for (let day = 0; day < 40; day++) {
    series.add(day, day % 11).add(day, 10, 2);
    if (day >= 10) {
      want.add(day % 11).add(10, 2);
    }
  }
  const month = series.sum(series.head - 29, series.head);
  assert.ok(month.equals(want));
  assert.deepEqual(month.snapshot(), want.snapshot());
  const into = new cxm.Accumulator('nps').add(0);
  assert.equal(series.sum(30, 50, into), into); // buckets after the head are empty
  assert.equal(into.total, 1n + 10n * 3n);
  assert.throws(() => series.sum(-400, 0), cxm.CxmWindowError); // day -400 has expired
  assert.throws(() => series.sum(5, 4), cxm.CxmArgumentError);
  assert.throws(() => series.add(40, 9), cxm.CxmWindowError); // after the head: advance first
  assert.equal(series.advance(40).add(40, 9).head, 40);
  assert.equal(series.advance(3).head, 40); // time never runs backwards
});

test('bucket limits, capacities, caller memory, encodings', () => {
  const limit = cxm.SERIES_BUCKET_LIMIT;
  const far = new cxm.Series(NPS, 2, limit).add(limit, 9).add(limit - 1n, 10);
  assert.equal(far.head, limit); // past 2^53: a BigInt
  assert.equal(far.sum(limit - 1n, limit).total, 2n);
  assert.throws(() => far.advance(limit + 1n), cxm.CxmArgumentError);
  assert.throws(() => far.add(limit + 1n, 9), cxm.CxmArgumentError);
  assert.throws(() => far.add(2n ** 70n, 9), cxm.CxmArgumentError);
  assert.throws(() => far.add(1.5, 9), TypeError);
  assert.throws(() => far.add(2 ** 60, 9), TypeError); // an unsafe Number: pass a BigInt
  assert.throws(() => new cxm.Series(NPS, 2, -limit - 1n), cxm.CxmArgumentError);
  const low = new cxm.Series(NPS, 1, -limit).add(-limit, 0);
  assert.equal(low.head, -limit);
  for (const bad of [0, cxm.SERIES_MAX_CAPACITY + 1, -1, 2 ** 32]) {
    assert.throws(() => new cxm.Series(NPS, bad, 0), cxm.CxmArgumentError, String(bad));
  }
  assert.throws(() => new cxm.Series(NPS, 1.5, 0), TypeError);
  assert.throws(() => cxm.Series.footprint(NPS, 0), cxm.CxmArgumentError);
  // issue 9: 400 daily buckets on NPS take at most 36 KiB
  assert.ok(cxm.Series.footprint(NPS, 400) <= 36 * 1024);
  const mem = cxm.Series.inMemory(NPS, 30, 10).add(10, 9);
  assert.equal(mem.capacity, 30);
  assert.ok(mem.scale.equals(NPS));
  const bytes = mem.encode();
  mem.close();
  const back = cxm.Series.decode(bytes);
  assert.equal(back.sum(1, 10).count(9), 1n);
  // each decoder refuses the other's bytes
  const accBytes = new cxm.Accumulator(NPS).add(9).encode();
  assert.throws(() => cxm.Series.decode(accBytes), cxm.CxmFormatError);
  assert.throws(() => cxm.Accumulator.decode(bytes), cxm.CxmFormatError);
  for (let cut = 0; cut < bytes.length; cut++) {
    assert.throws(() => cxm.Series.decode(bytes.subarray(0, cut)), cxm.CxmFormatError);
  }
  back.close();
  back.close();
  assert.throws(() => back.head, { code: 'ERR_USE_AFTER_CLOSE' });
});

// docs/format.md, "Series", "Worked examples": the three encodings, byte for byte.
const { hex } = require('./helpers.js');

test('series encodings: the golden vectors of docs/format.md', () => {
  const worked = hex(`43 58 4D 53 01 00 00 00 00 0A 00 00 00 09 00 00 00 0A 00 00 00 00 00 00 00 06 00 00 00 02
    07 00 00 00 20 4E 00 00 00 00 00 00 02 00 02 00 01 09 03 01 01 07 02 6F C0 D0 41`);
  const days = new cxm.Series(NPS, 7, 20000).add(20000, 0).add(20000, 10, 3).add(19998, 7, 2);
  assert.deepEqual(days.encode(), worked);
  assert.deepEqual(cxm.Series.decode(worked).encode(), worked);
  assert.equal(String(cxm.Series.decode(worked).sum(19994, 20000)), 'nps{0:1,7:2,10:3}');

  const empty = hex(`43 58 4D 53 01 01 00 00 00 05 00 00 00 04 00 00 00 05 00 00 00 01 00 00 00 02 00 00 00 01
    01 00 00 00 00 00 00 00 00 00 00 00 00 6B 7E C6 C0`);
  assert.deepEqual(new cxm.Series(preset('CSAT_5'), 1, 0).encode(), empty);

  const huge = hex(`43 58 4D 53 01 FD FF FF FF 03 00 00 00 01 00 00 00 03 00 00 00 FD FF FF FF FF FF FF FF 03
    90 01 00 00 01 00 00 00 00 00 00 C0 01 01 02 00 80 80 80 80 80 80 80 80 40 05 05 E2 48 0C DB`);
  const scale = cxm.Scale.parse('-3..3/1..3/-3..-1/mean');
  const limit = cxm.SERIES_BUCKET_LIMIT;
  const edge = new cxm.Series(scale, 400, -limit + 1n).add(-limit, -3, 2n ** 62n).add(-limit, 3, 5);
  assert.deepEqual(edge.encode(), huge);
  assert.equal(cxm.Series.decode(huge).head, -limit + 1n);
});
