'use strict';
// A million accumulators created and dropped keep the process flat: with
// explicit close(), and with nothing but the garbage collector (the
// FinalizationRegistry frees each native accumulator). Without freeing, a
// million NPS accumulators are 10^6 x 136 bytes of malloc'd memory plus
// allocator overhead, well over 150 MiB: the bound below catches a leak of
// even a third of them.
const test = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');
const { cxm, preset } = require('./helpers.js');

const MILLION = 1000000;
const BOUND = 48 * 1024 * 1024;

// `node --test --expose-gc` passes the flag on; without it, switch it on here.
const gc = global.gc || (v8.setFlagsFromString('--expose-gc'), vm.runInNewContext('gc'));

async function settle() { // a full collection, then let finalizers run
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function growth(body) {
  await settle();
  await body(MILLION / 4); // warm-up: heaps and allocator arenas reach their working size
  await settle();
  const before = process.memoryUsage().rss;
  await body(MILLION);
  await settle();
  return process.memoryUsage().rss - before;
}

const scale = preset('NPS');

test('a million accumulators closed explicitly: RSS flat', async (t) => {
  const grown = await growth((n) => {
    for (let i = 0; i < n; i++) {
      const acc = new cxm.Accumulator(scale);
      acc.add(i % 11);
      acc.close();
    }
  });
  t.diagnostic(`RSS grew by ${(grown / 1048576).toFixed(1)} MiB`);
  assert.ok(grown < BOUND, `RSS grew by ${(grown / 1048576).toFixed(1)} MiB`);
});

test('a million accumulators left to the garbage collector: RSS flat', async (t) => {
  const grown = await growth(async (n) => {
    for (let i = 0; i < n; i++) {
      new cxm.Accumulator(scale).add(i % 11);
      if (i % 50000 === 49999) {
        await settle(); // collections as a long-running service would have them
      }
    }
  });
  t.diagnostic(`RSS grew by ${(grown / 1048576).toFixed(1)} MiB`);
  assert.ok(grown < BOUND, `RSS grew by ${(grown / 1048576).toFixed(1)} MiB`);
});

test('the same loop without freeing does exceed the bound (the measure can fail)', async (t) => {
  const raw = cxm.native();
  const NPS = Buffer.alloc(32);
  NPS.writeUInt32LE(32);
  assert.equal(raw.cxm_scale_preset(cxm.Preset.NPS, NPS), 0);
  const out = new BigUint64Array(1);
  const kept = [];
  const grown = await growth((n) => {
    for (let i = 0; i < n; i++) {
      raw.cxm_acc_new(NPS, out);
      kept.push(out[0]);
    }
  });
  for (const pointer of kept) {
    raw.cxm_acc_free(pointer);
  }
  t.diagnostic(`RSS grew by ${(grown / 1048576).toFixed(1)} MiB`);
  assert.ok(grown > BOUND, `RSS grew by only ${(grown / 1048576).toFixed(1)} MiB`);
});
