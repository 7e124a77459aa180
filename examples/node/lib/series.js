'use strict';
// The series (cxm_series, since 1.1): a ring of accumulators indexed by
// bucket numbers the caller chooses.

const { ERR_ARG, check, cxmError } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out, types } = require('./library.js');
const { encoded, outStruct } = require('./results.js');
const { C, Scale, scaleFrom } = require('./scale.js');
const {
  Handle, POINTER, WRAP, bufferArg, callerMemory, instanceArg, registry,
} = require('./handle.js');
const { Accumulator } = require('./accumulator.js');

const SERIES_MAX_CAPACITY = 1048576; // CXM_SERIES_MAX_CAPACITY
const SERIES_BUCKET_LIMIT = 1n << 62n; // CXM_SERIES_BUCKET_LIMIT

const seriesRegistry = registry(() => lib().cxm_series_free);

/**
 * A ring of accumulators indexed by bucket numbers the caller chooses (days
 * in the tenant's time zone, ISO weeks, ...), retaining the `capacity`
 * buckets (head - capacity, head] (cxm_series; docs/series.md).
 */
class Series {
  #handle;

  constructor(scale, capacity, head, pointer, memory = null) {
    if (scale === WRAP) {
      this.#handle = new Handle(pointer, memory, seriesRegistry);
      return;
    }
    check(lib().cxm_series_new(Scale.from(scale)[C], arg.capacity(capacity),
      arg.bucket(head, 'head'), out.pointer));
    this.#handle = new Handle(out.pointer[0], null, seriesRegistry);
  }

  static #wrap(pointer, memory = null) {
    return new Series(WRAP, 0, 0, pointer, memory);
  }

  /** Bytes a series of this scale and capacity occupies (cxm_series_footprint). */
  static footprint(scale, capacity) {
    const s = Scale.from(scale);
    const size = lib().cxm_series_footprint(s[C], arg.capacity(capacity));
    if (size === 0) {
      s.check(); // an invalid scale throws its reason; a valid one leaves the capacity
      throw cxmError(ERR_ARG, `capacity ${capacity} is out of range`);
    }
    return size;
  }

  /** A series placed in JS-owned memory (cxm_series_init). */
  static inMemory(scale, capacity, head) {
    const s = Scale.from(scale);
    const size = Series.footprint(s, capacity);
    const [memory, address] = callerMemory(size);
    check(lib().cxm_series_init(address, size, s[C], capacity, arg.bucket(head, 'head'),
      out.pointer));
    return Series.#wrap(out.pointer[0], memory);
  }

  /** A series from encode() output (cxm_series_decode). */
  static decode(bytes) {
    const data = bufferArg(bytes);
    check(lib().cxm_series_decode(data, data.length, out.pointer));
    return Series.#wrap(out.pointer[0]);
  }

  get [POINTER]() {
    return this.#handle.pointer('series');
  }

  clone() {
    check(lib().cxm_series_clone(this[POINTER], out.pointer));
    return Series.#wrap(out.pointer[0]);
  }

  close() {
    this.#handle.close(lib().cxm_series_free);
  }

  get closed() {
    return this.#handle.closed;
  }

  get scale() {
    const memory = outStruct(types.scale);
    check(lib().cxm_series_scale(this[POINTER], memory));
    return scaleFrom(memory);
  }

  get capacity() {
    check(lib().cxm_series_capacity(this[POINTER], out.uint32));
    return out.uint32[0];
  }

  /** The newest bucket number. */
  get head() {
    check(lib().cxm_series_head(this[POINTER], out.int64));
    return arg.asNumber(out.int64[0]);
  }

  /** Moves the head forward (a head at or before the current one is a no-op). */
  advance(head) {
    check(lib().cxm_series_advance(this[POINTER], arg.bucket(head, 'head')), 'head', head);
    return this;
  }

  /** Records one rating, or `count` copies, in a retained bucket. */
  add(at, value, n = 1) {
    if (n === 1) {
      check(lib().cxm_series_add(this[POINTER], arg.bucket(at), arg.rating(value)), 'bucket', at);
    } else {
      check(lib().cxm_series_add_count(this[POINTER], arg.bucket(at), arg.rating(value),
        arg.count(n)), 'bucket', at);
    }
    return this;
  }

  /** Removes `count` copies of a rating from a retained bucket. */
  remove(at, value, n = 1) {
    check(lib().cxm_series_remove_count(this[POINTER], arg.bucket(at), arg.rating(value),
      arg.count(n)), 'bucket', at);
    return this;
  }

  /** Adds every count of an accumulator to a retained bucket. */
  addAccumulator(at, acc) {
    check(lib().cxm_series_add_acc(this[POINTER], arg.bucket(at),
      instanceArg(acc, Accumulator)[POINTER]), 'bucket', at);
    return this;
  }

  /**
   * The buckets first..last summed: into += them when an accumulator is
   * given, else a new accumulator. Returns the accumulator.
   */
  sum(first, last, into) {
    const target = into === undefined ? new Accumulator(this.scale)
      : instanceArg(into, Accumulator);
    const status = lib().cxm_series_sum(this[POINTER], arg.bucket(first, 'first'),
      arg.bucket(last, 'last'), target[POINTER]);
    if (status !== 0 && into === undefined) {
      target.close();
    }
    check(status, 'buckets', `${first}..${last}`);
    return target;
  }

  /** this += other, bucket by bucket (heads advance to the later one). */
  merge(other) {
    check(lib().cxm_series_merge(this[POINTER], instanceArg(other, Series)[POINTER]));
    return this;
  }

  /** The portable, canonical encoding (cxm_series_encode), a Buffer. */
  encode() {
    return encoded(lib().cxm_series_encoded_size, lib().cxm_series_encode, this[POINTER]);
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.closed ? 'Series <closed>'
      : `Series <${this.scale}, capacity ${this.capacity}, head ${this.head}>`;
  }
}

module.exports = { SERIES_MAX_CAPACITY, SERIES_BUCKET_LIMIT, Series };
