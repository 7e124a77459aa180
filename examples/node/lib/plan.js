'use strict';
// How many answers a survey needs (cxm_plan_sample_size, since 1.2).

const { ERR_ARG, check, cxmError } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out } = require('./library.js');
const { quantityArg } = require('./names.js');
const { C, Scale } = require('./scale.js');
const { POINTER, instanceArg } = require('./handle.js');
const { Accumulator } = require('./accumulator.js');

const PLAN_OPTIONS = ['quantity', 'confidence', 'expected', 'population'];

function population(value) {
  const n = arg.wide(value, 'population');
  if (n < 0n || n >= 1n << 64n) {
    throw cxmError(ERR_ARG, `population ${n} is not a uint64 (0 for unlimited)`);
  }
  return n;
}

/**
 * The number of answers (a BigInt) for the Wald interval of a quantity to be
 * at most halfWidth wide on each side (in the quantity's units: percentage
 * points for shares and net scores, rating units for the mean), at a
 * confidence; from the variance the `expected` accumulator shows (a pilot,
 * last period's answers) or, without one, the worst case; with a finite
 * population (0: unlimited). planSampleSize('nps', 5) is 1537n.
 */
function planSampleSize(scale, halfWidth, options) {
  const { quantity = 'headline', confidence = 0.95, expected, population: people = 0 } =
    arg.options(options, PLAN_OPTIONS, 'planSampleSize');
  const s = Scale.from(scale);
  if (typeof halfWidth !== 'number') {
    throw new TypeError(`cxmetrics: halfWidth must be a Number, not ${arg.describe(halfWidth)}`);
  }
  const pilot = expected === undefined ? null : instanceArg(expected, Accumulator)[POINTER];
  check(lib().cxm_plan_sample_size(s[C], pilot, quantityArg(quantity), arg.confidence(confidence),
    halfWidth, population(people), out.pointer));
  return out.pointer[0];
}

module.exports = { planSampleSize };
