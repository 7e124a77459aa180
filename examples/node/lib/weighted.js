'use strict';
// The weighted accumulator (cxm_wacc, since 1.2): per rating, the exact sums
// of the responses c, of their weights W and of the squared weights Q, with
// design-based statistics (docs/statistics.md, "Weighted responses").

const { ERR_ARG, check, cxmError } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out, types } = require('./library.js');
const { methodArg, quantityArg } = require('./names.js');
const { encoded, formatted, outStruct, resolved, result } = require('./results.js');
const { C, Scale, scaleFrom } = require('./scale.js');
const {
  Handle, POINTER, WRAP, bufferArg, callerMemory, instanceArg, registry,
} = require('./handle.js');
const { Accumulator, STATISTICS_OPTIONS } = require('./accumulator.js');

const WACC_ENCODED_MAX = 3378; // CXM_WACC_ENCODED_MAX
const WACC_TEXT_MAX = 8022; // CXM_WACC_TEXT_MAX

const waccRegistry = registry(() => lib().cxm_wacc_free);
const sums = { count: new BigUint64Array(1), weight: new BigUint64Array(1),
  squares: new BigUint64Array(2) };

// A weight: an integer the library judges (0 is its CxmArgumentError); one no
// uint32_t holds gets the same answer here.
function weight(value) {
  arg.integer(value, 'weight');
  if (value < 0 || value > 2 ** 32 - 1) {
    throw cxmError(ERR_ARG, `weight ${value} is not in 1 .. 2^32 - 1`);
  }
  return value;
}

// The sums cxm_wacc_cell or cxm_wacc_totals wrote, as BigInts.
function cell() {
  return Object.freeze({
    count: sums.count[0], weight: sums.weight[0],
    squares: (sums.squares[0] << 64n) | sums.squares[1],
  });
}

/**
 * Responses with positive integer weights in a unit the caller chooses
 * (dollars of ARR, survey weights times 1000), kept exactly (cxm_wacc):
 * merges, subtracts, encodes and parses like Accumulator, and gives
 * design-based intervals (Korn-Graubard, Wald-t, logit) and Welch-type
 * comparisons. A weight says how much one respondent stands for, never how
 * many respondents there were: k identical answers are a count, for
 * Accumulator#add(rating, k).
 */
class WeightedAccumulator {
  #handle;

  constructor(scale, pointer, memory = null) {
    if (scale === WRAP) {
      this.#handle = new Handle(pointer, memory, waccRegistry);
      return;
    }
    check(lib().cxm_wacc_new(Scale.from(scale)[C], out.pointer));
    this.#handle = new Handle(out.pointer[0], null, waccRegistry);
  }

  static #wrap(pointer, memory = null) {
    return new WeightedAccumulator(WRAP, pointer, memory);
  }

  /** Bytes a weighted accumulator on this scale occupies (cxm_wacc_footprint). */
  static footprint(scale) {
    const s = Scale.from(scale);
    const size = lib().cxm_wacc_footprint(s[C]);
    if (size === 0) {
      s.check(); // throws the reason
    }
    return size;
  }

  /** A weighted accumulator in JS-owned memory (cxm_wacc_init). */
  static inMemory(scale) {
    const s = Scale.from(scale);
    const size = WeightedAccumulator.footprint(s);
    const [memory, address] = callerMemory(size);
    check(lib().cxm_wacc_init(address, size, s[C], out.pointer));
    return WeightedAccumulator.#wrap(out.pointer[0], memory);
  }

  /** A weighted accumulator from encode() output (cxm_wacc_decode). */
  static decode(bytes) {
    const data = bufferArg(bytes);
    check(lib().cxm_wacc_decode(data, data.length, out.pointer));
    return WeightedAccumulator.#wrap(out.pointer[0]);
  }

  /** A weighted accumulator from its text form, e.g. "nps[6:1/40/1600,9:2/150/12500]". */
  static parse(form) {
    const bytes = arg.text(form, 'weighted accumulator text');
    check(lib().cxm_wacc_parse(bytes, bytes.length, out.pointer), 'weighted', form);
    return WeightedAccumulator.#wrap(out.pointer[0]);
  }

  get [POINTER]() {
    return this.#handle.pointer('weighted accumulator');
  }

  clone() {
    check(lib().cxm_wacc_clone(this[POINTER], out.pointer));
    return WeightedAccumulator.#wrap(out.pointer[0]);
  }

  close() {
    this.#handle.close(lib().cxm_wacc_free);
  }

  get closed() {
    return this.#handle.closed;
  }

  /** Records one response with its weight, 1 .. 2^32 - 1 (cxm_wacc_add). */
  add(value, w) {
    check(lib().cxm_wacc_add(this[POINTER], arg.rating(value), weight(w)), 'rating', value);
    return this;
  }

  /** Removes one response recorded with this rating and weight (cxm_wacc_remove). */
  remove(value, w) {
    check(lib().cxm_wacc_remove(this[POINTER], arg.rating(value), weight(w)), 'rating', value);
    return this;
  }

  reset() {
    check(lib().cxm_wacc_reset(this[POINTER]));
    return this;
  }

  /** this += other (same scale). */
  merge(other) {
    check(lib().cxm_wacc_merge(this[POINTER], instanceArg(other, WeightedAccumulator)[POINTER]));
    return this;
  }

  /** this -= other, the exact inverse of merge. */
  subtract(other) {
    check(lib().cxm_wacc_subtract(this[POINTER],
      instanceArg(other, WeightedAccumulator)[POINTER]));
    return this;
  }

  get scale() {
    const memory = outStruct(types.scale);
    check(lib().cxm_wacc_scale(this[POINTER], memory));
    return scaleFrom(memory);
  }

  /** One rating's sums { count, weight, squares } as BigInts (cxm_wacc_cell). */
  cell(value) {
    check(lib().cxm_wacc_cell(this[POINTER], arg.rating(value), sums.count, sums.weight,
      sums.squares), 'rating', value);
    return cell();
  }

  /** The sums over every rating (cxm_wacc_totals). */
  totals() {
    check(lib().cxm_wacc_totals(this[POINTER], sums.count, sums.weight, sums.squares));
    return cell();
  }

  /** The responses without their weights: into += the counts, or a new accumulator. */
  unweighted(into) {
    const target = into === undefined ? new Accumulator(this.scale) : instanceArg(into, Accumulator);
    const status = lib().cxm_wacc_unweighted(this[POINTER], target[POINTER]);
    if (status !== 0 && into === undefined) {
      target.close();
    }
    check(status);
    return target;
  }

  /** Same scale and sums (compares the canonical encodings). */
  equals(other) {
    return this.encode().equals(instanceArg(other, WeightedAccumulator).encode());
  }

  /** Response counts, weighted shares, net, mean and stddev, weightTotal, nEffective. */
  snapshot() {
    const memory = outStruct(types.snapshot);
    check(lib().cxm_wacc_snapshot(this[POINTER], memory));
    return Object.freeze(result(types.snapshot, memory));
  }

  /** A design-based interval: shares 'clopper-pearson' (the default), 'wald', 'logit'. */
  interval(options) {
    const { quantity = 'headline', method = 'default', confidence = 0.95 } =
      arg.options(options, STATISTICS_OPTIONS, 'interval');
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.interval);
    check(lib().cxm_wacc_interval(this[POINTER], q, m, arg.confidence(confidence), memory));
    return resolved(types.interval, memory);
  }

  /** this - other for two independent weighted samples (Welch-type t). */
  compare(other, options) {
    const b = instanceArg(other, WeightedAccumulator)[POINTER];
    const { quantity = 'headline', method = 'default', confidence = 0.95 } =
      arg.options(options, STATISTICS_OPTIONS, 'compare');
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.comparison);
    check(lib().cxm_wacc_compare(this[POINTER], b, q, m, arg.confidence(confidence), memory));
    return resolved(types.comparison, memory);
  }

  /** The portable, canonical encoding (cxm_wacc_encode), a Buffer. */
  encode() {
    return encoded(lib().cxm_wacc_encoded_size, lib().cxm_wacc_encode, this[POINTER]);
  }

  /** The canonical text form, e.g. "nps[9:2/150/12500]". */
  toString() {
    return formatted(lib().cxm_wacc_format, this[POINTER], WACC_TEXT_MAX);
  }

  toJSON() {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.closed ? 'WeightedAccumulator <closed>' : `WeightedAccumulator <${this}>`;
  }
}

module.exports = { WACC_ENCODED_MAX, WACC_TEXT_MAX, WeightedAccumulator };
