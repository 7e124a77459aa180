<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;
use FFI\CData;

/**
 * What the objects made from a scale alone share (Accumulator,
 * WeightedAccumulator, Recorder; each uses Owner too): a new one on the
 * library's heap (cxm_*_new), the bytes one occupies (cxm_*_footprint), and
 * one placed in PHP-owned memory (cxm_*_init), for which the library
 * allocates nothing and which goes with the object.
 *
 * @internal
 */
trait OnScale
{
    /** A new empty one on a Scale or a preset ('nps', Scale::PRESET_NPS). */
    public function __construct(Scale|int|string $scale)
    {
        $scale = Scale::of($scale);
        $native = $scale->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->{self::TYPE . '_new'}(FFI::addr($native), FFI::addr($out)));
        $this->place($scale, $out);
    }

    /** Bytes one on this scale occupies (cxm_*_footprint). */
    public static function footprint(Scale|int|string $scale): int
    {
        $scale = Scale::of($scale);
        $native = $scale->toNative();
        $size = Native::ffi()->{self::TYPE . '_footprint'}(FFI::addr($native));
        if ($size === 0) {
            $scale->check(); // throws the reason
        }
        return $size;
    }

    /** One in PHP-owned memory (cxm_*_init). */
    public static function inMemory(Scale|int|string $scale): self
    {
        $scale = Scale::of($scale);
        $size = self::footprint($scale);
        [$raw, $mem] = Native::aligned($size);
        $native = $scale->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->{self::TYPE . '_init'}($mem, $size, FFI::addr($native), FFI::addr($out)));
        $object = self::allocate();
        $object->place($scale, $out, $raw);
        return $object;
    }

    /** Takes the object cxm_*_new or cxm_*_init made on $scale (in $memory). */
    private function place(Scale $scale, CData $pointer, ?CData $memory = null): void
    {
        $this->own($pointer, $memory);
    }
}
