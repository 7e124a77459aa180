'use strict';
// The weighted accumulator (cxm_wacc, since 1.2): per rating, the exact sums
// of the responses c, of their weights W and of the squared weights Q, with
// design-based statistics (docs/statistics.md, "Weighted responses").

const { ERR_ARG, check, cxmError } = require('./errors.js');
const arg = require('./arguments.js');
const { lib } = require('./library.js');
const { POINTER, instanceArg, registry } = require('./handle.js');
const { NATIVE, State } = require('./state.js');
const { Accumulator } = require('./accumulator.js');

const WACC_ENCODED_MAX = 3378; // CXM_WACC_ENCODED_MAX
const WACC_TEXT_MAX = 8022; // CXM_WACC_TEXT_MAX
const UINT32_MAX = 2 ** 32 - 1; // the largest weight

const sums = { count: new BigUint64Array(1), weight: new BigUint64Array(1),
  squares: new BigUint64Array(2) };

// A weight for cxm_wacc_add and cxm_wacc_remove, 1 .. 2^32 - 1: an integer
// the library judges, 0 included (its CxmArgumentError, after a rating
// outside the scale: the header's order); one no uint32_t holds (negative,
// or 2^32 and up) gets that answer here, as the FFI would wrap it.
function weight(value) {
  arg.integer(value, 'weight');
  if (value < 0 || value > UINT32_MAX) {
    throw cxmError(ERR_ARG, `weight ${value} is not in 1 .. 2^32 - 1`);
  }
  return value;
}

// Throws for what cxm_wacc_add or cxm_wacc_remove refused, naming the
// response: rating and weight (the detail is built only then).
function recorded(status, rating, w) {
  if (status !== 0) {
    throw cxmError(status, `rating ${rating}, weight ${w}`);
  }
}

// The sums cxm_wacc_cell or cxm_wacc_totals wrote, as BigInts.
function cell() {
  return Object.freeze({
    count: sums.count[0], weight: sums.weight[0],
    squares: (sums.squares[0] << 64n) | sums.squares[1],
  });
}

/**
 * Responses with positive integer weights in a unit the caller chooses
 * (dollars of ARR, survey weights times 1000), kept exactly (cxm_wacc):
 * merges, subtracts, encodes and parses like Accumulator, and gives
 * design-based intervals (Korn-Graubard, Wald-t, logit) and Welch-type
 * comparisons. A weight says how much one respondent stands for, never how
 * many respondents there were: k identical answers are a count, for
 * Accumulator#add(rating, k). Creating, merging, snapshot() (weightTotal and
 * nEffective too), interval() (shares: 'clopper-pearson', Korn-Graubard, the
 * default; 'wald', 'logit'; net 'wald'; mean 't'), compare(), the encoding
 * and the text form ("nps[9:2/150/12500]") are State's; recording and the
 * sums its own.
 */
class WeightedAccumulator extends State {
  static [NATIVE] = {
    prefix: 'cxm_wacc', what: 'weighted accumulator',
    registry: registry(() => lib().cxm_wacc_free), textMax: WACC_TEXT_MAX,
  };

  /** Records one response with its weight, 1 .. 2^32 - 1 (cxm_wacc_add). */
  add(value, w) {
    recorded(lib().cxm_wacc_add(this[POINTER], arg.rating(value), weight(w)), value, w);
    return this;
  }

  /** Removes one response recorded with this rating and weight (cxm_wacc_remove). */
  remove(value, w) {
    recorded(lib().cxm_wacc_remove(this[POINTER], arg.rating(value), weight(w)), value, w);
    return this;
  }

  /** One rating's sums { count, weight, squares } as BigInts (cxm_wacc_cell). */
  cell(value) {
    check(lib().cxm_wacc_cell(this[POINTER], arg.rating(value), sums.count, sums.weight,
      sums.squares), 'rating', value);
    return cell();
  }

  /** The sums over every rating (cxm_wacc_totals). */
  totals() {
    check(lib().cxm_wacc_totals(this[POINTER], sums.count, sums.weight, sums.squares));
    return cell();
  }

  /** The responses without their weights: into += the counts, or a new accumulator. */
  unweighted(into) {
    const target = into === undefined ? new Accumulator(this.scale) : instanceArg(into, Accumulator);
    const status = lib().cxm_wacc_unweighted(this[POINTER], target[POINTER]);
    if (status !== 0 && into === undefined) {
      target.close();
    }
    check(status);
    return target;
  }
}

module.exports = { WACC_ENCODED_MAX, WACC_TEXT_MAX, WeightedAccumulator };
