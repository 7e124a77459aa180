'use strict';
// The cost of the binding against C, measured in one run:
//   CXM_LIBRARY=../../build/lib/libcxmetrics.so node bench.js ../../build/tests/bench/cxm-bench
// First cxm-bench gives the C figures (one cxm_acc_add, and cxm_acc_add_many_u8
// per rating, on 10^6 NPS ratings, median of 7); then the same work through
// this module, median of 7 repetitions of 10^6 ratings, printed as the rows
// of docs/performance.md's "Bindings" table.
const { execFileSync } = require('node:child_process');
const cxm = require('./cxmetrics.js');

const N = 1000000;
const REPS = 7;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function cFigures(bench) {
  const text = execFileSync(bench, ['-n', String(N), '-r', String(REPS), '-q', '0'], { encoding: 'utf8' });
  const row = (name) => Number(new RegExp(`^${name}\\s+([\\d.]+)`, 'm').exec(text)[1]);
  return {
    add: row('add'), addManyU8: row('add_many_u8'), addMany: row('add_many'),
    header: text.split('\n')[0],
  };
}

// ns per rating of body(acc), median of REPS on a fresh accumulator each time
function time(body) {
  const samples = [];
  for (let rep = 0; rep < REPS; rep++) {
    const acc = new cxm.Accumulator(cxm.Scale.preset(cxm.Preset.NPS));
    const start = process.hrtime.bigint();
    body(acc);
    samples.push(Number(process.hrtime.bigint() - start) / N);
    if (acc.total !== BigInt(N)) {
      throw new Error(`recorded ${acc.total}, not ${N}`);
    }
    acc.close();
  }
  return median(samples);
}

// `node bench.js --add-calls N` makes N add() calls and nothing else: run
// under callgrind with two N, the difference of the instruction counts over
// the difference of N is the instructions of one call (docs/performance.md).
if (process.argv[2] === '--add-calls') {
  const calls = Number(process.argv[3]);
  const acc = new cxm.Accumulator(cxm.Scale.preset(cxm.Preset.NPS));
  for (let i = 0; i < calls; i++) {
    acc.add(i % 11);
  }
  process.exit(acc.total === BigInt(calls) ? 0 : 1);
}
const bench = process.argv[2];
if (!bench) {
  console.error('usage: node bench.js path/to/cxm-bench | --add-calls N');
  process.exit(2);
}
let seed = 0x5eed2024;
const bytes = Buffer.alloc(N);
for (let i = 0; i < N; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  bytes[i] = (seed >>> 16) % 11;
}
const ints = new Int32Array(bytes);
const array = Array.from(bytes);
const raw = cxm.native();

const c = cFigures(bench);
const rows = [
  ['`add(r)`, one call per rating', time((acc) => {
    for (let i = 0; i < N; i++) acc.add(bytes[i]);
  }), c.add],
  ['the bare koffi call of `cxm_acc_add`', time((acc) => {
    const pointer = acc[Object.getOwnPropertySymbols(Object.getPrototypeOf(acc))
      .find((s) => s.description === 'cxmetrics.pointer')];
    for (let i = 0; i < N; i++) raw.cxm_acc_add(pointer, bytes[i]);
  }), c.add],
  ['`addMany(Buffer)`, 10^6 ratings', time((acc) => acc.addMany(bytes)), c.addManyU8],
  ['`addMany(Int32Array)`, 10^6 ratings', time((acc) => acc.addMany(ints)), c.addMany],
  ['`addMany(Array)`, 10^6 ratings (packed first)', time((acc) => acc.addMany(array)), c.addMany],
];
console.log(`node ${process.version}, koffi ${require('koffi').version}; C: ${c.header}`);
console.log('| path | ns/rating | C ns/rating | × C |');
console.log('|---|---:|---:|---:|');
for (const [name, ns, base] of rows) {
  console.log(`| ${name} | ${ns.toFixed(3)} | ${base.toFixed(3)} | ${(ns / base).toFixed(1)} |`);
}
