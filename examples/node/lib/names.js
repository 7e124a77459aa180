'use strict';
// Names of methods, quantities and headlines: the library's, never a table
// here (cxm_method_name / _parse, cxm_quantity_name / _parse,
// cxm_headline_name / _parse).

const { ERR_ARG, check } = require('./errors.js');
const { INT32_MAX, INT32_MIN, int32, integer, text } = require('./arguments.js');
const { lib, out } = require('./library.js');

// The name of a number, or null for one that no C int holds (never wrapped
// into another's name).
function nameOf(toName, value, what) {
  integer(value, what);
  return value < INT32_MIN || value > INT32_MAX ? null : toName(value);
}

function methodName(method) {
  return nameOf(lib().cxm_method_name, method, 'method');
}

function quantityName(quantity) {
  return nameOf(lib().cxm_quantity_name, quantity, 'quantity');
}

function headlineName(headline) {
  return nameOf(lib().cxm_headline_name, headline, 'headline');
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
  return typeof value === 'string' ? parseQuantity(value) : int32(value, 'quantity', ERR_ARG);
}

function methodArg(value) {
  return typeof value === 'string' ? parseMethod(value) : int32(value, 'method', ERR_ARG);
}

module.exports = {
  methodName, quantityName, headlineName, parseMethod, parseQuantity, parseHeadline,
  quantityArg, methodArg,
};
