'use strict';
// The accumulator (cxm_acc): an exact histogram of ratings, and batches
// handed to C without copying.

const { ERR_RANGE, check, cxmError } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out, types } = require('./library.js');
const { methodArg, quantityArg } = require('./names.js');
const { encoded, formatted, outStruct, resolved, result } = require('./results.js');
const { C, Scale, scaleFrom } = require('./scale.js');
const {
  Handle, POINTER, WRAP, bufferArg, callerMemory, instanceArg, registry,
} = require('./handle.js');

const ACC_FOOTPRINT_MAX = 856; // CXM_ACC_FOOTPRINT_MAX
const ENCODED_MAX = 1046; // CXM_ENCODED_MAX
const STATISTICS_OPTIONS = ['quantity', 'method', 'confidence'];

const accRegistry = registry(() => lib().cxm_acc_free);

// ---- batches ----------------------------------------------------------------------

// The ratings of addMany as [C function, array] over the caller's memory when
// it already is uint8 or int32, else packed into a new Int32Array.
function batch(ratings) {
  if (ratings instanceof Uint8Array) { // Buffer included
    return ['cxm_acc_add_many_u8', ratings];
  }
  if (ratings instanceof Int32Array) {
    return ['cxm_acc_add_many', ratings];
  }
  if (ratings instanceof ArrayBuffer) {
    return ['cxm_acc_add_many_u8', new Uint8Array(ratings)];
  }
  if (ratings instanceof Uint8ClampedArray) {
    return ['cxm_acc_add_many_u8',
      new Uint8Array(ratings.buffer, ratings.byteOffset, ratings.length)];
  }
  if (ratings === null || typeof ratings !== 'object' || !(Symbol.iterator in ratings) ||
      ratings instanceof DataView) {
    throw new TypeError('cxmetrics: ratings must be a Buffer, a typed array or an iterable ' +
                        `of integers, not ${arg.describe(ratings)}`);
  }
  return ['cxm_acc_add_many', packed(ratings)];
}

function packed(ratings) {
  const values = Array.isArray(ratings) || ArrayBuffer.isView(ratings) ? ratings
    : Array.from(ratings);
  const ints = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`cxmetrics: the rating at index ${i} is not an integer Number: ` +
                          arg.describe(value));
    }
    if (value < arg.INT32_MIN || value > arg.INT32_MAX) {
      throw cxmError(ERR_RANGE, `rating at index ${i}`, i);
    }
    ints[i] = value;
  }
  return ints;
}

// ---- the accumulator ----------------------------------------------------------------

/**
 * An exact histogram of ratings (cxm_acc). close() frees it at a known
 * point (also [Symbol.dispose]); otherwise the garbage collector does.
 */
class Accumulator {
  #handle;

  /** An empty accumulator on a scale (a Scale or its text form, e.g. "nps"). */
  constructor(scale, pointer, memory = null) {
    if (scale === WRAP) {
      this.#handle = new Handle(pointer, memory, accRegistry);
      return;
    }
    check(lib().cxm_acc_new(Scale.from(scale)[C], out.pointer));
    this.#handle = new Handle(out.pointer[0], null, accRegistry);
  }

  static #wrap(pointer, memory = null) {
    return new Accumulator(WRAP, pointer, memory);
  }

  /** Bytes an accumulator on this scale occupies (cxm_acc_footprint). */
  static footprint(scale) {
    const s = Scale.from(scale);
    const size = lib().cxm_acc_footprint(s[C]);
    if (size === 0) {
      s.check(); // throws the reason
    }
    return size;
  }

  /** An accumulator placed in JS-owned memory (cxm_acc_init): nothing malloc'd. */
  static inMemory(scale) {
    const s = Scale.from(scale);
    const size = Accumulator.footprint(s);
    const [memory, address] = callerMemory(size);
    check(lib().cxm_acc_init(address, size, s[C], out.pointer));
    return Accumulator.#wrap(out.pointer[0], memory);
  }

  /** An accumulator from encode() output (cxm_acc_decode). */
  static decode(bytes) {
    const data = bufferArg(bytes);
    check(lib().cxm_acc_decode(data, data.length, out.pointer));
    return Accumulator.#wrap(out.pointer[0]);
  }

  /** An accumulator from its text form, e.g. "nps{0:3,6:1,9:10,10:4}". */
  static parse(form) {
    const bytes = arg.text(form, 'accumulator text');
    check(lib().cxm_acc_parse(bytes, bytes.length, out.pointer), 'accumulator', form);
    return Accumulator.#wrap(out.pointer[0]);
  }

  get [POINTER]() {
    return this.#handle.pointer('accumulator');
  }

  clone() {
    check(lib().cxm_acc_clone(this[POINTER], out.pointer));
    return Accumulator.#wrap(out.pointer[0]);
  }

  // -- lifetime --

  /** Frees the native accumulator now; later calls throw. Twice is fine. */
  close() {
    this.#handle.close(lib().cxm_acc_free);
  }

  get closed() {
    return this.#handle.closed;
  }

  // -- recording --

  /** Records one rating, or `count` copies of it (cxm_acc_add[_count]). */
  add(value, n = 1) {
    if (n === 1) {
      check(lib().cxm_acc_add(this[POINTER], arg.rating(value)), 'rating', value);
    } else {
      check(lib().cxm_acc_add_count(this[POINTER], arg.rating(value), arg.count(n)),
        'rating', value);
    }
    return this;
  }

  /**
   * Records a batch, all or nothing. A Buffer or Uint8Array goes to
   * cxm_acc_add_many_u8 and an Int32Array to cxm_acc_add_many, both without
   * copying; any other iterable of integers is packed into an Int32Array
   * first. On CxmRangeError, err.index is the first invalid position.
   */
  addMany(ratings) {
    const pointer = this[POINTER];
    const [name, array] = batch(ratings);
    const status = lib()[name](pointer, array, array.length, out.pointer);
    if (status === ERR_RANGE) {
      const index = Number(out.pointer[0]);
      throw cxmError(status, `rating at index ${index}`, index);
    }
    check(status);
    return this;
  }

  /** Removes previously recorded ratings (cxm_acc_remove[_count]). */
  remove(value, n = 1) {
    if (n === 1) {
      check(lib().cxm_acc_remove(this[POINTER], arg.rating(value)), 'rating', value);
    } else {
      check(lib().cxm_acc_remove_count(this[POINTER], arg.rating(value), arg.count(n)),
        'rating', value);
    }
    return this;
  }

  reset() {
    check(lib().cxm_acc_reset(this[POINTER]));
    return this;
  }

  /** this += other (same scale). */
  merge(other) {
    check(lib().cxm_acc_merge(this[POINTER], instanceArg(other, Accumulator)[POINTER]));
    return this;
  }

  /** this -= other, the exact inverse of merge. */
  subtract(other) {
    check(lib().cxm_acc_subtract(this[POINTER], instanceArg(other, Accumulator)[POINTER]));
    return this;
  }

  // -- reading --

  get scale() {
    const memory = outStruct(types.scale);
    check(lib().cxm_acc_scale(this[POINTER], memory));
    return scaleFrom(memory);
  }

  /** The number of ratings recorded, a BigInt. */
  get total() {
    check(lib().cxm_acc_total(this[POINTER], out.pointer));
    return out.pointer[0];
  }

  /** How often `value` is recorded, a BigInt. */
  count(value) {
    check(lib().cxm_acc_count(this[POINTER], arg.rating(value), out.pointer), 'rating', value);
    return out.pointer[0];
  }

  /** Map of every rating of the scale, in order, to its count (BigInt). */
  counts() {
    const scale = this.scale;
    const counts = new BigUint64Array(scale.span);
    check(lib().cxm_acc_counts(this[POINTER], counts, counts.length));
    return new Map(Array.from(counts, (c, i) => [scale.min + i, c]));
  }

  /** Same scale and counts (compares the canonical encodings). */
  equals(other) {
    return this.encode().equals(instanceArg(other, Accumulator).encode());
  }

  /** Every metric at once (cxm_snapshot); counts BigInt, shares in points, NaN where undefined. */
  snapshot() {
    const memory = outStruct(types.snapshot);
    check(lib().cxm_acc_snapshot(this[POINTER], memory));
    return Object.freeze(result(types.snapshot, memory));
  }

  /** A confidence interval: quantity and method by library name or number. */
  interval(options) {
    const { quantity = 'headline', method = 'default', confidence = 0.95 } =
      arg.options(options, STATISTICS_OPTIONS, 'interval');
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.interval);
    check(lib().cxm_acc_interval(this[POINTER], q, m, arg.confidence(confidence), memory));
    return resolved(types.interval, memory);
  }

  /** this - other for two independent samples. */
  compare(other, options) {
    const b = instanceArg(other, Accumulator)[POINTER];
    const { quantity = 'headline', method = 'default', confidence = 0.95 } =
      arg.options(options, STATISTICS_OPTIONS, 'compare');
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.comparison);
    check(lib().cxm_acc_compare(this[POINTER], b, q, m, arg.confidence(confidence), memory));
    return resolved(types.comparison, memory);
  }

  /** The portable, canonical encoding (cxm_acc_encode), a Buffer. */
  encode() {
    return encoded(lib().cxm_acc_encoded_size, lib().cxm_acc_encode, this[POINTER]);
  }

  /** The canonical text form, e.g. "nps{0:3,6:1,9:10,10:4}". */
  toString() {
    return formatted(lib().cxm_acc_format, this[POINTER]);
  }

  toJSON() {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.closed ? 'Accumulator <closed>' : `Accumulator <${this.toString()}>`;
  }
}

module.exports = { ACC_FOOTPRINT_MAX, ENCODED_MAX, STATISTICS_OPTIONS, Accumulator };
