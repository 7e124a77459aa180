'use strict';
// The accumulator (cxm_acc): an exact histogram of ratings, and batches
// handed to C without copying.

const { ERR_RANGE, check, cxmError } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out } = require('./library.js');
const { POINTER, registry } = require('./handle.js');
const { NATIVE, State, TEXT_MAX } = require('./state.js');

const ACC_FOOTPRINT_MAX = 856; // CXM_ACC_FOOTPRINT_MAX
const ENCODED_MAX = 1046; // CXM_ENCODED_MAX

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
 * Creating (new Accumulator(scale), inMemory, decode, parse, clone),
 * merging, the statistics, the encoding and the text form
 * ("nps{0:3,6:1,9:10,10:4}") are State's; recording and counts its own.
 */
class Accumulator extends State {
  static [NATIVE] = {
    prefix: 'cxm_acc', what: 'accumulator', registry: registry(() => lib().cxm_acc_free),
    textMax: TEXT_MAX,
  };

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
}

module.exports = { ACC_FOOTPRINT_MAX, ENCODED_MAX, Accumulator };
