<?php

declare(strict_types=1);

namespace Cxmetrics;

/**
 * What an interval or a comparison is about: CXM_QUANTITY_* and the
 * library's names for them ('headline', 'positive-share', 'negative-share',
 * 'net', 'mean'), which every method taking a quantity also accepts.
 */
final class Quantity
{
    public const HEADLINE = 0;
    public const POSITIVE_SHARE = 1;
    public const NEGATIVE_SHARE = 2;
    public const NET = 3;
    public const MEAN = 4;

    /** The library's name of a quantity number; null if it is none. */
    public static function name(int $quantity): ?string
    {
        return Native::name('cxm_quantity_name', $quantity);
    }

    /** The number of a quantity name; ArgumentException if unknown. */
    public static function parse(int|string $quantity): int
    {
        return Native::parseName('cxm_quantity_parse', $quantity, 'quantity');
    }
}

/**
 * How an interval or a comparison is computed: CXM_METHOD_* and the
 * library's names ('default', 'wilson', 'wilson-cc', 'agresti-coull',
 * 'clopper-pearson', 'wald', 'adjusted-wald', 'score', 't').
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

    public static function name(int $method): ?string
    {
        return Native::name('cxm_method_name', $method);
    }

    public static function parse(int|string $method): int
    {
        return Native::parseName('cxm_method_parse', $method, 'method');
    }
}
