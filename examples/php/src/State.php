<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;
use FFI\CData;

/**
 * What an Accumulator and a WeightedAccumulator share: a state on a scale
 * that the library merges, subtracts, formats and parses, and whose
 * statistics it computes, through functions of one shape under two
 * prefixes (cxm_acc_*, cxm_wacc_*). Each uses Owner, OnScale and Encoded
 * too, and sets TEXT_MAX, the bytes its longest text form takes with a NUL;
 * recording and what it counts are its own.
 *
 * @internal
 */
trait State
{
    /** From the text form of __toString(); FormatException for anything else. */
    public static function parse(string $text): self
    {
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->{self::TYPE . '_parse'}($text, strlen($text), FFI::addr($out)),
            "text form '$text'");
        return self::adopt($out);
    }

    public function reset(): self
    {
        Native::check($this->ffi->{self::TYPE . '_reset'}($this->handle()));
        return $this;
    }

    /** $this += $other (same scale). */
    public function merge(self $other): self
    {
        Native::check($this->ffi->{self::TYPE . '_merge'}($this->handle(), $other->handle()));
        return $this;
    }

    /** $this -= $other, the exact inverse of merge. */
    public function subtract(self $other): self
    {
        Native::check($this->ffi->{self::TYPE . '_subtract'}($this->handle(), $other->handle()));
        return $this;
    }

    public function scale(): Scale
    {
        $out = Native::init('cxm_scale');
        Native::check($this->ffi->{self::TYPE . '_scale'}($this->handle(), FFI::addr($out)));
        return Scale::fromNative($out);
    }

    /** Same scale and same state: the encoding is canonical. */
    public function equals(self $other): bool
    {
        return $this->encode() === $other->encode();
    }

    /** Every metric at once (cxm_*_snapshot). */
    public function snapshot(): Snapshot
    {
        $out = Native::init('cxm_snapshot');
        Native::check($this->ffi->{self::TYPE . '_snapshot'}($this->handle(), FFI::addr($out)));
        return Snapshot::fromNative($out);
    }

    /**
     * The confidence interval of a quantity ('headline', 'positive-share',
     * 'negative-share', 'net', 'mean' or a Quantity constant) by a method
     * (its name as the library spells it, or a Method constant;
     * Method::resolve() says which each kind of state accepts).
     */
    public function interval(int|string $quantity = 'headline', int|string $method = 'default',
                             float $confidence = 0.95): Interval
    {
        $out = Native::init('cxm_interval');
        Native::check($this->ffi->{self::TYPE . '_interval'}(
            $this->handle(), Quantity::parse($quantity), Method::parse($method), $confidence, FFI::addr($out),
        ));
        return Interval::fromNative($out);
    }

    /** $this - $other for two independent samples. */
    public function compare(self $other, int|string $quantity = 'headline', int|string $method = 'default',
                            float $confidence = 0.95): Comparison
    {
        $out = Native::init('cxm_comparison');
        Native::check($this->ffi->{self::TYPE . '_compare'}(
            $this->handle(), $other->handle(), Quantity::parse($quantity), Method::parse($method),
            $confidence, FFI::addr($out),
        ));
        return Comparison::fromNative($out);
    }

    /** The canonical text form (cxm_*_format). */
    public function __toString(): string
    {
        $handle = $this->handle();
        $format = self::TYPE . '_format';
        return Native::formatted(
            fn (CData $buf, int $cap, CData $written): int => $this->ffi->$format($handle, $buf, $cap, $written),
            self::TEXT_MAX,
        );
    }
}
