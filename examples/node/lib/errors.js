'use strict';
// One Error subclass per status of the library, carrying its name and
// sentence (cxm_status_name, cxm_status_message). A value the library would
// refuse but the FFI cannot carry intact (a rating beyond int32) throws the
// same class here, before any call.

const { lib } = require('./library.js');

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

const CLASSES = [CxmNullError, CxmScaleError, CxmRangeError, CxmNoMemoryError, CxmOverflowError,
  CxmAbsentError, CxmMismatchError, CxmSizeError, CxmFormatError, CxmArgumentError,
  CxmEmptyError, CxmWindowError];
const ERRORS = new Map();
CLASSES.forEach((cls, i) => {
  cls.status = -(i + 1); // CXM_ERR_NULL = -1 ... CXM_ERR_WINDOW = -12
  ERRORS.set(cls.status, cls);
});

// The statuses this module throws by name, before a call, for what the FFI
// could not carry: the library's own answer to the same input.
const ERR_SCALE = -2;
const ERR_RANGE = -3;
const ERR_OVERFLOW = -5;
const ERR_FORMAT = -9;
const ERR_ARG = -10;

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

module.exports = {
  CxmError, CLASSES, ERR_SCALE, ERR_RANGE, ERR_OVERFLOW, ERR_FORMAT, ERR_ARG, cxmError, check,
  ...Object.fromEntries(CLASSES.map((cls) => [cls.name, cls])),
};
