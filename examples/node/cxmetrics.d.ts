// Type declarations of cxmetrics, the Node.js binding of libcxmetrics,
// written by hand from cxmetrics.js and checked by `tsc --strict` on a
// program that uses every class (tests/types/usage.ts, run by ctest's
// node_types and node_package). The names of quantities, methods and
// headlines below are the library's (cxm_*_name), which tests/binding.test.js
// compares with these unions.
/// <reference types="node" />

// ---- names -------------------------------------------------------------------

/** A quantity by the library's name (cxm_quantity_name). */
export type QuantityName = 'headline' | 'positive-share' | 'negative-share' | 'net' | 'mean';

/** A method by the library's name (cxm_method_name); logit and jeffreys since 1.2. */
export type MethodName =
  | 'default' | 'wilson' | 'wilson-cc' | 'agresti-coull' | 'clopper-pearson' | 'wald'
  | 'adjusted-wald' | 'score' | 't' | 'logit' | 'jeffreys';

/** A quantity as a result carries it: never 'headline'. */
export type ResolvedQuantityName = Exclude<QuantityName, 'headline'>;

/** A method as a result carries it: never 'default'. */
export type ResolvedMethodName = Exclude<MethodName, 'default'>;

/** A headline by the library's word, as the scale's text form writes it. */
export type HeadlineName = 'share' | 'net' | 'mean';

/** A p-value adjustment by the library's name (cxm_adjust_name, since 1.2). */
export type AdjustName = 'bonferroni' | 'holm' | 'hochberg' | 'bh' | 'by';

/** A preset by the library's name (its text form), with the aliases 'csat' and 'ces'. */
export type PresetName =
  'csat5' | 'csat3' | 'csat10' | 'csat2' | 'nps' | 'ces7' | 'ces5' | 'neteasy7' | 'csat' | 'ces';

// ---- constants: the values of include/cxmetrics.h ---------------------------

/** CXM_HEADLINE_*: which number a scale's dashboards show. */
export declare const Headline: {
  readonly POSITIVE_SHARE: number;
  readonly NET: number;
  readonly MEAN: number;
};

/** CXM_PRESET_*: the scales in common use. */
export declare const Preset: {
  readonly CSAT_5: number;
  readonly CSAT_3: number;
  readonly CSAT_10: number;
  readonly CSAT_BINARY: number;
  readonly NPS: number;
  readonly CES_7: number;
  readonly CES_5: number;
  readonly NET_EASY_7: number;
};

/** CXM_USE_*: which table of methods resolveMethod consults (since 1.2). */
export declare const Use: {
  readonly INTERVAL: number;
  readonly COMPARE: number;
  readonly WEIGHTED_INTERVAL: number;
  readonly WEIGHTED_COMPARE: number;
};

/** The SONAME major this module is written for (libcxmetrics.so.1). */
export declare const ABI_MAJOR: number;
/** CXM_SCALE_MAX_RATINGS: the most ratings a scale may span. */
export declare const SCALE_MAX_RATINGS: number;
/** CXM_ACC_FOOTPRINT_MAX: bytes that hold an accumulator of any scale. */
export declare const ACC_FOOTPRINT_MAX: number;
/** CXM_TEXT_MAX: bytes that hold any formatted scale or accumulator. */
export declare const TEXT_MAX: number;
/** CXM_ENCODED_MAX: the longest encoding of any accumulator. */
export declare const ENCODED_MAX: number;
/** CXM_SERIES_MAX_CAPACITY: the most buckets a series may retain. */
export declare const SERIES_MAX_CAPACITY: number;
/** CXM_SERIES_BUCKET_LIMIT: the largest magnitude of a bucket number, 2^62. */
export declare const SERIES_BUCKET_LIMIT: bigint;
/** CXM_WACC_ENCODED_MAX: the longest encoding of any weighted accumulator (since 1.2). */
export declare const WACC_ENCODED_MAX: number;
/** CXM_WACC_TEXT_MAX: the longest text form of a weighted accumulator, NUL included. */
export declare const WACC_TEXT_MAX: number;

// ---- arguments ----------------------------------------------------------------

/** A count (uint64): a safe-integer Number or a BigInt. */
export type Count = number | bigint;

/** A bucket number or head (int64): a safe-integer Number or a BigInt. */
export type Bucket = number | bigint;

/** A scale, or its text form ("nps", "1..5/4..5/1..2/share"). */
export type ScaleLike = Scale | string;

/**
 * Ratings for addMany: bytes (Buffer, Uint8Array, Uint8ClampedArray,
 * ArrayBuffer) and Int32Array go to C without a copy; any other iterable of
 * integer Numbers is packed first.
 */
export type Ratings = Uint8Array | Uint8ClampedArray | Int32Array | ArrayBuffer | Iterable<number>;

/** Encoded bytes. */
export type Bytes = Uint8Array | ArrayBuffer;

/** What an interval or a comparison is about, and how it is computed. */
export interface StatisticsOptions {
  /** a library name or a CXM_QUANTITY_* number; default 'headline' */
  quantity?: QuantityName | number;
  /** a library name or a CXM_METHOD_* number; default 'default' */
  method?: MethodName | number;
  /** in (0, 1); default 0.95 */
  confidence?: number;
}

/** resolveMethod's question: a quantity and a method for one use. */
export interface ResolveOptions {
  quantity?: QuantityName | number;
  method?: MethodName | number;
  /** one of Use; default Use.INTERVAL */
  use?: number;
}

// ---- results ------------------------------------------------------------------

/** Every metric at once (cxm_snapshot): counts BigInt, shares in points, NaN where undefined. */
export interface Snapshot {
  /** the scale's CXM_HEADLINE_* value (headlineName converts it) */
  readonly headline: number;
  readonly n: bigint;
  readonly positive: bigint;
  readonly neutral: bigint;
  readonly negative: bigint;
  readonly positiveShare: number;
  readonly negativeShare: number;
  readonly net: number;
  readonly mean: number;
  readonly stddev: number;
  readonly score: number;
  readonly scoreLow: number;
  readonly scoreHigh: number;
  /** W, the sum of the weights of a weighted accumulator; n for an Accumulator (since 1.2) */
  readonly weightTotal: number;
  /** Kish's effective sample size W^2 / Q; n for an Accumulator (since 1.2) */
  readonly nEffective: number;
}

/** The sums of some responses of a weighted accumulator (cxm_wacc_cell, cxm_wacc_totals). */
export interface Cell {
  /** c, the number of responses */
  readonly count: bigint;
  /** W, the sum of their weights */
  readonly weight: bigint;
  /** Q, the sum of their squared weights (up to 128 bits) */
  readonly squares: bigint;
}

/** A confidence interval (cxm_interval); quantity and method as resolved. */
export interface Interval {
  readonly quantity: ResolvedQuantityName;
  readonly method: ResolvedMethodName;
  readonly confidence: number;
  readonly estimate: number;
  readonly se: number;
  readonly low: number;
  readonly high: number;
}

/** a - b for two independent samples (cxm_comparison); df is Infinity for z tests. */
export interface Comparison {
  readonly quantity: ResolvedQuantityName;
  readonly method: ResolvedMethodName;
  readonly confidence: number;
  readonly difference: number;
  readonly se: number;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly low: number;
  readonly high: number;
}

/** planSampleSize's question beyond the half-width. */
export interface PlanOptions {
  /** a library name or a CXM_QUANTITY_* number; default 'headline' */
  quantity?: QuantityName | number;
  /** in (0, 1); default 0.95 */
  confidence?: number;
  /** a pilot or last period's answers; the worst case without */
  expected?: Accumulator;
  /** the people who could answer; default 0, unlimited */
  population?: Count;
}

/** What a call would resolve a quantity and a method to (cxm_method_resolve). */
export interface Resolved {
  readonly quantity: ResolvedQuantityName;
  readonly method: ResolvedMethodName;
}

// ---- scales -------------------------------------------------------------------

/** The fields of a scale: ratings [min, max], two inclusive bands, a CXM_HEADLINE_* value. */
export interface ScaleFields {
  min: number;
  max: number;
  positiveMin: number;
  positiveMax: number;
  negativeMin: number;
  negativeMax: number;
  headline: number;
}

/** A rating scale (cxm_scale), immutable; check() asks the library whether it is valid. */
export declare class Scale implements Readonly<ScaleFields> {
  constructor(fields: ScaleFields);
  /**
   * One of the presets, by the library's name ('nps', 'csat5', ...; aliases
   * 'csat' and 'ces') or its CXM_PRESET_* number (Preset.NPS).
   */
  static preset(preset: PresetName | number): Scale;
  /** A scale from its text form: "nps", "csat5", "1..5/4..5/1..2/share". */
  static parse(form: string): Scale;
  /** A Scale as given, or the scale a text form names. */
  static from(scale: ScaleLike): Scale;
  readonly min: number;
  readonly max: number;
  readonly positiveMin: number;
  readonly positiveMax: number;
  readonly negativeMin: number;
  readonly negativeMax: number;
  readonly headline: number;
  /** max - min + 1 */
  readonly span: number;
  /** Throws CxmScaleError (or CxmSizeError) if invalid; returns this otherwise. */
  check(): this;
  /** Equal fields (the rule merge and compare apply). */
  equals(other: ScaleLike): boolean;
  /** The canonical text form ("nps" for the NPS preset). */
  toString(): string;
  toJSON(): string;
}

// ---- the accumulator ----------------------------------------------------------

/** An exact histogram of ratings (cxm_acc); close() frees it, or the garbage collector. */
export declare class Accumulator {
  /** An empty accumulator on a scale. */
  constructor(scale: ScaleLike);
  /** Bytes an accumulator on this scale occupies (cxm_acc_footprint). */
  static footprint(scale: ScaleLike): number;
  /** An accumulator placed in JS-owned memory (cxm_acc_init): nothing malloc'd. */
  static inMemory(scale: ScaleLike): Accumulator;
  /** An accumulator from encode() output (cxm_acc_decode). */
  static decode(bytes: Bytes): Accumulator;
  /** An accumulator from its text form, e.g. "nps{0:3,6:1,9:10,10:4}". */
  static parse(form: string): Accumulator;
  clone(): Accumulator;
  /** Frees the native accumulator now; later calls throw. Twice is fine. */
  close(): void;
  readonly closed: boolean;
  /** Records one rating, or `count` copies of it. */
  add(rating: number, count?: Count): this;
  /** Records a batch, all or nothing; on CxmRangeError, err.index is the first bad position. */
  addMany(ratings: Ratings): this;
  /** Removes previously recorded ratings. */
  remove(rating: number, count?: Count): this;
  reset(): this;
  /** this += other (same scale). */
  merge(other: Accumulator): this;
  /** this -= other, the exact inverse of merge. */
  subtract(other: Accumulator): this;
  readonly scale: Scale;
  /** The number of ratings recorded. */
  readonly total: bigint;
  /** How often a rating is recorded. */
  count(rating: number): bigint;
  /** Every rating of the scale, in order, to its count. */
  counts(): Map<number, bigint>;
  /** Same scale and counts. */
  equals(other: Accumulator): boolean;
  snapshot(): Snapshot;
  interval(options?: StatisticsOptions): Interval;
  /** this - other for two independent samples. */
  compare(other: Accumulator, options?: StatisticsOptions): Comparison;
  /** The portable, canonical encoding (cxm_acc_encode). */
  encode(): Buffer;
  /** The canonical text form, e.g. "nps{0:3,6:1,9:10,10:4}". */
  toString(): string;
  toJSON(): string;
  [Symbol.dispose](): void;
}

// ---- the series ---------------------------------------------------------------

/** A ring of accumulators indexed by bucket numbers, retaining (head - capacity, head]. */
export declare class Series {
  constructor(scale: ScaleLike, capacity: number, head: Bucket);
  /** Bytes a series of this scale and capacity occupies (cxm_series_footprint). */
  static footprint(scale: ScaleLike, capacity: number): number;
  /** A series placed in JS-owned memory (cxm_series_init). */
  static inMemory(scale: ScaleLike, capacity: number, head: Bucket): Series;
  /** A series from encode() output (cxm_series_decode). */
  static decode(bytes: Bytes): Series;
  clone(): Series;
  close(): void;
  readonly closed: boolean;
  readonly scale: Scale;
  readonly capacity: number;
  /** The newest bucket number: a Number, a BigInt only past Number.MAX_SAFE_INTEGER. */
  readonly head: number | bigint;
  /** Moves the head forward (a head at or before the current one is a no-op). */
  advance(head: Bucket): this;
  /** Records one rating, or `count` copies, in a retained bucket. */
  add(bucket: Bucket, rating: number, count?: Count): this;
  /** Removes `count` copies of a rating from a retained bucket. */
  remove(bucket: Bucket, rating: number, count?: Count): this;
  /** Adds every count of an accumulator to a retained bucket. */
  addAccumulator(bucket: Bucket, acc: Accumulator): this;
  /** The buckets first..last summed: into += them when given, else a new accumulator. */
  sum(first: Bucket, last: Bucket, into?: Accumulator): Accumulator;
  /** this += other, bucket by bucket (heads advance to the later one). */
  merge(other: Series): this;
  /** The portable, canonical encoding (cxm_series_encode). */
  encode(): Buffer;
  [Symbol.dispose](): void;
}

// ---- the weighted accumulator (since 1.2) -------------------------------------

/**
 * Responses with positive integer weights (dollars of ARR, survey weights
 * times 1000), kept exactly (cxm_wacc), with design-based intervals and
 * Welch-type comparisons. A weight says how much one respondent stands for,
 * never how many respondents there were.
 */
export declare class WeightedAccumulator {
  constructor(scale: ScaleLike);
  /** Bytes a weighted accumulator on this scale occupies (cxm_wacc_footprint). */
  static footprint(scale: ScaleLike): number;
  /** A weighted accumulator in JS-owned memory (cxm_wacc_init). */
  static inMemory(scale: ScaleLike): WeightedAccumulator;
  /** A weighted accumulator from encode() output (cxm_wacc_decode). */
  static decode(bytes: Bytes): WeightedAccumulator;
  /** From its text form, e.g. "nps[6:1/40/1600,9:2/150/12500]". */
  static parse(form: string): WeightedAccumulator;
  clone(): WeightedAccumulator;
  close(): void;
  readonly closed: boolean;
  /** Records one response with its weight, 1 .. 2^32 - 1. */
  add(rating: number, weight: number): this;
  /** Removes one response recorded with this rating and weight. */
  remove(rating: number, weight: number): this;
  reset(): this;
  merge(other: WeightedAccumulator): this;
  subtract(other: WeightedAccumulator): this;
  readonly scale: Scale;
  /** One rating's sums. */
  cell(rating: number): Cell;
  /** The sums over every rating. */
  totals(): Cell;
  /** The responses without their weights: into += the counts, or a new accumulator. */
  unweighted(into?: Accumulator): Accumulator;
  equals(other: WeightedAccumulator): boolean;
  snapshot(): Snapshot;
  /** Shares: 'clopper-pearson' (Korn-Graubard, the default), 'wald', 'logit'; net 'wald'; mean 't'. */
  interval(options?: StatisticsOptions): Interval;
  compare(other: WeightedAccumulator, options?: StatisticsOptions): Comparison;
  encode(): Buffer;
  toString(): string;
  toJSON(): string;
  [Symbol.dispose](): void;
}

// ---- the recorder (since 1.2) -------------------------------------------------

/**
 * Ratings recorded from many threads at once, without locks, collected
 * exactly by one collector (cxm_recorder). Across worker_threads: shared()
 * places it in a SharedArrayBuffer (.memory), which workers attach() to.
 */
export declare class Recorder {
  /** An empty recorder on the heap, for this thread. */
  constructor(scale: ScaleLike);
  /** Bytes a recorder on this scale occupies (cxm_recorder_footprint). */
  static footprint(scale: ScaleLike): number;
  /** A recorder placed in JS-owned memory (cxm_recorder_init). */
  static inMemory(scale: ScaleLike): Recorder;
  /** A recorder in a SharedArrayBuffer (its .memory), for worker threads to attach to. */
  static shared(scale: ScaleLike): Recorder;
  /** The recorder another thread placed in memory with shared() on this scale. */
  static attach(memory: SharedArrayBuffer, scale: ScaleLike): Recorder;
  /** The SharedArrayBuffer to post to worker threads; null unless made by shared(). */
  readonly memory: SharedArrayBuffer | null;
  readonly scale: Scale;
  readonly closed: boolean;
  /** Frees the native recorder now (no other thread may be using it). */
  close(): void;
  /** Records one rating, or `count` copies of it, from any thread. */
  add(rating: number, count?: Count): this;
  /** Moves everything recorded so far into `into` (or a new accumulator), which it returns. */
  collect(into?: Accumulator): Accumulator;
  [Symbol.dispose](): void;
}

// ---- errors -------------------------------------------------------------------

/**
 * A non-OK status of the library: code is its name ("CXM_ERR_RANGE"), status
 * its value (-3), statusMessage the library's sentence; index is the first
 * invalid position of a batch.
 */
export declare class CxmError extends Error {
  /** The status each subclass stands for. */
  static readonly status: number;
  readonly code: string;
  readonly status: number;
  readonly statusMessage: string;
  readonly index?: number;
}
export declare class CxmNullError extends CxmError {}
export declare class CxmScaleError extends CxmError {}
export declare class CxmRangeError extends CxmError {}
export declare class CxmNoMemoryError extends CxmError {}
export declare class CxmOverflowError extends CxmError {}
export declare class CxmAbsentError extends CxmError {}
export declare class CxmMismatchError extends CxmError {}
export declare class CxmSizeError extends CxmError {}
export declare class CxmFormatError extends CxmError {}
export declare class CxmArgumentError extends CxmError {}
export declare class CxmEmptyError extends CxmError {}
export declare class CxmWindowError extends CxmError {}

/**
 * The library cannot be used: not found (the message names the library,
 * where it was looked for, and CXM_LIBRARY), of another ABI major, or older
 * than this module.
 */
export declare class CxmLibraryError extends Error {
  readonly code: 'ERR_CXM_LIBRARY';
}

// ---- functions ----------------------------------------------------------------

/**
 * Loads the library (a path, else $CXM_LIBRARY, else libcxmetrics.so.1 through
 * the system loader); returns the path loaded. The first call that needs the
 * library loads it without being asked.
 */
export declare function load(path?: string): string;
/** The loaded library's version, e.g. { string: '1.2.0', number: 10200 }. */
export declare function version(): { readonly string: string; readonly number: number };
/** Every declared C function by name, for calls this module does not wrap. */
export declare function native(): { readonly [name: string]: (...args: any[]) => any };
/** The Error this module throws for a status (e.g. one a native() call returned). */
export declare function errorFor(status: number, detail?: string, index?: number): CxmError;
export declare function statusName(status: number): string;
export declare function statusMessage(status: number): string;
export declare function methodName(method: number): MethodName | null;
export declare function parseMethod(name: string): number;
export declare function quantityName(quantity: number): QuantityName | null;
export declare function parseQuantity(name: string): number;
export declare function headlineName(headline: number): HeadlineName | null;
export declare function parseHeadline(name: string): number;
/** What a call on this scale resolves quantity and method to, by name (cxm_method_resolve). */
export declare function resolveMethod(scale: ScaleLike, options?: ResolveOptions): Resolved;

/**
 * The p-values adjusted for the number of them that are not NaN, in their
 * order, exactly as R's p.adjust does (cxm_adjust_p); NaN stays NaN.
 */
export declare function adjustP(pValues: Iterable<number>, method: AdjustName | number): number[];
export declare function adjustName(method: number): AdjustName | null;
export declare function parseAdjust(name: string): number;
/**
 * The answers needed for the Wald interval of a quantity to be at most
 * halfWidth wide on each side (cxm_plan_sample_size): planSampleSize('nps', 5)
 * is 1537n.
 */
export declare function planSampleSize(scale: ScaleLike, halfWidth: number,
  options?: PlanOptions): bigint;

/** Every C prototype this module declares. */
export declare const PROTOTYPES: readonly string[];
/** The koffi types of the C structs. */
export declare const types: { readonly [name: string]: unknown };
