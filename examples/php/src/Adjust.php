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
        $status = $ffi->cxm_adjust_p($buffer, $n, $code, $buffer);
        if ($status === ArgumentException::STATUS) {
            throw CxmException::forStatus($status, self::refusal($pValues, $method, $code));
        }
        Native::check($status);
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

    /**
     * The number of an adjustment name (or a number, checked to be an int);
     * ArgumentException if unknown, naming the methods the library knows.
     */
    public static function parse(int|string $method): int
    {
        return Native::parseName('cxm_adjust_parse', $method, 'adjustment', fn () => self::unknown($method));
    }

    /** A method the library does not know, with those it does (CXM_ADJUST_* count from 1). */
    private static function unknown(int|string $method): string
    {
        $names = [];
        while (($name = self::name(count($names) + 1)) !== null) {
            $names[] = $name;
        }
        $shown = is_string($method) ? "'$method'" : (string) $method;
        return "unknown method $shown; valid: " . implode(', ', $names);
    }

    /**
     * What cxm_adjust_p refused: the method, or the first p-value outside
     * [0, 1] that is not NaN (NaN is a p-value the library keeps as it is).
     *
     * @param list<float|int> $pValues
     */
    private static function refusal(array $pValues, int|string $method, int $code): string
    {
        if (self::name($code) === null) {
            return self::unknown($method);
        }
        foreach (array_values($pValues) as $i => $p) {
            if (!is_nan((float) $p) && ($p < 0 || $p > 1)) {
                return "the p-value at index $i is $p, outside [0, 1]";
            }
        }
        return 'the p-values'; // the library's refusal names no other cause
    }
}
