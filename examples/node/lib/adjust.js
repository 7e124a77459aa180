'use strict';
// Adjusted p-values for many comparisons at once (cxm_adjust_p, since 1.2):
// exactly R's p.adjust, with the library's method names.

const { ERR_ARG, check, cxmError } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out } = require('./library.js');

function adjustName(method) {
  arg.integer(method, 'adjustment');
  return method < arg.INT32_MIN || method > arg.INT32_MAX ? null : lib().cxm_adjust_name(method);
}

function parseAdjust(name) {
  const bytes = arg.text(name, 'adjustment');
  if (lib().cxm_adjust_parse(bytes, bytes.length, out.int) !== 0) {
    throw cxmError(ERR_ARG, unknown(name)); // its one refusal of a string
  }
  return out.int[0];
}

// The detail of a method the library does not know, with those it does.
function unknown(method) {
  const names = [];
  for (let name; (name = lib().cxm_adjust_name(names.length + 1)) !== null;) { // CXM_ADJUST_* count from 1
    names.push(name);
  }
  const shown = typeof method === 'string' ? JSON.stringify(method) : method;
  return `unknown method ${shown}; valid: ${names.join(', ')}`;
}

// What cxm_adjust_p refused: the method, or the first p-value outside [0, 1]
// that is not NaN (NaN is a p-value it keeps as it is).
function refusal(values, method, code) {
  if (lib().cxm_adjust_name(code) === null) {
    return unknown(method);
  }
  const index = values.findIndex((p) => !(p >= 0 && p <= 1) && !Number.isNaN(p));
  return `the p-value at index ${index} is ${values[index]}, outside [0, 1]`;
}

/**
 * The p-values adjusted for the number of them that are not NaN, in their
 * order, exactly as R's p.adjust does: method 'bonferroni', 'holm',
 * 'hochberg', 'bh' (Benjamini-Hochberg) or 'by' (Benjamini-Yekutieli), or a
 * CXM_ADJUST_* number. NaN stays NaN. Returns an Array.
 */
function adjustP(pValues, method) {
  const code = typeof method === 'string' ? parseAdjust(method)
    : arg.int32(method, 'adjustment', ERR_ARG);
  if (pValues === null || typeof pValues !== 'object' || !(Symbol.iterator in pValues)) {
    throw new TypeError(`cxmetrics: p-values are an array of Numbers, not ${arg.describe(pValues)}`);
  }
  const values = Float64Array.from(pValues, (p, i) => {
    if (typeof p !== 'number') {
      throw new TypeError(`cxmetrics: the p-value at index ${i} is not a Number: ${arg.describe(p)}`);
    }
    return p;
  });
  const status = lib().cxm_adjust_p(values, values.length, code, values);
  if (status === ERR_ARG) {
    throw cxmError(ERR_ARG, refusal(values, method, code));
  }
  check(status);
  return Array.from(values);
}

module.exports = { adjustName, parseAdjust, adjustP };
