'use strict';
// Rating scales (cxm_scale) and what a scale resolves a quantity and a method
// to (cxm_method_resolve).

const koffi = require('koffi');
const { ERR_ARG, ERR_FORMAT, ERR_SCALE, check } = require('./errors.js');
const { describe, int32, options, text } = require('./arguments.js');
const { lib, out, types } = require('./library.js');
const { methodArg, methodName, quantityArg, quantityName } = require('./names.js');
const { formatted, outStruct } = require('./results.js');

const Headline = Object.freeze({ POSITIVE_SHARE: 1, NET: 2, MEAN: 3 });
const Preset = Object.freeze({
  CSAT_5: 1, CSAT_3: 2, CSAT_10: 3, CSAT_BINARY: 4, NPS: 5, CES_7: 6, CES_5: 7, NET_EASY_7: 8,
});
// Which table of methods resolveMethod consults (CXM_USE_*).
const Use = Object.freeze({ INTERVAL: 1, COMPARE: 2, WEIGHTED_INTERVAL: 3, WEIGHTED_COMPARE: 4 });
const SCALE_MAX_RATINGS = 101; // CXM_SCALE_MAX_RATINGS

// Module-private key: a Scale's cxm_scale memory, for the other classes.
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
    if (fields === null || typeof fields !== 'object') {
      throw new TypeError(`cxmetrics: a Scale is made from its fields, not ${describe(fields)}`);
    }
    const c = { size: koffi.sizeof(types.scale) };
    for (const field of SCALE_FIELDS) {
      const value = int32(fields[field], `scale field ${field}`, ERR_SCALE);
      this[field] = value;
      c[field.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)] = value;
    }
    this.#c = Buffer.alloc(c.size);
    koffi.encode(this.#c, types.scale, c);
    Object.freeze(this);
  }

  /**
   * One of the presets, by the library's name ('csat5', 'csat3', 'csat10',
   * 'csat2', 'nps', 'ces7', 'ces5', 'neteasy7'; aliases 'csat' and 'ces') or
   * its CXM_PRESET_* number (Preset.NPS). CxmArgumentError for anything else,
   * a custom scale's text form included (that is Scale.parse's).
   */
  static preset(preset) {
    const memory = outStruct(types.scale);
    let status;
    if (typeof preset === 'string') {
      const bytes = text(preset, 'preset');
      status = lib().cxm_scale_parse(bytes, bytes.length, memory);
      if (status === ERR_FORMAT || (status === 0 && preset.includes('/'))) {
        status = ERR_ARG; // not a preset's name
      }
    } else {
      status = lib().cxm_scale_preset(int32(preset, 'preset', ERR_ARG), memory);
    }
    check(status, 'preset', preset);
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

const RESOLVE_OPTIONS = ['quantity', 'method', 'use'];

/**
 * What an interval (use: Use.INTERVAL, the default), a comparison
 * (Use.COMPARE) or their weighted forms on this scale resolve quantity and
 * method to, without any data (cxm_method_resolve), by name:
 * resolveMethod('nps') is { quantity: 'net', method: 'adjusted-wald' }.
 */
function resolveMethod(scale, opts) {
  const { quantity = 'headline', method = 'default', use = Use.INTERVAL } =
    options(opts, RESOLVE_OPTIONS, 'resolveMethod');
  const s = Scale.from(scale);
  check(lib().cxm_method_resolve(s[C], quantityArg(quantity), methodArg(method),
    int32(use, 'use', ERR_ARG), out.int, out.int2), 'quantity and method',
  `${JSON.stringify(quantity)}, ${JSON.stringify(method)}`);
  return Object.freeze({ quantity: quantityName(out.int[0]), method: methodName(out.int2[0]) });
}

module.exports = { Headline, Preset, Use, SCALE_MAX_RATINGS, C, Scale, scaleFrom, resolveMethod };
