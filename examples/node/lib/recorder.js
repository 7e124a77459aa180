'use strict';
// The recorder (cxm_recorder, since 1.2): ratings added from any number of
// threads at once, without locks, and collected exactly by one collector.

const { check } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out } = require('./library.js');
const { C, Scale } = require('./scale.js');
const {
  ALIGNMENT, Handle, POINTER, WRAP, alignedAddress, callerMemory, instanceArg, registry,
} = require('./handle.js');
const { Accumulator } = require('./accumulator.js');

const recorderRegistry = registry(() => lib().cxm_recorder_free);

/**
 * Ratings recorded from many threads at once (cxm_recorder). Node's threads
 * are worker_threads, which share no objects: Recorder.shared(scale) places
 * the recorder in a SharedArrayBuffer (recorder.memory), which is posted to
 * the workers, and Recorder.attach(memory, scale) in each worker adds to that
 * same recorder. add() may run in every thread at once and during a
 * collect(); one thread collects at a time.
 */
class Recorder {
  #handle;
  #scale;
  #shared; // the SharedArrayBuffer of a shared recorder, else null

  /** An empty recorder on the heap, for this thread. */
  constructor(scale, pointer, memory = null, placed = null) {
    if (scale === WRAP) { // placed: { scale, memory: the SharedArrayBuffer or null }
      this.#scale = placed.scale;
      this.#shared = placed.memory;
      this.#handle = new Handle(pointer, memory, recorderRegistry);
      return;
    }
    this.#scale = Scale.from(scale);
    this.#shared = null;
    check(lib().cxm_recorder_new(this.#scale[C], out.pointer));
    this.#handle = new Handle(out.pointer[0], null, recorderRegistry);
  }

  /** Bytes a recorder on this scale occupies (cxm_recorder_footprint). */
  static footprint(scale) {
    const s = Scale.from(scale);
    const size = lib().cxm_recorder_footprint(s[C]);
    if (size === 0) {
      s.check(); // throws the reason
    }
    return size;
  }

  static #place(scale, shared) {
    const s = Scale.from(scale);
    const size = Recorder.footprint(s);
    const [memory, address] = callerMemory(size, shared);
    check(lib().cxm_recorder_init(address, size, s[C], out.pointer));
    return new Recorder(WRAP, out.pointer[0], memory, { scale: s, memory: shared ? memory : null });
  }

  /** A recorder placed in JS-owned memory (cxm_recorder_init): nothing malloc'd. */
  static inMemory(scale) {
    return Recorder.#place(scale, false);
  }

  /** A recorder in a SharedArrayBuffer (its .memory), for worker threads to attach to. */
  static shared(scale) {
    return Recorder.#place(scale, true);
  }

  /**
   * The recorder another thread placed in `memory` with Recorder.shared on
   * this scale: adds go to that very recorder. The memory stays alive as long
   * as any thread holds it.
   */
  static attach(memory, scale) {
    const s = Scale.from(scale);
    if (!(memory instanceof SharedArrayBuffer) ||
        memory.byteLength !== Recorder.footprint(s) + ALIGNMENT) {
      throw new TypeError('cxmetrics: attach() takes the .memory of a Recorder.shared() on the ' +
                          `same scale, not ${arg.describe(memory)}`);
    }
    return new Recorder(WRAP, alignedAddress(memory), memory, { scale: s, memory });
  }

  get [POINTER]() {
    return this.#handle.pointer('recorder');
  }

  /** The SharedArrayBuffer to post to worker threads (null unless made by shared()). */
  get memory() {
    return this.#shared;
  }

  get scale() {
    return this.#scale;
  }

  /** Frees the native recorder now (no other thread may be using it). */
  close() {
    this.#handle.close(lib().cxm_recorder_free);
  }

  get closed() {
    return this.#handle.closed;
  }

  /** Records one rating, or `count` copies of it (cxm_recorder_add[_count]). */
  add(value, n = 1) {
    if (n === 1) {
      check(lib().cxm_recorder_add(this[POINTER], arg.rating(value)), 'rating', value);
    } else {
      check(lib().cxm_recorder_add_count(this[POINTER], arg.rating(value), arg.count(n)),
        'rating', value);
    }
    return this;
  }

  /**
   * Moves everything recorded so far into `into` (into += it), or into a new
   * accumulator of the recorder's scale; returns the accumulator. On error
   * `into` is unchanged and every rating stays in the recorder.
   */
  collect(into) {
    const target = into === undefined ? new Accumulator(this.#scale) : instanceArg(into, Accumulator);
    const status = lib().cxm_recorder_collect(this[POINTER], target[POINTER]);
    if (status !== 0 && into === undefined) {
      target.close();
    }
    check(status);
    return target;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Recorder <${this.#scale}${this.closed ? ', closed' : ''}>`;
  }
}

module.exports = { Recorder };
