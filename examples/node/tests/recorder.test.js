'use strict';
// The recorder (cxm_recorder, since 1.2): worker threads add to one recorder
// in a SharedArrayBuffer while the main thread collects, every rating
// collected exactly once (checked against a tally made here); every refusal,
// state kept.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { cxm, rng } = require('./helpers.js');

const UINT64_MAX = 2n ** 64n - 1n;

test('add and collect', () => {
  const recorder = new cxm.Recorder('nps');
  recorder.add(9).add(10, 3).add(0, 0);
  assert.equal(String(recorder.collect()), 'nps{9:1,10:3}');
  assert.equal(String(recorder.collect()), 'nps{}'); // everything moved out
  const into = cxm.Accumulator.parse('nps{7:1,8:1}');
  assert.equal(recorder.add(7, 2n).collect(into), into);
  assert.equal(String(into), 'nps{7:3,8:1}');
  assert.ok(recorder.scale.equals('nps'));
  assert.equal(recorder.memory, null);
  recorder.close();
  assert.ok(recorder.closed);
  assert.throws(() => recorder.add(9), { code: 'ERR_USE_AFTER_CLOSE' });
  recorder.close();
  const inMemory = cxm.Recorder.inMemory('csat5').add(5, 2);
  assert.equal(inMemory.collect().count(5), 2n);
  assert.ok(cxm.Recorder.footprint('nps') > cxm.Accumulator.footprint('nps'));
});

test('refusals leave everything in place', () => {
  const recorder = new cxm.Recorder('nps').add(10, 5);
  assert.throws(() => recorder.add(11), cxm.CxmRangeError);
  assert.throws(() => recorder.add(2 ** 32 + 9), cxm.CxmRangeError);
  assert.throws(() => recorder.add(9, -1), cxm.CxmArgumentError);
  assert.throws(() => recorder.add(9, UINT64_MAX - 4n), cxm.CxmOverflowError);
  assert.throws(() => recorder.add(9, 2n ** 64n), cxm.CxmOverflowError);
  const csat = new cxm.Accumulator('csat5');
  assert.throws(() => recorder.collect(csat), cxm.CxmMismatchError);
  const full = new cxm.Accumulator('nps').add(0, UINT64_MAX - 4n);
  assert.throws(() => recorder.collect(full), cxm.CxmOverflowError);
  assert.deepEqual([full.total, csat.total], [UINT64_MAX - 4n, 0n]);
  for (const bad of [9.5, '9', true, null, 9n]) {
    assert.throws(() => recorder.add(bad), TypeError, String(bad));
  }
  for (const bad of [5, 'nps{}', null, new cxm.Series('nps', 1, 0)]) {
    assert.throws(() => recorder.collect(bad), TypeError, String(bad));
  }
  for (const bad of [5, null, Buffer.from('nps')]) {
    assert.throws(() => new cxm.Recorder(bad), TypeError, String(bad));
  }
  assert.throws(() => new cxm.Recorder(new cxm.Scale({ min: 1, max: 5, positiveMin: 4,
    positiveMax: 5, negativeMin: 3, negativeMax: 4, headline: 3 })), cxm.CxmScaleError);
  for (const bad of [new SharedArrayBuffer(64), new ArrayBuffer(cxm.Recorder.footprint('nps') + 16),
    null, cxm.Recorder.shared('csat5').memory]) {
    assert.throws(() => cxm.Recorder.attach(bad, 'nps'), TypeError);
  }
  assert.equal(String(recorder.collect()), 'nps{10:5}'); // nothing lost, nothing added
});

const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const cxm = require(workerData.module);
  const recorder = cxm.Recorder.attach(workerData.memory, 'nps');
  Atomics.wait(new Int32Array(workerData.start), 0, 0); // every worker starts at once
  for (let i = 0; i < workerData.ratings.length; i++) {
    recorder.add(workerData.ratings[i], workerData.counts[i]);
  }
  parentPort.postMessage('done');
`;

test('worker threads add to one shared recorder while the main thread collects', async () => {
  const seed = 20261206;
  const random = rng(seed);
  const plans = Array.from({ length: 4 }, () => {
    const ratings = Uint8Array.from({ length: 20000 }, () => Math.floor(random() * 11));
    const counts = Array.from(ratings, () => [1, 1, 1, 2, 7][Math.floor(random() * 5)]);
    return { ratings, counts };
  });
  const recorder = cxm.Recorder.shared('nps');
  const start = new SharedArrayBuffer(4);
  const module = path.resolve(__dirname, '..', 'cxmetrics.js');
  const finished = plans.map((plan) => new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true, workerData: { module, memory: recorder.memory, start, ...plan },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  }));
  let done = false;
  Promise.all(finished).then(() => { done = true; });
  await new Promise((resolve) => setTimeout(resolve, 200)); // the workers load the module
  const total = new cxm.Accumulator('nps');
  Atomics.store(new Int32Array(start), 0, 1);
  Atomics.notify(new Int32Array(start), 0);
  let collections = 0;
  while (!done) {
    recorder.collect(total);
    collections += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);
  recorder.collect(total); // what the last adds left
  const want = new Map(Array.from({ length: 11 }, (_, r) => [r, 0n]));
  for (const { ratings, counts } of plans) {
    ratings.forEach((r, i) => want.set(r, want.get(r) + BigInt(counts[i])));
  }
  assert.ok(collections > 1, 'the collector never ran during the adds');
  assert.deepEqual(total.counts(), want, `seed ${seed}`);
  assert.equal(recorder.collect().total, 0n);
});
