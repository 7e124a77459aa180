<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;

/**
 * How an interval or a comparison is computed: CXM_METHOD_* and the
 * library's names ('default', 'wilson', 'wilson-cc', 'agresti-coull',
 * 'clopper-pearson', 'wald', 'adjusted-wald', 'score', 't', and since 1.2
 * 'logit' for weighted shares and 'jeffreys' for shares), which every method
 * taking a method also accepts; and which method a call resolves to
 * (resolve(), with the tables CXM_USE_* names).
 */
final class Method
{
    public const DEFAULT = 0;
    public const WILSON = 1;
    public const WILSON_CC = 2;
    public const AGRESTI_COULL = 3;
    public const CLOPPER_PEARSON = 4;
    public const WALD = 5;
    public const ADJUSTED_WALD = 6;
    public const SCORE = 7;
    public const T = 8;
    public const LOGIT = 9; // since 1.2
    public const JEFFREYS = 10; // since 1.2

    /** The tables resolve() consults (CXM_USE_*, since 1.2). */
    public const USE_INTERVAL = 1;
    public const USE_COMPARE = 2;
    public const USE_WEIGHTED_INTERVAL = 3;
    public const USE_WEIGHTED_COMPARE = 4;

    /** The library's name of a method number; null if it is none. */
    public static function name(int $method): ?string
    {
        return Native::name('cxm_method_name', $method);
    }

    /** The number of a method name (or a number, checked to be an int); ArgumentException if unknown. */
    public static function parse(int|string $method): int
    {
        return Native::parseName('cxm_method_parse', $method, 'method');
    }

    /**
     * What an interval (USE_INTERVAL), a comparison (USE_COMPARE) or their
     * weighted forms (USE_WEIGHTED_INTERVAL, USE_WEIGHTED_COMPARE) on this
     * scale resolve a quantity and a method to, without any data
     * (cxm_method_resolve): resolve('nps') is ('net', 'adjusted-wald').
     * ArgumentException for an unknown use or quantity, or a method the
     * table does not allow for the quantity.
     */
    public static function resolve(Scale|int|string $scale, int|string $quantity = 'headline',
                                   int|string $method = 'default', int $use = self::USE_INTERVAL): Resolved
    {
        $native = Scale::of($scale)->toNative();
        $q = Quantity::parse($quantity);
        $m = self::parse($method);
        $u = Native::int32($use, 'use', ArgumentException::STATUS);
        $ffi = Native::ffi();
        $out = $ffi->new('int[2]');
        Native::check($ffi->cxm_method_resolve(FFI::addr($native), $q, $m, $u, FFI::addr($out[0]), FFI::addr($out[1])),
            "quantity '$quantity', method '$method', use $use");
        return new Resolved(Native::resolvedName('cxm_quantity_name', $out[0]),
                            Native::resolvedName('cxm_method_name', $out[1]));
    }
}
