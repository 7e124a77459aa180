'use strict';
// Structs the library writes, read back as frozen plain objects with
// camelCase fields; text and bytes the library writes.

const koffi = require('koffi');
const { check } = require('./errors.js');
const { out } = require('./library.js');
const { methodName, quantityName } = require('./names.js');

const TEXT_MAX = 4096; // CXM_TEXT_MAX
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1; // host order

// One scratch buffer for every format call, grown to the largest cap asked
// for: JS runs one call at a time per thread, and each worker thread has its
// own module instance.
let textBuffer = Buffer.alloc(TEXT_MAX);

function formatted(format, subject, cap = TEXT_MAX) {
  if (textBuffer.length < cap) {
    textBuffer = Buffer.alloc(cap);
  }
  check(format(subject, textBuffer, cap, out.pointer));
  return textBuffer.toString('latin1', 0, Number(out.pointer[0]));
}

function encoded(sizeOf, encode, pointer) {
  check(sizeOf(pointer, out.pointer));
  const bytes = Buffer.alloc(Number(out.pointer[0]));
  check(encode(pointer, bytes, bytes.length, out.pointer));
  return bytes.subarray(0, Number(out.pointer[0]));
}

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// The memory of an out-struct, its size set as the CXM_*_INIT macros do.
// One per type, reused as `out` is: the library keeps `size` and writes
// every other field on success, and nothing is read after an error.
const structMemory = new Map();

function outStruct(type) {
  let memory = structMemory.get(type);
  if (memory === undefined) {
    memory = Buffer.alloc(koffi.sizeof(type));
    koffi.encode(memory, 'uint32_t', koffi.sizeof(type));
    structMemory.set(type, memory);
  }
  return memory;
}

// How to read each field of an out-struct from its memory, from koffi's own
// offsets and types: [camelCaseName, offset, DataView getter]; size dropped.
const GETTERS = { Int32: 'getInt32', UInt64: 'getBigUint64', Float64: 'getFloat64' };
const readers = new Map();

function fieldsOf(type) {
  let fields = readers.get(type);
  if (fields === undefined) {
    fields = Object.values(type.members).filter((m) => m.name !== 'size')
      .map((m) => [camel(m.name), m.offset, GETTERS[m.type.primitive]]);
    readers.set(type, fields);
  }
  return fields;
}

// An out-struct as a plain object: camelCase names, uint64 fields as BigInt.
function result(type, memory) {
  const view = new DataView(memory.buffer, memory.byteOffset, memory.length);
  const object = {};
  for (const [name, offset, getter] of fieldsOf(type)) {
    object[name] = view[getter](offset, LITTLE_ENDIAN);
  }
  return object;
}

// An interval or comparison, its quantity and method by the library's names.
function resolved(type, memory) {
  const object = result(type, memory);
  object.quantity = quantityName(object.quantity);
  object.method = methodName(object.method);
  return Object.freeze(object);
}

module.exports = { TEXT_MAX, formatted, encoded, outStruct, result, resolved };
