'use strict';
// What an Accumulator and a WeightedAccumulator share: a state on a scale
// that the library creates, places in caller memory, clones, merges,
// subtracts, encodes, formats and parses, and whose statistics it computes,
// through functions of one shape under two prefixes (cxm_acc_*, cxm_wacc_*).
// Each subclass describes itself in a static [NATIVE]: { prefix, what (its
// name in messages), registry (frees what nobody closed), textMax (its
// largest text form) }.

const { check } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out, types } = require('./library.js');
const { methodArg, quantityArg } = require('./names.js');
const { TEXT_MAX, encoded, formatted, outStruct, resolved, result } = require('./results.js');
const { C, Scale, scaleFrom } = require('./scale.js');
const { Handle, POINTER, WRAP, bufferArg, callerMemory, instanceArg } = require('./handle.js');

const STATISTICS_OPTIONS = ['quantity', 'method', 'confidence'];
const NATIVE = Symbol('cxmetrics.native');

// The library's function of a kind of state for a verb: fn(Accumulator, 'merge').
function fn(Class, verb) {
  return lib()[`${Class[NATIVE].prefix}_${verb}`];
}

// A new object of Class owning a pointer the library returned.
function wrap(Class, pointer, memory = null) {
  return new Class(WRAP, pointer, memory);
}

class State {
  #handle;

  /** An empty one on a scale (a Scale or its text form, e.g. "nps"). */
  constructor(scale, pointer, memory = null) {
    const { registry } = new.target[NATIVE];
    if (scale === WRAP) {
      this.#handle = new Handle(pointer, memory, registry);
      return;
    }
    check(fn(new.target, 'new')(Scale.from(scale)[C], out.pointer));
    this.#handle = new Handle(out.pointer[0], null, registry);
  }

  /** Bytes one on this scale occupies (cxm_*_footprint). */
  static footprint(scale) {
    const s = Scale.from(scale);
    const size = fn(this, 'footprint')(s[C]);
    if (size === 0) {
      s.check(); // throws the reason
    }
    return size;
  }

  /** One placed in JS-owned memory (cxm_*_init): nothing malloc'd. */
  static inMemory(scale) {
    const s = Scale.from(scale);
    const size = this.footprint(s);
    const [memory, address] = callerMemory(size);
    check(fn(this, 'init')(address, size, s[C], out.pointer));
    return wrap(this, out.pointer[0], memory);
  }

  /** One from encode() output (cxm_*_decode). */
  static decode(bytes) {
    const data = bufferArg(bytes);
    check(fn(this, 'decode')(data, data.length, out.pointer));
    return wrap(this, out.pointer[0]);
  }

  /** One from its text form (cxm_*_parse). */
  static parse(form) {
    const bytes = arg.text(form, 'text form');
    check(fn(this, 'parse')(bytes, bytes.length, out.pointer), 'text', form);
    return wrap(this, out.pointer[0]);
  }

  get [POINTER]() {
    return this.#handle.pointer(this.constructor[NATIVE].what);
  }

  clone() {
    check(fn(this.constructor, 'clone')(this[POINTER], out.pointer));
    return wrap(this.constructor, out.pointer[0]);
  }

  /** Frees the native state now; later calls throw. Twice is fine. */
  close() {
    this.#handle.close(fn(this.constructor, 'free'));
  }

  get closed() {
    return this.#handle.closed;
  }

  reset() {
    check(fn(this.constructor, 'reset')(this[POINTER]));
    return this;
  }

  /** this += other (same scale). */
  merge(other) {
    check(fn(this.constructor, 'merge')(this[POINTER], instanceArg(other, this.constructor)[POINTER]));
    return this;
  }

  /** this -= other, the exact inverse of merge. */
  subtract(other) {
    check(fn(this.constructor, 'subtract')(this[POINTER],
      instanceArg(other, this.constructor)[POINTER]));
    return this;
  }

  get scale() {
    const memory = outStruct(types.scale);
    check(fn(this.constructor, 'scale')(this[POINTER], memory));
    return scaleFrom(memory);
  }

  /** Same scale and state (compares the canonical encodings). */
  equals(other) {
    return this.encode().equals(instanceArg(other, this.constructor).encode());
  }

  /** Every metric at once (cxm_snapshot); counts BigInt, shares in points, NaN where undefined. */
  snapshot() {
    const memory = outStruct(types.snapshot);
    check(fn(this.constructor, 'snapshot')(this[POINTER], memory));
    return Object.freeze(result(types.snapshot, memory));
  }

  /** A confidence interval: quantity and method by library name or number. */
  interval(options) {
    const { quantity = 'headline', method = 'default', confidence = 0.95 } =
      arg.options(options, STATISTICS_OPTIONS, 'interval');
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.interval);
    check(fn(this.constructor, 'interval')(this[POINTER], q, m, arg.confidence(confidence), memory));
    return resolved(types.interval, memory);
  }

  /** this - other for two independent samples. */
  compare(other, options) {
    const b = instanceArg(other, this.constructor)[POINTER];
    const { quantity = 'headline', method = 'default', confidence = 0.95 } =
      arg.options(options, STATISTICS_OPTIONS, 'compare');
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.comparison);
    check(fn(this.constructor, 'compare')(this[POINTER], b, q, m, arg.confidence(confidence),
      memory));
    return resolved(types.comparison, memory);
  }

  /** The portable, canonical encoding (cxm_*_encode), a Buffer. */
  encode() {
    return encoded(fn(this.constructor, 'encoded_size'), fn(this.constructor, 'encode'),
      this[POINTER]);
  }

  /** The canonical text form (cxm_*_format). */
  toString() {
    return formatted(fn(this.constructor, 'format'), this[POINTER], this.constructor[NATIVE].textMax);
  }

  toJSON() {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    const name = this.constructor.name;
    return this.closed ? `${name} <closed>` : `${name} <${this.toString()}>`;
  }
}

module.exports = { NATIVE, State, STATISTICS_OPTIONS, TEXT_MAX };
