'use strict';
// Shared by the test files: the module under test, the interface the library
// exports, and tolerance helpers. ctest sets CXM_LIBRARY to the library just
// built and CXM_INTERFACE to the document tests/abi/interface.py wrote from
// the ABI baseline and the header's constants (absent outside ctest: the
// tests that need it are skipped).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const cxm = require('../cxmetrics.js');

const root = path.resolve(__dirname, '..', '..', '..');
const iface = process.env.CXM_INTERFACE
  ? JSON.parse(fs.readFileSync(process.env.CXM_INTERFACE, 'utf8')) : null;

const REL = 1e-12; // R prints 17 significant digits; formulas differ in form
const ULPS = 1e-15;

function close(got, want, rel = REL) {
  const ok = Math.abs(got - want) <= rel * Math.abs(want);
  assert.ok(ok, `${got} != ${want} (rel ${rel})`);
}

// A preset scale by its Preset name ('NPS', 'CSAT_5').
const preset = (name) => cxm.Scale.preset(cxm.Preset[name]);

function nps(promoters, passives, detractors) {
  return new cxm.Accumulator(preset('NPS')).add(10, promoters).add(8, passives).add(0, detractors);
}

function share(positive, n) {
  return new cxm.Accumulator(preset('CSAT_BINARY')).add(2, positive).add(1, n - positive);
}

// A seeded generator (mulberry32), so that a failure can be replayed.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (text) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

module.exports = { cxm, preset, iface, root, close, nps, share, rng, hex, REL, ULPS };
