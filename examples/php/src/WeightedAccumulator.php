<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;
use FFI\CData;

/**
 * A weighted accumulator (cxm_wacc), for revenue-weighted NPS, account
 * weights, or survey weights: each response carries a positive int weight
 * in a unit the caller chooses (dollars of ARR, a survey weight times 1000).
 * Per rating it keeps the count, the weight total and the sum of squared
 * weights, exactly, so it merges, subtracts, encodes and parses like an
 * Accumulator, and its intervals and comparisons are design-based
 * (docs/statistics.md, "Weighted responses"). A weight says how much one
 * respondent stands for, never how many respondents there were: k identical
 * answers are Accumulator::add($rating, $k), not a weight.
 *
 * Freed by close(), or when PHP drops the last reference to it. Creating
 * (new, inMemory(), footprint(), decode(), parse(), clone), merging and
 * subtracting, the statistics (snapshot() with $weightTotal and
 * $nEffective; interval() by 'clopper-pearson', Korn and Graubard's, the
 * shares' default, 'wald' or 'logit', the net score by 'wald', the mean by
 * 't'; compare() by a Welch-type t test), the encoding (also serialize())
 * and the text form ('nps[6:1/40/1600,9:2/150/12500]') are shared with
 * Accumulator; recording and the sums are its own. Errors and arguments as
 * for Accumulator.
 */
final class WeightedAccumulator implements \Stringable
{
    use Owner;
    use OnScale;
    use Encoded;
    use State;

    /** The longest encoding of any weighted accumulator (CXM_WACC_ENCODED_MAX). */
    public const ENCODED_MAX = 3378;
    /** The longest text form of any weighted accumulator and its NUL (CXM_WACC_TEXT_MAX). */
    public const TEXT_MAX = 8022;

    private const TYPE = 'cxm_wacc';

    /** Records one response with its weight, 1 .. 2^32 - 1 (cxm_wacc_add). */
    public function add(int $rating, int $weight): self
    {
        Native::check($this->ffi->cxm_wacc_add($this->handle(), Native::rating($rating), Native::weight($weight)),
            "rating $rating, weight $weight");
        return $this;
    }

    /** Removes one response recorded earlier with this rating and weight (cxm_wacc_remove). */
    public function remove(int $rating, int $weight): self
    {
        Native::check($this->ffi->cxm_wacc_remove($this->handle(), Native::rating($rating), Native::weight($weight)),
            "rating $rating, weight $weight");
        return $this;
    }

    /** One rating's sums (cxm_wacc_cell). */
    public function cell(int $rating): Cell
    {
        $out = $this->ffi->new('uint64_t[4]');
        Native::check($this->ffi->cxm_wacc_cell($this->handle(), Native::rating($rating), FFI::addr($out[0]),
            FFI::addr($out[1]), FFI::addr($out[2])), "rating $rating");
        return self::cellOf($out);
    }

    /** The sums over every rating (cxm_wacc_totals). */
    public function totals(): Cell
    {
        $out = $this->ffi->new('uint64_t[4]');
        Native::check($this->ffi->cxm_wacc_totals($this->handle(), FFI::addr($out[0]), FFI::addr($out[1]),
            FFI::addr($out[2])));
        return self::cellOf($out);
    }

    /** @return array<int, Cell> rating => its sums, for every rating of the scale */
    public function cells(): array
    {
        $scale = $this->scale();
        $cells = [];
        for ($rating = $scale->min; $rating <= $scale->max; $rating++) {
            $cells[$rating] = $this->cell($rating);
        }
        return $cells;
    }

    /**
     * The counts without their weights, added to $into (an Accumulator of the
     * same scale, returned) or to a new Accumulator (cxm_wacc_unweighted).
     */
    public function unweighted(?Accumulator $into = null): Accumulator
    {
        $into ??= new Accumulator($this->scale());
        Native::check($this->ffi->cxm_wacc_unweighted($this->handle(), $into->handle()));
        return $into;
    }

    /** A Cell from [count, weight, squares' high word, its low word]. */
    private static function cellOf(CData $sums): Cell
    {
        return new Cell(Native::u64($sums[0]), Native::u64($sums[1]), Native::u128($sums[2], $sums[3]));
    }
}
