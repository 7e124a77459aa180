'use strict';
/**
 * cxmetrics from Node.js through koffi: CSAT, NPS and CES from survey
 * ratings, exactly, with honest statistics — the binding of libcxmetrics
 * (include/cxmetrics.h). No compiled glue, one dependency.
 *
 * Every function of the library is declared from its C prototype
 * (lib/library.js), the structs are mirrored field for field, every non-OK
 * status becomes an Error subclass carrying the library's name and sentence
 * (lib/errors.js), and each native handle is owned by one JS object that
 * frees it exactly once: at close() (or [Symbol.dispose]) or, failing that,
 * when the garbage collector reclaims the object (lib/handle.js).
 *
 *     const cxm = require('cxmetrics');
 *     const acc = new cxm.Accumulator('nps');
 *     acc.addMany(Buffer.from([10, 9, 9, 8, 7, 10, 3, 9, 6, 10]));
 *     const s = acc.snapshot();
 *     console.log(`NPS ${s.score.toFixed(1)} (${s.scoreLow.toFixed(1)} to ${s.scoreHigh.toFixed(1)})`);
 *     acc.close();
 *
 * The library is found, in this order: the path given to load(), the
 * environment variable CXM_LIBRARY, then the system loader (libcxmetrics.so.1,
 * as the Debian package libcxmetrics1 installs it).
 *
 * Numbers: ratings are integer Numbers; counts (uint64) come back as BigInt
 * and are accepted as safe-integer Numbers or BigInts; bucket numbers (int64)
 * are accepted the same way and come back as Numbers (BigInt only past
 * Number.MAX_SAFE_INTEGER). Anything else is a TypeError, never a silent
 * truncation (lib/arguments.js has the rule). cxmetrics.d.ts declares it all.
 */

const library = require('./lib/library.js');
const errors = require('./lib/errors.js');
const names = require('./lib/names.js');
const { TEXT_MAX } = require('./lib/results.js');
const scale = require('./lib/scale.js');
const { ACC_FOOTPRINT_MAX, ENCODED_MAX, Accumulator } = require('./lib/accumulator.js');
const { SERIES_BUCKET_LIMIT, SERIES_MAX_CAPACITY, Series } = require('./lib/series.js');
const { Recorder } = require('./lib/recorder.js');
const { adjustName, adjustP, parseAdjust } = require('./lib/adjust.js');
const { planSampleSize } = require('./lib/plan.js');
const { WACC_ENCODED_MAX, WACC_TEXT_MAX, WeightedAccumulator } = require('./lib/weighted.js');
const { integer } = require('./lib/arguments.js');

/** The declared koffi functions by C name, for calls this module does not wrap. */
function native() {
  return library.lib();
}

/** The Error this module throws for a status (e.g. one a native() call returned). */
function errorFor(status, detail, index) {
  return errors.cxmError(integer(status, 'status'), detail, index);
}

function statusName(status) {
  return library.lib().cxm_status_name(integer(status, 'status'));
}

function statusMessage(status) {
  return library.lib().cxm_status_message(integer(status, 'status'));
}

// `using acc = new Accumulator(...)` (explicit resource management) where the
// runtime has Symbol.dispose (Node 20 has the symbol; the `using` syntax comes
// with Node 24): the same as close().
if (typeof Symbol.dispose === 'symbol') {
  for (const Class of [Accumulator, Series, Recorder, WeightedAccumulator]) {
    Object.defineProperty(Class.prototype, Symbol.dispose, {
      value() { this.close(); }, writable: true, configurable: true,
    });
  }
}

module.exports = {
  load: library.load,
  native,
  version: library.version,
  errorFor,
  statusName,
  statusMessage,
  methodName: names.methodName,
  parseMethod: names.parseMethod,
  quantityName: names.quantityName,
  parseQuantity: names.parseQuantity,
  headlineName: names.headlineName,
  parseHeadline: names.parseHeadline,
  resolveMethod: scale.resolveMethod,
  adjustP,
  adjustName,
  parseAdjust,
  planSampleSize,
  Scale: scale.Scale,
  Accumulator,
  Series,
  Recorder,
  WeightedAccumulator,
  Headline: scale.Headline,
  Preset: scale.Preset,
  Use: scale.Use,
  ABI_MAJOR: library.ABI_MAJOR,
  SCALE_MAX_RATINGS: scale.SCALE_MAX_RATINGS,
  ACC_FOOTPRINT_MAX,
  TEXT_MAX,
  ENCODED_MAX,
  SERIES_MAX_CAPACITY,
  SERIES_BUCKET_LIMIT,
  WACC_ENCODED_MAX,
  WACC_TEXT_MAX,
  PROTOTYPES: library.PROTOTYPES,
  types: library.types,
  CxmLibraryError: library.CxmLibraryError,
  CxmError: errors.CxmError,
  CxmNullError: errors.CxmNullError,
  CxmScaleError: errors.CxmScaleError,
  CxmRangeError: errors.CxmRangeError,
  CxmNoMemoryError: errors.CxmNoMemoryError,
  CxmOverflowError: errors.CxmOverflowError,
  CxmAbsentError: errors.CxmAbsentError,
  CxmMismatchError: errors.CxmMismatchError,
  CxmSizeError: errors.CxmSizeError,
  CxmFormatError: errors.CxmFormatError,
  CxmArgumentError: errors.CxmArgumentError,
  CxmEmptyError: errors.CxmEmptyError,
  CxmWindowError: errors.CxmWindowError,
};
