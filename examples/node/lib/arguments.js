'use strict';
// Arguments checked before they reach C, where koffi would silently wrap or
// truncate them (4.9 as an int32_t is 4, -1 as a uint64_t is 2^64 - 1).
//
// One rule for every method of the module:
//  - a value of the wrong type (a string, a boolean, a fraction or a BigInt
//    where an integer Number belongs; anything but an object for options;
//    an option the method does not have) is a TypeError;
//  - an integer beyond what the C parameter holds is refused with the
//    CxmError the library gives for an invalid value of that argument
//    (CxmRangeError for a rating, CxmArgumentError for a quantity, a method,
//    a preset, a bucket or a capacity, CxmOverflowError for a count past
//    UINT64_MAX);
//  - nothing is ever replaced by a default.

const { ERR_ARG, ERR_OVERFLOW, ERR_RANGE, cxmError } = require('./errors.js');

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function describe(value) {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  return typeof value === 'bigint' ? `${value}n` : `${String(value)} (${typeof value})`;
}

// The noun with its indefinite article: "an Accumulator", "a Series".
function indefinite(noun) {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function integer(value, what) {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`cxmetrics: ${what} must be an integer Number, not ${describe(value)}`);
  }
  return value;
}

// An integer that a C int32_t (or int) parameter holds; else the library's
// status for an invalid value of that argument.
function int32(value, what, status) {
  integer(value, what);
  if (value < INT32_MIN || value > INT32_MAX) {
    throw cxmError(status, `${what} ${value} is not a 32-bit integer`);
  }
  return value;
}

function rating(value, what = 'rating') {
  return int32(value, what, ERR_RANGE);
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

// The options object of a method: undefined (every default), or a plain
// object whose keys are all among `known`; a string (interval('mean')), null,
// an array or a misspelt option is a TypeError, never a silent default.
function options(value, known, method) {
  if (value === undefined) {
    return {};
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`cxmetrics: the options of ${method}() are an object such as ` +
      `{ ${known.join(', ')} }, not ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new TypeError(`cxmetrics: ${method}() has no option ${JSON.stringify(key)} ` +
        `(its options: ${known.join(', ')})`);
    }
  }
  return value;
}

// An int64 result as a Number, or the BigInt itself past 2^53.
function asNumber(value) {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

module.exports = {
  INT32_MIN, INT32_MAX, describe, indefinite, integer, int32, rating, wide, count, bucket, capacity,
  confidence, text, options, asNumber,
};
