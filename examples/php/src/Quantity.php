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
