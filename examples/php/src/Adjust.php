<?php

declare(strict_types=1);

namespace Cxmetrics;


/**
 * The p-values of many comparisons adjusted at once, exactly as R's
 * p.adjust (cxm_adjust_p, since 1.2): CXM_ADJUST_* and the library's names
 * for them ('bonferroni', 'holm', 'hochberg', 'bh' for Benjamini-Hochberg,
 * 'by' for Benjamini-Yekutieli).
 */
final class Adjust
{
    public const BONFERRONI = 1;
    public const HOLM = 2;
    public const HOCHBERG = 3;
    public const BH = 4;
    public const BY = 5;

    /**
     * The p-values adjusted, in their order; NaN stays NaN and does not
     * count. ArgumentException for a p-value outside [0, 1] or an unknown
     * method; \TypeError for anything but numbers.
     *
     * @param list<float|int> $pValues
     * @return list<float>
     */
    public static function p(array $pValues, int|string $method): array
    {
        $code = self::parse($method);
        $n = count($pValues);
        $ffi = Native::ffi();
        $buffer = $ffi->new('double[' . max($n, 1) . ']');
        foreach (array_values($pValues) as $i => $p) {
            if (!is_float($p) && !is_int($p)) {
                throw new \TypeError("the p-value at index $i is not a number");
            }
            $buffer[$i] = $p;
        }
        Native::check($ffi->cxm_adjust_p($buffer, $n, $code, $buffer), "method '$method'");
        $adjusted = [];
        for ($i = 0; $i < $n; $i++) {
            $adjusted[] = $buffer[$i];
        }
        return $adjusted;
    }

    /** The library's name of an adjustment number; null if it is none. */
    public static function name(int $method): ?string
    {
        return Native::name('cxm_adjust_name', $method);
    }

    /** The number of an adjustment name (or a number, checked to be an int); ArgumentException if unknown. */
    public static function parse(int|string $method): int
    {
        return Native::parseName('cxm_adjust_parse', $method, 'adjustment');
    }
}
