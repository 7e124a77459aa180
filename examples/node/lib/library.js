'use strict';
// Loading libcxmetrics and declaring its functions exactly as
// include/cxmetrics.h declares them: the structs field for field (each
// starting with its `size`), every function from its C prototype.
//
// The library is found, in this order: the path given to load(), the
// environment variable CXM_LIBRARY, then the system loader (libcxmetrics.so.1,
// the SONAME the Debian package libcxmetrics1 installs). A library of another
// ABI major, or older than this module, is refused before anything else is
// declared.

const koffi = require('koffi');

const ABI_MAJOR = 1; // the SONAME number this module is written for
const OLDEST = 10200; // the oldest library (cxm_version_number) with every function below
const SONAME = `libcxmetrics.so.${ABI_MAJOR}`;
const ENVIRONMENT = 'CXM_LIBRARY';

/**
 * The library cannot be used: not found (the message names the library, where
 * it was looked for, and CXM_LIBRARY), of another ABI major, or too old.
 */
class CxmLibraryError extends Error {
  constructor(message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CxmLibraryError';
    this.code = 'ERR_CXM_LIBRARY';
  }
}

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
    weight_total: 'double', n_effective: 'double', // since 1.2
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
  recorder: koffi.opaque('cxm_recorder'),
  wacc: koffi.opaque('cxm_wacc'),
};

// ---- the functions, as include/cxmetrics.h declares them --------------------
// (tests/binding.test.js compares each with the prototype the ABI baseline
// records, tests/abi/interface.json)

const VERSION_PROTOTYPES = [
  'uint32_t cxm_version_number(void)',
  'const char *cxm_version_string(void)',
];

const PROTOTYPES = [
  ...VERSION_PROTOTYPES,
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
  // 1.2
  'int cxm_method_resolve(const cxm_scale *scale, int quantity, int method, int use, int *quantity_out, int *method_out)',
  'int cxm_recorder_new(const cxm_scale *scale, cxm_recorder **out)',
  'size_t cxm_recorder_footprint(const cxm_scale *scale)',
  'int cxm_recorder_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_recorder **out)',
  'void cxm_recorder_free(cxm_recorder *r)',
  'int cxm_recorder_add(cxm_recorder *r, int32_t rating)',
  'int cxm_recorder_add_count(cxm_recorder *r, int32_t rating, uint64_t count)',
  'int cxm_recorder_collect(cxm_recorder *r, cxm_acc *into)',
  'int cxm_adjust_p(const double *p, size_t n, int method, double *out)',
  'const char *cxm_adjust_name(int method)',
  'int cxm_adjust_parse(const char *text, size_t len, int *out)',
  'int cxm_plan_sample_size(const cxm_scale *scale, const cxm_acc *expected, int quantity, double confidence, double half_width, uint64_t population, uint64_t *out)',
  'int cxm_wacc_new(const cxm_scale *scale, cxm_wacc **out)',
  'size_t cxm_wacc_footprint(const cxm_scale *scale)',
  'int cxm_wacc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_wacc **out)',
  'void cxm_wacc_free(cxm_wacc *w)',
  'int cxm_wacc_clone(const cxm_wacc *w, cxm_wacc **out)',
  'int cxm_wacc_reset(cxm_wacc *w)',
  'int cxm_wacc_scale(const cxm_wacc *w, cxm_scale *out)',
  'int cxm_wacc_add(cxm_wacc *w, int32_t rating, uint32_t weight)',
  'int cxm_wacc_remove(cxm_wacc *w, int32_t rating, uint32_t weight)',
  'int cxm_wacc_merge(cxm_wacc *into, const cxm_wacc *from)',
  'int cxm_wacc_subtract(cxm_wacc *from, const cxm_wacc *part)',
  'int cxm_wacc_cell(const cxm_wacc *w, int32_t rating, uint64_t *count, uint64_t *weight, uint64_t *squares)',
  'int cxm_wacc_totals(const cxm_wacc *w, uint64_t *count, uint64_t *weight, uint64_t *squares)',
  'int cxm_wacc_unweighted(const cxm_wacc *w, cxm_acc *into)',
  'int cxm_wacc_snapshot(const cxm_wacc *w, cxm_snapshot *out)',
  'int cxm_wacc_interval(const cxm_wacc *w, int quantity, int method, double confidence, cxm_interval *out)',
  'int cxm_wacc_compare(const cxm_wacc *a, const cxm_wacc *b, int quantity, int method, double confidence, cxm_comparison *out)',
  'int cxm_wacc_encoded_size(const cxm_wacc *w, size_t *out)',
  'int cxm_wacc_encode(const cxm_wacc *w, void *buf, size_t cap, size_t *written)',
  'int cxm_wacc_decode(const void *buf, size_t len, cxm_wacc **out)',
  'int cxm_wacc_format(const cxm_wacc *w, char *buf, size_t cap, size_t *written)',
  'int cxm_wacc_parse(const char *text, size_t len, cxm_wacc **out)',
];

// Out-parameters: one element each, reused by every call (JS runs one call
// at a time per thread, and each worker thread has its own module instance).
// A value is read out right after the call that wrote it.
const out = {
  pointer: new BigUint64Array(1), // cxm_acc **, cxm_series **, size_t *, uint64_t *
  int: new Int32Array(1),
  int2: new Int32Array(1), // a second int *, for cxm_method_resolve
  uint32: new Uint32Array(1),
  int64: new BigInt64Array(1),
};

let loaded = null; // { path, fn: { cxm_...: function } }

function functionName(prototype) {
  return /\b(cxm_\w+)\(/.exec(prototype)[1];
}

function open(file, where) {
  try {
    return koffi.load(file);
  } catch (e) {
    throw new CxmLibraryError(`cxmetrics: cannot load ${file} (looked up through ${where}: ` +
      `${e.message}). Install libcxmetrics${ABI_MAJOR} (the Debian package), run ldconfig ` +
      `after \`cmake --install\` to /usr/local, or set ${ENVIRONMENT} to the library's path`, e);
  }
}

function declare(handle, prototypes) {
  const fn = {};
  for (const prototype of prototypes) {
    fn[functionName(prototype)] = handle.func(prototype);
  }
  return fn;
}

/**
 * Loads the library (an explicit path, else $CXM_LIBRARY, else the system
 * loader), declares every function and makes it the one this module uses.
 * Returns the path loaded. On CxmLibraryError the library loaded before stays.
 */
function load(path) {
  const env = process.env[ENVIRONMENT];
  const file = path || env || SONAME;
  const handle = open(file, path ? 'the path given to load()' : env ? `$${ENVIRONMENT}`
    : 'the system loader');
  // The version first: another major's other functions may not even exist.
  let version;
  try {
    version = declare(handle, VERSION_PROTOTYPES);
  } catch (e) {
    throw new CxmLibraryError(`cxmetrics: ${file} is not libcxmetrics: it has no ` +
      `cxm_version_number; set ${ENVIRONMENT} to the path of ${SONAME}`, e);
  }
  const number = version.cxm_version_number();
  const major = Math.floor(number / 10000);
  if (major !== ABI_MAJOR) {
    throw new CxmLibraryError(`cxmetrics: ${file} is libcxmetrics ${version.cxm_version_string()}, ` +
      `of ABI ${major}; this module needs ABI ${ABI_MAJOR} (${SONAME}): install ` +
      `libcxmetrics${ABI_MAJOR} or point ${ENVIRONMENT} at it`);
  }
  if (number < OLDEST) {
    throw new CxmLibraryError(`cxmetrics: ${file} is libcxmetrics ${version.cxm_version_string()}; ` +
      `this module needs ${Math.floor(OLDEST / 10000)}.${Math.floor(OLDEST / 100) % 100} or later`);
  }
  let fn;
  try {
    fn = declare(handle, PROTOTYPES);
  } catch (e) { // a build between releases, or not libcxmetrics at all
    throw new CxmLibraryError(`cxmetrics: ${file} (libcxmetrics ${version.cxm_version_string()}) ` +
      `lacks a function this module needs: ${e.message}`, e);
  }
  loaded = { path: file, fn };
  return file;
}

/** The declared functions by C name, loading the library on first use. */
function lib() {
  if (loaded === null) {
    load();
  }
  return loaded.fn;
}

function version() {
  const fn = lib();
  return { string: fn.cxm_version_string(), number: fn.cxm_version_number() };
}

module.exports = {
  ABI_MAJOR, SONAME, CxmLibraryError, types, PROTOTYPES, out, load, lib, version,
};
