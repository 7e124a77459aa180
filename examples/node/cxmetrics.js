'use strict';
/**
 * cxmetrics from Node.js through koffi: no compiled glue, one dependency.
 *
 * Every function of include/cxmetrics.h is declared below from its C
 * prototype, written as the header writes it (a test compares the two), the
 * structs are mirrored field for field (each starting with its `size`), every
 * non-OK status becomes an Error subclass carrying the library's name and
 * sentence, and each native handle is owned by one JS object that frees it
 * exactly once: at close() (or [Symbol.dispose]) or, failing that, when the
 * garbage collector reclaims the object (a FinalizationRegistry).
 *
 *     const cxm = require('./cxmetrics');
 *     const acc = new cxm.Accumulator('nps');
 *     acc.addMany(Buffer.from([10, 9, 9, 8, 7, 10, 3, 9, 6, 10]));
 *     const s = acc.snapshot();
 *     console.log(`NPS ${s.score.toFixed(1)} (${s.scoreLow.toFixed(1)} to ${s.scoreHigh.toFixed(1)})`);
 *     acc.close();
 *
 * The library is found, in this order: the path given to load(), the
 * environment variable CXM_LIBRARY, then the system loader (libcxmetrics.so.1
 * through LD_LIBRARY_PATH and the usual directories).
 *
 * Numbers: ratings are integer Numbers; counts (uint64) come back as BigInt
 * and are accepted as safe-integer Numbers or BigInts; bucket numbers (int64)
 * are accepted the same way and come back as Numbers (BigInt only past
 * Number.MAX_SAFE_INTEGER). Anything else is a TypeError, never a silent
 * truncation: koffi, like most FFIs, would pass add(4.9) as 4 and a count of
 * -1 as 2^64 - 1.
 */

const koffi = require('koffi');

const ABI_MAJOR = 1; // the SONAME number this module is written for

// ---- constants: the values of include/cxmetrics.h --------------------------

const Headline = Object.freeze({ POSITIVE_SHARE: 1, NET: 2, MEAN: 3 });
const Preset = Object.freeze({
  CSAT_5: 1, CSAT_3: 2, CSAT_10: 3, CSAT_BINARY: 4, NPS: 5, CES_7: 6, CES_5: 7, NET_EASY_7: 8,
});
const TEXT_MAX = 4096;
const ENCODED_MAX = 1046;
const SERIES_MAX_CAPACITY = 1048576;
const SERIES_BUCKET_LIMIT = 1n << 62n;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1; // host order
const ALIGNMENT = 16; // alignof(max_align_t) on the platforms the library builds for

// Status values this module raises itself before calling (the library's own
// rule for the same input, which the FFI could not pass through intact).
const ERR_RANGE = -3;
const ERR_OVERFLOW = -5;
const ERR_ARG = -10;
const ERR_SCALE = -2;

// ---- the C types, field for field -------------------------------------------

const types = {
  scale: koffi.struct('cxm_scale', {
    size: 'uint32_t', min: 'int32_t', max: 'int32_t', positive_min: 'int32_t',
    positive_max: 'int32_t', negative_min: 'int32_t', negative_max: 'int32_t',
    headline: 'int32_t',
  }),
  snapshot: koffi.struct('cxm_snapshot', {
    size: 'uint32_t', headline: 'int32_t', n: 'uint64_t', positive: 'uint64_t',
    neutral: 'uint64_t', negative: 'uint64_t', positive_share: 'double',
    negative_share: 'double', net: 'double', mean: 'double', stddev: 'double',
    score: 'double', score_low: 'double', score_high: 'double',
  }),
  interval: koffi.struct('cxm_interval', {
    size: 'uint32_t', quantity: 'int32_t', method: 'int32_t', confidence: 'double',
    estimate: 'double', se: 'double', low: 'double', high: 'double',
  }),
  comparison: koffi.struct('cxm_comparison', {
    size: 'uint32_t', quantity: 'int32_t', method: 'int32_t', confidence: 'double',
    difference: 'double', se: 'double', statistic: 'double', df: 'double',
    p_value: 'double', low: 'double', high: 'double',
  }),
  acc: koffi.opaque('cxm_acc'),
  series: koffi.opaque('cxm_series'),
};

// ---- the functions, exactly as include/cxmetrics.h declares them -----------
// and tell koffi which pointers it copies back; they are the
// only difference from the header's text.

const PROTOTYPES = [
  'uint32_t cxm_version_number(void)',
  'const char *cxm_version_string(void)',
  'const char *cxm_status_name(int status)',
  'const char *cxm_status_message(int status)',
  'int cxm_scale_preset(int preset, cxm_scale *out)',
  'int cxm_scale_check(const cxm_scale *scale)',
  'int cxm_scale_equal(const cxm_scale *a, const cxm_scale *b)',
  'int cxm_acc_new(const cxm_scale *scale, cxm_acc **out)',
  'void cxm_acc_free(cxm_acc *acc)',
  'int cxm_acc_clone(const cxm_acc *acc, cxm_acc **out)',
  'int cxm_acc_reset(cxm_acc *acc)',
  'int cxm_acc_scale(const cxm_acc *acc, cxm_scale *out)',
  'size_t cxm_acc_footprint(const cxm_scale *scale)',
  'int cxm_acc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_acc **out)',
  'int cxm_acc_add(cxm_acc *acc, int32_t rating)',
  'int cxm_acc_add_count(cxm_acc *acc, int32_t rating, uint64_t count)',
  'int cxm_acc_add_many(cxm_acc *acc, const int32_t *ratings, size_t n, size_t *bad_index)',
  'int cxm_acc_add_many_u8(cxm_acc *acc, const uint8_t *ratings, size_t n, size_t *bad_index)',
  'int cxm_acc_remove(cxm_acc *acc, int32_t rating)',
  'int cxm_acc_remove_count(cxm_acc *acc, int32_t rating, uint64_t count)',
  'int cxm_acc_merge(cxm_acc *into, const cxm_acc *from)',
  'int cxm_acc_subtract(cxm_acc *from, const cxm_acc *part)',
  'int cxm_acc_total(const cxm_acc *acc, uint64_t *out)',
  'int cxm_acc_count(const cxm_acc *acc, int32_t rating, uint64_t *out)',
  'int cxm_acc_counts(const cxm_acc *acc, uint64_t *out, size_t out_len)',
  'int cxm_acc_snapshot(const cxm_acc *acc, cxm_snapshot *out)',
  'const char *cxm_method_name(int method)',
  'int cxm_method_parse(const char *text, size_t len, int *out)',
  'const char *cxm_quantity_name(int quantity)',
  'int cxm_quantity_parse(const char *text, size_t len, int *out)',
  'const char *cxm_headline_name(int headline)',
  'int cxm_headline_parse(const char *text, size_t len, int *out)',
  'int cxm_acc_interval(const cxm_acc *acc, int quantity, int method, double confidence, cxm_interval *out)',
  'int cxm_acc_compare(const cxm_acc *a, const cxm_acc *b, int quantity, int method, double confidence, cxm_comparison *out)',
  'int cxm_acc_encoded_size(const cxm_acc *acc, size_t *out)',
  'int cxm_acc_encode(const cxm_acc *acc, void *buf, size_t cap, size_t *written)',
  'int cxm_acc_decode(const void *buf, size_t len, cxm_acc **out)',
  'int cxm_scale_parse(const char *text, size_t len, cxm_scale *out)',
  'int cxm_scale_format(const cxm_scale *scale, char *buf, size_t cap, size_t *written)',
  'int cxm_acc_format(const cxm_acc *acc, char *buf, size_t cap, size_t *written)',
  'int cxm_acc_parse(const char *text, size_t len, cxm_acc **out)',
  'int cxm_series_new(const cxm_scale *scale, uint32_t capacity, int64_t head, cxm_series **out)',
  'size_t cxm_series_footprint(const cxm_scale *scale, uint32_t capacity)',
  'int cxm_series_init(void *mem, size_t mem_size, const cxm_scale *scale, uint32_t capacity, int64_t head, cxm_series **out)',
  'void cxm_series_free(cxm_series *s)',
  'int cxm_series_clone(const cxm_series *s, cxm_series **out)',
  'int cxm_series_scale(const cxm_series *s, cxm_scale *out)',
  'int cxm_series_capacity(const cxm_series *s, uint32_t *out)',
  'int cxm_series_head(const cxm_series *s, int64_t *out)',
  'int cxm_series_advance(cxm_series *s, int64_t head)',
  'int cxm_series_add(cxm_series *s, int64_t bucket, int32_t rating)',
  'int cxm_series_add_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count)',
  'int cxm_series_remove_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count)',
  'int cxm_series_add_acc(cxm_series *s, int64_t bucket, const cxm_acc *part)',
  'int cxm_series_sum(const cxm_series *s, int64_t first, int64_t last, cxm_acc *into)',
  'int cxm_series_merge(cxm_series *into, const cxm_series *from)',
  'int cxm_series_encoded_size(const cxm_series *s, size_t *out)',
  'int cxm_series_encode(const cxm_series *s, void *buf, size_t cap, size_t *written)',
  'int cxm_series_decode(const void *buf, size_t len, cxm_series **out)',
];

// Out-parameters: one element each, reused by every call (JS runs one call
// at a time per thread, and each worker thread has its own module instance).
// A value is read out right after the call that wrote it.
const out = {
  pointer: new BigUint64Array(1), // cxm_acc **, cxm_series **, size_t *, uint64_t *
  int: new Int32Array(1),
  uint32: new Uint32Array(1),
  int64: new BigInt64Array(1),
};

let loaded = null; // { path, fn: { cxm_...: function } }

function functionName(prototype) {
  return /\b(cxm_\w+)\(/.exec(prototype)[1];
}

/**
 * Loads the library (an explicit path, else $CXM_LIBRARY, else the system
 * loader), declares every function and makes it the one this module uses.
 * Refuses a library of another ABI major. Returns the path loaded.
 */
function load(path) {
  const file = path || process.env.CXM_LIBRARY || `libcxmetrics.so.${ABI_MAJOR}`;
  const handle = koffi.load(file);
  const fn = {};
  for (const prototype of PROTOTYPES) {
    fn[functionName(prototype)] = handle.func(prototype);
  }
  const major = Math.floor(fn.cxm_version_number() / 10000);
  if (major !== ABI_MAJOR) {
    throw new Error(`cxmetrics: ${file} is libcxmetrics ABI ${major}, this module needs ${ABI_MAJOR}`);
  }
  loaded = { path: file, fn };
  return file;
}

function lib() {
  if (loaded === null) {
    load();
  }
  return loaded.fn;
}

/** The declared koffi functions by C name, for calls this module does not wrap. */
function native() {
  return lib();
}

function version() {
  const fn = lib();
  return { string: fn.cxm_version_string(), number: fn.cxm_version_number() };
}

// ---- errors -----------------------------------------------------------------

/**
 * A non-OK status of the library. code is its name ("CXM_ERR_RANGE"), status
 * its value (-3), statusMessage the library's sentence; message adds what the
 * call was about; index is the first invalid position of a batch.
 */
class CxmError extends Error {
  constructor(status, detail, index) {
    const fn = lib();
    const sentence = fn.cxm_status_message(status);
    super(detail ? `${sentence.replace(/\.$/, '')} (${detail})` : sentence);
    this.name = new.target.name;
    this.code = fn.cxm_status_name(status);
    this.status = status;
    this.statusMessage = sentence;
    if (index !== undefined) {
      this.index = index;
    }
  }
}

// One class per status, so that `catch (e) { if (e instanceof CxmAbsentError) ... }`
// reads as the C switch would; each carries its status as a static.
class CxmNullError extends CxmError {}
class CxmScaleError extends CxmError {}
class CxmRangeError extends CxmError {}
class CxmNoMemoryError extends CxmError {}
class CxmOverflowError extends CxmError {}
class CxmAbsentError extends CxmError {}
class CxmMismatchError extends CxmError {}
class CxmSizeError extends CxmError {}
class CxmFormatError extends CxmError {}
class CxmArgumentError extends CxmError {}
class CxmEmptyError extends CxmError {}
class CxmWindowError extends CxmError {}

const ERRORS = new Map();
[CxmNullError, CxmScaleError, CxmRangeError, CxmNoMemoryError, CxmOverflowError,
  CxmAbsentError, CxmMismatchError, CxmSizeError, CxmFormatError, CxmArgumentError,
  CxmEmptyError, CxmWindowError].forEach((cls, i) => {
  cls.status = -(i + 1); // CXM_ERR_NULL = -1 ... CXM_ERR_WINDOW = -12
  ERRORS.set(cls.status, cls);
});

/** The Error this module throws for a status (e.g. one a native() call returned). */
function errorFor(status, detail, index) {
  return cxmError(integer(status, 'status'), detail, index);
}

function cxmError(status, detail, index) {
  const Class = ERRORS.get(status) || CxmError;
  return new Class(status, detail, index);
}

// Throws for a non-OK status; the detail ("rating 11") is only built then,
// so that the call that succeeds pays nothing for it.
function check(status, what, value) {
  if (status !== 0) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : value;
    throw cxmError(status, what === undefined ? undefined : `${what} ${shown}`);
  }
}

function statusName(status) {
  return lib().cxm_status_name(integer(status, 'status'));
}

function statusMessage(status) {
  return lib().cxm_status_message(integer(status, 'status'));
}

// ---- argument checks: the FFI would silently wrap or truncate ---------------

function describe(value) {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  return typeof value === 'bigint' ? `${value}n` : `${String(value)} (${typeof value})`;
}

function integer(value, what) {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`cxmetrics: ${what} must be an integer Number, not ${describe(value)}`);
  }
  return value;
}

function rating(value, what = 'rating') {
  integer(value, what);
  if (value < INT32_MIN || value > INT32_MAX) {
    throw cxmError(ERR_RANGE, `${what} ${value} is not a 32-bit integer`);
  }
  return value;
}

// A 64-bit integer from a safe-integer Number or a BigInt, as a BigInt.
function wide(value, what) {
  if (typeof value === 'bigint') {
    return value;
  }
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new TypeError(`cxmetrics: ${what} ${value} is past Number.MAX_SAFE_INTEGER and may ` +
                        'already have been rounded: pass a BigInt');
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`cxmetrics: ${what} must be an integer Number or a BigInt, not ${describe(value)}`);
  }
  return BigInt(value);
}

function count(value) {
  const c = wide(value, 'count');
  if (c < 0n) {
    throw cxmError(ERR_ARG, `count ${c} is negative`);
  }
  if (c > UINT64_MAX) {
    throw cxmError(ERR_OVERFLOW, `count ${c} exceeds UINT64_MAX`);
  }
  return c;
}

// Bucket numbers and heads: anything int64 goes to the library, which
// answers CXM_ERR_ARG past +-2^62; past int64 the same answer comes from here.
function bucket(value, what = 'bucket') {
  const b = wide(value, what);
  if (b < INT64_MIN || b > INT64_MAX) {
    throw cxmError(ERR_ARG, `${what} ${b} is not a 64-bit integer`);
  }
  return b;
}

function capacity(value) {
  integer(value, 'capacity');
  if (value < 0 || value > UINT32_MAX) {
    throw cxmError(ERR_ARG, `capacity ${value} is out of range`);
  }
  return value;
}

function confidence(value) {
  if (typeof value !== 'number') {
    throw new TypeError(`cxmetrics: confidence must be a Number, not ${describe(value)}`);
  }
  return value; // the library refuses NaN and anything outside (0, 1)
}

function text(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`cxmetrics: ${what} must be a string, not ${describe(value)}`);
  }
  return Buffer.from(value, 'utf8');
}

// An int64 result as a Number, or the BigInt itself past 2^53.
function asNumber(value) {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

// ---- names: the library's, never a table here -------------------------------

function methodName(method) {
  return lib().cxm_method_name(integer(method, 'method'));
}

function quantityName(quantity) {
  return lib().cxm_quantity_name(integer(quantity, 'quantity'));
}

function headlineName(headline) {
  return lib().cxm_headline_name(integer(headline, 'headline'));
}

function parseName(parser, value, what) {
  const bytes = text(value, what);
  check(parser(bytes, bytes.length, out.int), what, value);
  return out.int[0];
}

function parseMethod(name) {
  return parseName(lib().cxm_method_parse, name, 'method');
}

function parseQuantity(name) {
  return parseName(lib().cxm_quantity_parse, name, 'quantity');
}

function parseHeadline(name) {
  return parseName(lib().cxm_headline_parse, name, 'headline');
}

// A quantity or method argument: a library name or a CXM_* number.
function quantityArg(value) {
  return typeof value === 'string' ? parseQuantity(value) : integer(value, 'quantity');
}

function methodArg(value) {
  return typeof value === 'string' ? parseMethod(value) : integer(value, 'method');
}

// ---- text output ------------------------------------------------------------

// One scratch buffer for every format call: JS runs one call at a time per
// thread, and each worker thread has its own module instance.
const textBuffer = Buffer.alloc(TEXT_MAX);

function formatted(format, subject) {
  check(format(subject, textBuffer, TEXT_MAX, out.pointer));
  return textBuffer.toString('latin1', 0, Number(out.pointer[0]));
}

// ---- results: objects with camelCase fields -------------------------------------

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

// ---- scales -----------------------------------------------------------------

const C = Symbol('cxmetrics.c');

const SCALE_FIELDS = ['min', 'max', 'positiveMin', 'positiveMax', 'negativeMin', 'negativeMax',
  'headline'];

/**
 * A rating scale (cxm_scale): valid ratings [min, max], a positive and a
 * negative band (inclusive) and the headline (Headline.POSITIVE_SHARE, NET or
 * MEAN). Immutable; the library checks validity where it is used (check()).
 */
class Scale {
  #c;

  constructor(fields) {
    const c = { size: koffi.sizeof(types.scale) };
    for (const field of SCALE_FIELDS) {
      const value = integer(fields[field], `scale field ${field}`);
      if (value < INT32_MIN || value > INT32_MAX) {
        throw cxmError(ERR_SCALE, `${field} ${value} is not a 32-bit integer`);
      }
      this[field] = value;
      c[field.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)] = value;
    }
    this.#c = Buffer.alloc(c.size);
    koffi.encode(this.#c, types.scale, c);
    Object.freeze(this);
  }

  /** One of the presets, by its CXM_PRESET_* number (Preset.NPS). */
  static preset(preset) {
    const memory = outStruct(types.scale);
    check(lib().cxm_scale_preset(integer(preset, 'preset'), memory), 'preset', preset);
    return scaleFrom(memory);
  }

  /** A scale from its text form: "nps", "csat5", "1..5/4..5/1..2/share". */
  static parse(form) {
    const bytes = text(form, 'scale text');
    const memory = outStruct(types.scale);
    check(lib().cxm_scale_parse(bytes, bytes.length, memory), 'scale', form);
    return scaleFrom(memory);
  }

  /** A Scale as given, or the scale a text form names. */
  static from(scale) {
    if (scale instanceof Scale) {
      return scale;
    }
    if (typeof scale === 'string') {
      return Scale.parse(scale);
    }
    throw new TypeError(`cxmetrics: a scale is a Scale or its text form, not ${describe(scale)}`);
  }

  get [C]() {
    return this.#c;
  }

  get span() {
    return this.max - this.min + 1;
  }

  /** Throws CxmScaleError (or CxmSizeError) if invalid; returns this otherwise. */
  check() {
    check(lib().cxm_scale_check(this.#c));
    return this;
  }

  /** Equal fields (the rule merge and compare apply). */
  equals(other) {
    const equal = lib().cxm_scale_equal(this.#c, Scale.from(other)[C]);
    check(equal < 0 ? equal : 0);
    return equal === 1;
  }

  /** The canonical text form ("nps" for the NPS preset). */
  toString() {
    return formatted(lib().cxm_scale_format, this.#c);
  }

  toJSON() {
    return this.toString();
  }
}

// A Scale from a cxm_scale the library wrote.
function scaleFrom(memory) {
  const c = koffi.decode(memory, types.scale);
  return new Scale({
    min: c.min, max: c.max, positiveMin: c.positive_min, positiveMax: c.positive_max,
    negativeMin: c.negative_min, negativeMax: c.negative_max, headline: c.headline,
  });
}

// ---- handles: one owner, freed once ---------------------------------------------

// The safety net for handles nobody closed. The held value is the bare
// pointer, never the owning object (which would then never be collected).
const accRegistry = new FinalizationRegistry((pointer) => lib().cxm_acc_free(pointer));
const seriesRegistry = new FinalizationRegistry((pointer) => lib().cxm_series_free(pointer));

// Module-private keys: WRAP lets the static factories wrap a pointer the
// library returned; POINTER and C reach another object's native side.
const WRAP = Symbol('cxmetrics.wrap');
const POINTER = Symbol('cxmetrics.pointer');

// Memory for cxm_acc_init / cxm_series_init: a Buffer (whose storage never
// moves) with room to align the start; returns [buffer, aligned address].
function callerMemory(size) {
  const memory = Buffer.alloc(size + ALIGNMENT);
  const address = koffi.address(memory);
  const offset = Number((BigInt(ALIGNMENT) - (address % BigInt(ALIGNMENT))) % BigInt(ALIGNMENT));
  return [memory, address + BigInt(offset)];
}

class Handle {
  #pointer;
  #memory; // caller memory keeping an in-memory handle alive; null on the heap
  #registry;

  constructor(pointer, memory, registry) {
    this.#pointer = pointer;
    this.#memory = memory;
    this.#registry = memory === null ? registry : null; // nothing to free in caller memory
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

// ---- batches ----------------------------------------------------------------------

// The ratings of addMany as (function, array, n) over the caller's memory when
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
                        `of integers, not ${describe(ratings)}`);
  }
  return ['cxm_acc_add_many', packed(ratings)];
}

function packed(ratings) {
  const values = Array.isArray(ratings) || ArrayBuffer.isView(ratings) ? ratings
    : Array.from(ratings);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`cxmetrics: the rating at index ${i} is not an integer Number: ` +
                          describe(value));
    }
    if (value < INT32_MIN || value > INT32_MAX) {
      throw cxmError(ERR_RANGE, `rating at index ${i}`, i);
    }
    out[i] = value;
  }
  return out;
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
    const bytes = text(form, 'accumulator text');
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
      check(lib().cxm_acc_add(this[POINTER], rating(value)), 'rating', value);
    } else {
      check(lib().cxm_acc_add_count(this[POINTER], rating(value), count(n)), 'rating', value);
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
      check(lib().cxm_acc_remove(this[POINTER], rating(value)), 'rating', value);
    } else {
      check(lib().cxm_acc_remove_count(this[POINTER], rating(value), count(n)), 'rating', value);
    }
    return this;
  }

  reset() {
    check(lib().cxm_acc_reset(this[POINTER]));
    return this;
  }

  /** this += other (same scale). */
  merge(other) {
    check(lib().cxm_acc_merge(this[POINTER], accumulatorArg(other)[POINTER]));
    return this;
  }

  /** this -= other, the exact inverse of merge. */
  subtract(other) {
    check(lib().cxm_acc_subtract(this[POINTER], accumulatorArg(other)[POINTER]));
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
    check(lib().cxm_acc_count(this[POINTER], rating(value), out.pointer), 'rating', value);
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
    return this.encode().equals(accumulatorArg(other).encode());
  }

  /** Every metric at once (cxm_snapshot); counts BigInt, shares in points, NaN where undefined. */
  snapshot() {
    const memory = outStruct(types.snapshot);
    check(lib().cxm_acc_snapshot(this[POINTER], memory));
    return Object.freeze(result(types.snapshot, memory));
  }

  /** A confidence interval: quantity and method by library name or number. */
  interval({ quantity = 'headline', method = 'default', confidence: level = 0.95 } = {}) {
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.interval);
    check(lib().cxm_acc_interval(this[POINTER], q, m, confidence(level), memory));
    return resolved(types.interval, memory);
  }

  /** this - other for two independent samples. */
  compare(other, { quantity = 'headline', method = 'default', confidence: level = 0.95 } = {}) {
    const q = quantityArg(quantity);
    const m = methodArg(method);
    const memory = outStruct(types.comparison);
    check(lib().cxm_acc_compare(this[POINTER], accumulatorArg(other)[POINTER], q, m,
      confidence(level), memory));
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

function accumulatorArg(value) {
  if (!(value instanceof Accumulator)) {
    throw new TypeError(`cxmetrics: expected an Accumulator, not ${describe(value)}`);
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

function encoded(sizeOf, encode, pointer) {
  check(sizeOf(pointer, out.pointer));
  const bytes = Buffer.alloc(Number(out.pointer[0]));
  check(encode(pointer, bytes, bytes.length, out.pointer));
  return bytes.subarray(0, Number(out.pointer[0]));
}

// ---- the series ----------------------------------------------------------------------

/**
 * A ring of accumulators indexed by bucket numbers the caller chooses (days
 * in the tenant's time zone, ISO weeks, ...), retaining the `capacity`
 * buckets (head - capacity, head] (cxm_series; docs/series.md).
 */
class Series {
  #handle;

  constructor(scale, capacityValue, head, pointer, memory = null) {
    if (scale === WRAP) {
      this.#handle = new Handle(pointer, memory, seriesRegistry);
      return;
    }
    check(lib().cxm_series_new(Scale.from(scale)[C], capacity(capacityValue),
      bucket(head, 'head'), out.pointer));
    this.#handle = new Handle(out.pointer[0], null, seriesRegistry);
  }

  static #wrap(pointer, memory = null) {
    return new Series(WRAP, 0, 0, pointer, memory);
  }

  /** Bytes a series of this scale and capacity occupies (cxm_series_footprint). */
  static footprint(scale, capacityValue) {
    const s = Scale.from(scale);
    const size = lib().cxm_series_footprint(s[C], capacity(capacityValue));
    if (size === 0) {
      s.check(); // an invalid scale throws its reason; a valid one leaves the capacity
      throw cxmError(ERR_ARG, `capacity ${capacityValue} is out of range`);
    }
    return size;
  }

  /** A series placed in JS-owned memory (cxm_series_init). */
  static inMemory(scale, capacityValue, head) {
    const s = Scale.from(scale);
    const size = Series.footprint(s, capacityValue);
    const [memory, address] = callerMemory(size);
    check(lib().cxm_series_init(address, size, s[C], capacityValue, bucket(head, 'head'), out.pointer));
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
    return asNumber(out.int64[0]);
  }

  /** Moves the head forward (a head at or before the current one is a no-op). */
  advance(head) {
    check(lib().cxm_series_advance(this[POINTER], bucket(head, 'head')), 'head', head);
    return this;
  }

  /** Records one rating, or `count` copies, in a retained bucket. */
  add(at, value, n = 1) {
    if (n === 1) {
      check(lib().cxm_series_add(this[POINTER], bucket(at), rating(value)), 'bucket', at);
    } else {
      check(lib().cxm_series_add_count(this[POINTER], bucket(at), rating(value), count(n)),
        'bucket', at);
    }
    return this;
  }

  /** Removes `count` copies of a rating from a retained bucket. */
  remove(at, value, n = 1) {
    check(lib().cxm_series_remove_count(this[POINTER], bucket(at), rating(value), count(n)),
      'bucket', at);
    return this;
  }

  /** Adds every count of an accumulator to a retained bucket. */
  addAccumulator(at, acc) {
    check(lib().cxm_series_add_acc(this[POINTER], bucket(at), accumulatorArg(acc)[POINTER]),
      'bucket', at);
    return this;
  }

  /**
   * The buckets first..last summed: into += them when an accumulator is
   * given, else a new accumulator. Returns the accumulator.
   */
  sum(first, last, into) {
    const target = into === undefined ? new Accumulator(this.scale) : accumulatorArg(into);
    const status = lib().cxm_series_sum(this[POINTER], bucket(first, 'first'),
      bucket(last, 'last'), target[POINTER]);
    if (status !== 0 && into === undefined) {
      target.close();
    }
    check(status, 'buckets', `${first}..${last}`);
    return target;
  }

  /** this += other, bucket by bucket (heads advance to the later one). */
  merge(other) {
    if (!(other instanceof Series)) {
      throw new TypeError(`cxmetrics: expected a Series, not ${describe(other)}`);
    }
    check(lib().cxm_series_merge(this[POINTER], other[POINTER]));
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

// `using acc = new Accumulator(...)` (explicit resource management) where the
// runtime has Symbol.dispose (Node 20 has the symbol; the `using` syntax comes
// with Node 24): the same as close().
if (typeof Symbol.dispose === 'symbol') {
  for (const Class of [Accumulator, Series]) {
    Object.defineProperty(Class.prototype, Symbol.dispose, {
      value() { this.close(); }, writable: true, configurable: true,
    });
  }
}

module.exports = {
  load, native, version, errorFor, statusName, statusMessage, methodName, parseMethod, quantityName,
  parseQuantity, headlineName, parseHeadline, Scale, Accumulator, Series, Headline, Preset, TEXT_MAX,
  ENCODED_MAX, SERIES_MAX_CAPACITY, SERIES_BUCKET_LIMIT, PROTOTYPES, types,
  CxmError, CxmNullError, CxmScaleError, CxmRangeError, CxmNoMemoryError, CxmOverflowError,
  CxmAbsentError, CxmMismatchError, CxmSizeError, CxmFormatError, CxmArgumentError,
  CxmEmptyError, CxmWindowError,
};
