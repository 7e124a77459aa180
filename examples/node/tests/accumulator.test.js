'use strict';
// Recording, batches without copying, merge/subtract, caller memory, the
// byte encoding against the golden vectors of docs/format.md, and the text
// forms against strings worked by hand from the grammar in the header.
const test = require('node:test');
const assert = require('node:assert/strict');
const koffi = require('koffi');
const { cxm, preset, nps, hex, rng } = require('./helpers.js');

function tally(ratings, min, span) { // independent count, for comparison
  const out = new Map();
  for (let r = min; r < min + span; r++) {
    out.set(r, 0n);
  }
  for (const r of ratings) {
    out.set(r, out.get(r) + 1n);
  }
  return out;
}

test('record, remove, reset', () => {
  const acc = new cxm.Accumulator(preset('CSAT_5'));
  acc.add(5).add(4, 3).addMany([1, 2, 3]).remove(4).remove(1, 1).remove(3, 0);
  assert.deepEqual(acc.counts(), new Map([[1, 0n], [2, 1n], [3, 1n], [4, 2n], [5, 1n]]));
  assert.equal(acc.total, 5n);
  assert.equal(acc.count(4), 2n);
  assert.ok(acc.scale.equals(preset('CSAT_5')));
  acc.reset();
  assert.equal(acc.total, 0n);
});

test('merge, subtract, clone, equals', () => {
  const a = nps(6, 3, 1);
  const b = nps(1, 1, 1);
  const both = a.clone().merge(b);
  assert.equal(both.count(10), 7n);
  assert.ok(both.clone().subtract(b).equals(a));
  assert.ok(!both.equals(a));
  a.merge(a);
  assert.equal(a.total, 20n);
  a.subtract(a);
  assert.equal(a.total, 0n);
});

test('batches: Buffer and Uint8Array to add_many_u8, Int32Array to add_many, without copying', () => {
  const libc = koffi.load('libc.so.6');
  // memchr returns a pointer into the memory it was given: the address koffi
  // passes for a Buffer or typed array is the array's own storage.
  const memchr = libc.func('void *memchr(const void *s, int c, size_t n)');
  const bytes = Buffer.alloc(1 << 20, 7);
  const ints = new Int32Array(1000).fill(7);
  const sub = bytes.subarray(100);
  assert.equal(memchr(bytes, 7, 1), koffi.address(bytes));
  assert.equal(memchr(ints, 7, 1), koffi.address(ints));
  assert.equal(memchr(sub, 7, 1), koffi.address(bytes) + 100n);

  const seed = 20261201;
  const random = rng(seed);
  const values = Array.from({ length: 100000 }, () => Math.floor(random() * 11));
  const want = tally(values, 0, 11);
  for (const form of [Buffer.from(values), new Uint8Array(values), new Int32Array(values),
    Uint8Array.from(values).buffer, Uint8ClampedArray.from(values), values, new Set([0, 1]),
    (function* gen() { yield* values; }())]) {
    const acc = new cxm.Accumulator(preset('NPS'));
    acc.addMany(form);
    const expect = form instanceof Set ? tally([0, 1], 0, 11) : want;
    assert.deepEqual(acc.counts(), expect, `seed ${seed}, ${form.constructor.name}`);
    acc.close();
  }
  const acc = new cxm.Accumulator(preset('NPS'));
  acc.addMany(Buffer.from([0, 1, 10, 10]).subarray(2)).addMany([]).addMany(Buffer.alloc(0));
  assert.equal(acc.count(10), 2n);
  assert.equal(acc.total, 2n);
});

test('a batch is all or nothing; the error says where', () => {
  const data = Buffer.from(Array.from({ length: 11000 }, (_, i) => i % 11));
  data[5000] = 200;
  const acc = new cxm.Accumulator(preset('NPS'));
  assert.throws(() => acc.addMany(data), { code: 'CXM_ERR_RANGE', index: 5000 });
  assert.throws(() => acc.addMany(new Int32Array(data)), { index: 5000 });
  assert.equal(acc.total, 0n);
});

test('an accumulator in JS-owned memory (cxm_acc_init)', () => {
  const acc = cxm.Accumulator.inMemory(preset('NPS'));
  acc.addMany([10, 9, 0]);
  assert.equal(acc.snapshot().n, 3n);
  const heap = acc.clone();
  acc.close();
  assert.equal(heap.total, 3n);
  assert.equal(cxm.Accumulator.footprint(preset('NPS')), 136); // docs/performance.md: 136 bytes on 0-10
});

// docs/format.md, "Worked example" and the two encodings after it.
const GOLDEN_NPS = hex(`43 58 4D 41 01 00 00 00 00 0A 00 00 00 09 00 00 00 0A 00 00 00 00 00 00 00 06 00 00 00 02
  03 00 0A 06 1E 02 AC 02 00 8F 0F E9`);
const GOLDEN_EMPTY_CSAT5 = hex('43 58 4D 41 01 01 00 00 00 05 00 00 00 04 00 00 00 05 00 00 00 01 00 00 00 02 00 00 00 01 00 5A B0 F0 25');
const GOLDEN_HUGE = hex(`43 58 4D 41 01 FD FF FF FF 03 00 00 00 01 00 00 00 03 00 00 00 FD FF FF FF FF FF FF FF 03
  02 00 80 80 80 80 80 80 80 80 40 05 FF FF FF FF FF FF FF FF BF 01 E4 6A B8 E8`);

test('encode and decode: the golden vectors of docs/format.md', () => {
  const acc = new cxm.Accumulator(preset('NPS')).add(0, 10).add(7, 30).add(10, 300);
  assert.deepEqual(acc.encode(), GOLDEN_NPS);
  const back = cxm.Accumulator.decode(GOLDEN_NPS);
  assert.deepEqual([back.count(0), back.count(7), back.count(10), back.total], [10n, 30n, 300n, 340n]);
  assert.ok(back.equals(acc));
  assert.deepEqual(new cxm.Accumulator(preset('CSAT_5')).encode(), GOLDEN_EMPTY_CSAT5);
  const scale = new cxm.Scale({ min: -3, max: 3, positiveMin: 1, positiveMax: 3, negativeMin: -3,
    negativeMax: -1, headline: cxm.Headline.MEAN });
  const huge = new cxm.Accumulator(scale).add(-3, 2n ** 62n).add(3, 2n ** 64n - 1n - 2n ** 62n);
  assert.deepEqual(huge.encode(), GOLDEN_HUGE);
  assert.equal(cxm.Accumulator.decode(new Uint8Array(GOLDEN_HUGE)).count(3), 0xBFFFFFFFFFFFFFFFn);
  assert.ok(GOLDEN_HUGE.length <= cxm.ENCODED_MAX);
  for (let cut = 0; cut < GOLDEN_NPS.length; cut++) { // every truncation
    assert.throws(() => cxm.Accumulator.decode(GOLDEN_NPS.subarray(0, cut)), cxm.CxmFormatError);
  }
  const flipped = Buffer.from(GOLDEN_NPS);
  flipped[32] ^= 1;
  assert.throws(() => cxm.Accumulator.decode(flipped), cxm.CxmFormatError);
});

test('text forms: canonical strings worked from the grammar, round trips', () => {
  // include/cxmetrics.h, "Text forms": presets by name, custom scales as
  // MIN..MAX/PMIN..PMAX/NMIN..NMAX/HEADLINE, counts of nonzero ratings.
  assert.equal(String(preset('NPS')), 'nps');
  assert.equal(String(preset('CSAT_BINARY')), 'csat2');
  assert.equal(String(preset('NET_EASY_7')), 'neteasy7');
  assert.ok(cxm.Scale.parse('1..5/4..5/1..2/share').equals(preset('CSAT_5')));
  assert.equal(String(cxm.Scale.parse('1..5/4..5/1..2/share')), 'csat5');
  assert.ok(cxm.Scale.parse('csat').equals(preset('CSAT_5')));
  assert.ok(cxm.Scale.parse('ces').equals(preset('CES_7')));
  const custom = cxm.Scale.parse('-3..3/2..3/-3..-2/net');
  assert.deepEqual([custom.min, custom.max, custom.positiveMin, custom.negativeMax, custom.headline],
    [-3, 3, 2, -2, cxm.Headline.NET]);
  assert.equal(String(custom), '-3..3/2..3/-3..-2/net');

  const acc = new cxm.Accumulator('nps').add(0, 10).add(7, 30).add(10, 300);
  assert.equal(String(acc), 'nps{0:10,7:30,10:300}');
  assert.equal(JSON.stringify({ acc }), '{"acc":"nps{0:10,7:30,10:300}"}');
  assert.equal(String(new cxm.Accumulator('csat5')), 'csat5{}');
  assert.ok(cxm.Accumulator.parse(String(acc)).equals(acc));
  const max = cxm.Accumulator.parse('1..5/4..5/1..2/share{5:18446744073709551615}');
  assert.equal(max.count(5), 2n ** 64n - 1n);
  assert.equal(String(max), 'csat5{5:18446744073709551615}');
  for (const bad of ['', 'NPS', 'nps ', 'nps{', 'nps{11:1}', 'nps{1:0}', 'nps{2:1,1:1}',
    'nps{1:01}', 'nps{1:18446744073709551616}', '1..5/4..5/1..2/SHARE', '-0..5/4..5/1..2/share']) {
    assert.throws(() => cxm.Accumulator.parse(bad), cxm.CxmFormatError, JSON.stringify(bad));
  }
  assert.throws(() => cxm.Scale.parse('nps{}'), cxm.CxmFormatError);
  assert.throws(() => cxm.Scale.parse('1..5/4..5/3..4/mean'), cxm.CxmFormatError); // overlapping bands
  assert.throws(() => cxm.Accumulator.parse(5), TypeError);
  assert.throws(() => new cxm.Scale({ min: 1, max: 5, positiveMin: 4, positiveMax: 5, negativeMin: 3,
    negativeMax: 4, headline: 3 }).toString(), cxm.CxmScaleError);
});

test('Scale.preset takes a preset\'s name as the other bindings do, and nothing else', () => {
  // include/cxmetrics.h, "Text forms": the presets' names; 'csat' and 'ces'
  // are aliases of csat5 and ces7. The fields of NPS: 0..10, 9..10, 0..6, net.
  const names = { csat5: 'CSAT_5', csat3: 'CSAT_3', csat10: 'CSAT_10', csat2: 'CSAT_BINARY',
    nps: 'NPS', ces7: 'CES_7', ces5: 'CES_5', neteasy7: 'NET_EASY_7', csat: 'CSAT_5', ces: 'CES_7' };
  for (const [name, constant] of Object.entries(names)) {
    assert.ok(cxm.Scale.preset(name).equals(preset(constant)), name);
  }
  const n = cxm.Scale.preset('nps');
  assert.deepEqual([n.min, n.max, n.positiveMin, n.positiveMax, n.negativeMin, n.negativeMax, n.headline],
    [0, 10, 9, 10, 0, 6, cxm.Headline.NET]);
  for (const [bad, detail] of [['NPS', 'preset "NPS"'], ['csat_5', 'preset "csat_5"'], ['', 'preset ""'],
    ['1..5/4..5/1..2/share', 'preset "1..5/4..5/1..2/share"'], ['0..10/9..10/0..6/net', 'preset "0..10/9..10/0..6/net"']]) {
    assert.throws(() => cxm.Scale.preset(bad), (e) => e instanceof cxm.CxmArgumentError &&
      e.message === `${e.statusMessage.replace(/\.$/, '')} (${detail})`, bad);
  }
  assert.throws(() => cxm.Scale.preset(9), { message: /\(preset 9\)$/ });
});

test('text round trips for every preset and random counts, 0, 1 and UINT64_MAX', () => {
  const seed = 424242;
  const random = rng(seed);
  for (const name of Object.keys(cxm.Preset)) {
    const scale = preset(name);
    assert.ok(cxm.Scale.parse(String(scale)).equals(scale), name);
    for (let round = 0; round < 50; round++) {
      const acc = new cxm.Accumulator(scale);
      for (let r = scale.min; r <= scale.max; r++) {
        const pick = random();
        const c = pick < 0.3 ? 0n : pick < 0.4 ? 1n : pick < 0.45 ? 2n ** 64n - 1n
          : BigInt(Math.floor(random() * 1e9));
        if (c > 0n && acc.total + c <= 2n ** 64n - 1n) {
          acc.add(r, c);
        }
      }
      const back = cxm.Accumulator.parse(acc.toString());
      assert.ok(back.equals(acc), `seed ${seed}: ${acc}`);
      assert.equal(back.toString(), acc.toString());
      acc.close();
      back.close();
    }
  }
});
