'use strict';
// worker_threads: each worker loads the library into its own module
// instance and fills its own accumulator; the encodings come back as bytes
// and are merged. Counts compared with a tally made here.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { cxm, preset, rng } = require('./helpers.js');

const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const cxm = require(workerData.module);
  const acc = new cxm.Accumulator(cxm.Scale.preset(cxm.Preset.NPS));
  for (let i = 0; i < workerData.ratings.length; i += 1000) {
    acc.addMany(workerData.ratings.subarray(i, i + 1000));
  }
  acc.add(workerData.ratings[0]).remove(workerData.ratings[0]);
  parentPort.postMessage(acc.encode());
  acc.close();
`;

test('four workers fill their own accumulators; the main thread merges the bytes', async () => {
  const seed = 20240611;
  const random = rng(seed);
  const parts = Array.from({ length: 4 },
    () => Uint8Array.from({ length: 50000 }, () => Math.floor(random() * 11)));
  const encodings = await Promise.all(parts.map((ratings) => new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { module: path.resolve(__dirname, '..', 'cxmetrics.js'), ratings },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
  const total = new cxm.Accumulator(preset('NPS'));
  for (const bytes of encodings) {
    const part = cxm.Accumulator.decode(bytes);
    total.merge(part);
    part.close();
  }
  const want = new Map(Array.from({ length: 11 }, (_, r) => [r, 0n]));
  for (const part of parts) {
    for (const r of part) {
      want.set(r, want.get(r) + 1n);
    }
  }
  assert.deepEqual(total.counts(), want, `seed ${seed}`);
});
