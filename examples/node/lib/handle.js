'use strict';
// Ownership of native objects: each owned by one JS object that frees it
// exactly once, at close() or, failing that, when the garbage collector
// reclaims the owner (a FinalizationRegistry holding the bare pointer).

const koffi = require('koffi');
const { describe, indefinite } = require('./arguments.js');

const ALIGNMENT = 16; // alignof(max_align_t) on the platforms the library builds for

// Module-private keys: WRAP lets the static factories wrap a pointer the
// library returned; POINTER reaches another object's native pointer.
const WRAP = Symbol('cxmetrics.wrap');
const POINTER = Symbol('cxmetrics.pointer');

// Memory for cxm_*_init: a Buffer (whose storage never moves), or with
// shared set a SharedArrayBuffer (the same memory in every worker thread),
// with room to align the start; returns [memory, aligned address].
function callerMemory(size, shared = false) {
  const memory = shared ? new SharedArrayBuffer(size + ALIGNMENT) : Buffer.alloc(size + ALIGNMENT);
  return [memory, alignedAddress(memory)];
}

// The aligned start in memory callerMemory made: the same in every thread,
// since a SharedArrayBuffer is the same memory wherever it is posted.
function alignedAddress(memory) {
  const address = koffi.address(memory instanceof SharedArrayBuffer ? new Uint8Array(memory) : memory);
  const offset = Number((BigInt(ALIGNMENT) - (address % BigInt(ALIGNMENT))) % BigInt(ALIGNMENT));
  return address + BigInt(offset);
}

/**
 * The safety net for handles nobody closed, per C type: free(pointer) runs
 * for a collected owner. The held value is the bare pointer, never the owner
 * (which would then never be collected).
 */
function registry(free) {
  return new FinalizationRegistry((pointer) => free()(pointer));
}

class Handle {
  #pointer;
  #memory; // caller memory keeping an in-memory handle alive; null on the heap
  #registry;

  constructor(pointer, memory, registryOfType) {
    this.#pointer = pointer;
    this.#memory = memory;
    this.#registry = memory === null ? registryOfType : null; // nothing to free in caller memory
    if (this.#registry !== null) {
      this.#registry.register(this, pointer, this);
    }
  }

  pointer(what) {
    if (this.#pointer === null) {
      const error = new Error(`cxmetrics: the ${what} is closed`);
      error.code = 'ERR_USE_AFTER_CLOSE';
      throw error;
    }
    return this.#pointer;
  }

  get closed() {
    return this.#pointer === null;
  }

  close(free) {
    if (this.#pointer === null) {
      return;
    }
    if (this.#registry !== null) {
      this.#registry.unregister(this);
      free(this.#pointer);
    }
    this.#pointer = null;
    this.#memory = null;
  }
}

// An argument that must be an instance of Class (an Accumulator to merge,
// a Series): a TypeError for anything else, before any call.
function instanceArg(value, Class) {
  if (!(value instanceof Class)) {
    throw new TypeError(`cxmetrics: expected ${indefinite(Class.name)}, not ${describe(value)}`);
  }
  return value;
}

function bufferArg(bytes) {
  if (bytes instanceof Uint8Array) {
    return bytes;
  }
  if (bytes instanceof ArrayBuffer) {
    return new Uint8Array(bytes);
  }
  throw new TypeError(`cxmetrics: bytes must be a Buffer or Uint8Array, not ${describe(bytes)}`);
}

module.exports = {
  ALIGNMENT, WRAP, POINTER, callerMemory, alignedAddress, registry, Handle, instanceArg, bufferArg,
};
