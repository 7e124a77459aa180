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
 * Freed by close(), or when PHP drops the last reference to it; `clone`
 * copies it; serialize() stores its encoding. Errors and arguments as for
 * Accumulator.
 */
final class WeightedAccumulator implements \Stringable
{
    use Owner;
    use Encoded;

    /** The longest encoding of any weighted accumulator (CXM_WACC_ENCODED_MAX). */
    public const ENCODED_MAX = 3378;
    /** The longest text form of any weighted accumulator and its NUL (CXM_WACC_TEXT_MAX). */
    public const TEXT_MAX = 8022;

    private const TYPE = 'cxm_wacc';
    private const FREE = 'cxm_wacc_free';
    private const CLONE = 'cxm_wacc_clone';
    private const DECODE = 'cxm_wacc_decode';
    private const ENCODED_SIZE = 'cxm_wacc_encoded_size';
    private const ENCODE = 'cxm_wacc_encode';

    /** A new empty weighted accumulator on a Scale or a preset ('nps', Scale::PRESET_NPS). */
    public function __construct(Scale|int|string $scale)
    {
        $native = Scale::of($scale)->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_wacc_new(FFI::addr($native), FFI::addr($out)));
        $this->own($out);
    }

    /** Bytes a weighted accumulator on this scale occupies (cxm_wacc_footprint). */
    public static function footprint(Scale|int|string $scale): int
    {
        $scale = Scale::of($scale);
        $native = $scale->toNative();
        $size = Native::ffi()->cxm_wacc_footprint(FFI::addr($native));
        if ($size === 0) {
            $scale->check(); // throws the reason
        }
        return $size;
    }

    /** One in PHP-owned memory (cxm_wacc_init): the library allocates nothing. */
    public static function inMemory(Scale|int|string $scale): self
    {
        $scale = Scale::of($scale);
        $size = self::footprint($scale);
        [$raw, $mem] = Native::aligned($size);
        $native = $scale->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_wacc_init($mem, $size, FFI::addr($native), FFI::addr($out)));
        return self::adopt($out, $raw);
    }

    /** From the text form of __toString(), e.g. 'nps[6:1/40/1600,9:2/150/12500]' (cxm_wacc_parse). */
    public static function parse(string $text): self
    {
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_wacc_parse($text, strlen($text), FFI::addr($out)),
            "weighted accumulator '$text'");
        return self::adopt($out);
    }

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

    public function reset(): self
    {
        Native::check($this->ffi->cxm_wacc_reset($this->handle()));
        return $this;
    }

    /** $this += $other, rating by rating (same scale). */
    public function merge(self $other): self
    {
        Native::check($this->ffi->cxm_wacc_merge($this->handle(), $other->handle()));
        return $this;
    }

    /** $this -= $other, the exact inverse of merge. */
    public function subtract(self $other): self
    {
        Native::check($this->ffi->cxm_wacc_subtract($this->handle(), $other->handle()));
        return $this;
    }

    public function scale(): Scale
    {
        $out = Native::init('cxm_scale');
        Native::check($this->ffi->cxm_wacc_scale($this->handle(), FFI::addr($out)));
        return Scale::fromNative($out);
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

    /** Same scale and same sums (equal encodings). */
    public function equals(self $other): bool
    {
        return $this->encode() === $other->encode();
    }

    /**
     * Every weighted metric (cxm_wacc_snapshot): counts of responses, shares,
     * net and mean weighted, the headline's interval by the weighted default
     * method, $weightTotal and $nEffective.
     */
    public function snapshot(): Snapshot
    {
        $out = Native::init('cxm_snapshot');
        Native::check($this->ffi->cxm_wacc_snapshot($this->handle(), FFI::addr($out)));
        return Snapshot::fromNative($out);
    }

    /**
     * The design-based interval of a quantity by a method: shares
     * 'clopper-pearson' (the default, Korn and Graubard), 'wald' or 'logit';
     * net 'wald'; mean 't' (Method::resolve() with USE_WEIGHTED_INTERVAL).
     */
    public function interval(int|string $quantity = 'headline', int|string $method = 'default',
                             float $confidence = 0.95): Interval
    {
        $out = Native::init('cxm_interval');
        Native::check($this->ffi->cxm_wacc_interval(
            $this->handle(), Quantity::parse($quantity), Method::parse($method), $confidence, FFI::addr($out),
        ));
        return Interval::fromNative($out);
    }

    /** $this - $other for two independent weighted samples (a Welch-type t test). */
    public function compare(self $other, int|string $quantity = 'headline', int|string $method = 'default',
                            float $confidence = 0.95): Comparison
    {
        $out = Native::init('cxm_comparison');
        Native::check($this->ffi->cxm_wacc_compare(
            $this->handle(), $other->handle(), Quantity::parse($quantity), Method::parse($method),
            $confidence, FFI::addr($out),
        ));
        return Comparison::fromNative($out);
    }

    /** The canonical text form, e.g. 'nps[6:1/40/1600,9:2/150/12500]' (cxm_wacc_format). */
    public function __toString(): string
    {
        $handle = $this->handle();
        return Native::formatted(
            fn (CData $buf, int $cap, CData $written): int
                => $this->ffi->cxm_wacc_format($handle, $buf, $cap, $written),
            self::TEXT_MAX,
        );
    }

    /** A Cell from [count, weight, squares' high word, its low word]. */
    private static function cellOf(CData $sums): Cell
    {
        return new Cell(Native::u64($sums[0]), Native::u64($sums[1]), Native::u128($sums[2], $sums[3]));
    }
}
