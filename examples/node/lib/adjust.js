'use strict';
// Adjusted p-values for many comparisons at once (cxm_adjust_p, since 1.2):
// exactly R's p.adjust, with the library's method names.

const { ERR_ARG, check } = require('./errors.js');
const arg = require('./arguments.js');
const { lib, out } = require('./library.js');

function adjustName(method) {
  arg.integer(method, 'adjustment');
  return method < arg.INT32_MIN || method > arg.INT32_MAX ? null : lib().cxm_adjust_name(method);
}

function parseAdjust(name) {
  const bytes = arg.text(name, 'adjustment');
  check(lib().cxm_adjust_parse(bytes, bytes.length, out.int), 'adjustment', name);
  return out.int[0];
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
  check(lib().cxm_adjust_p(values, values.length, code, values), 'method', method);
  return Array.from(values);
}

module.exports = { adjustName, parseAdjust, adjustP };
