<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;

/**
 * Ratings recorded from many threads at once, without locks, and collected
 * exactly by one collector (cxm_recorder): add() from any thread, collect()
 * moves everything recorded so far into an accumulator, every rating in
 * exactly one collection; a refused collect loses nothing.
 *
 * PHP under php-fpm or mod_php runs each request in one thread of one
 * worker process and shares no memory between them, so there is nothing
 * for a recorder to gather there: each request uses an Accumulator, and
 * work is combined by moving encoded bytes (README.md, "Threads"). The
 * recorder is bound for ZTS builds with threads (parallel, pthreads) and
 * for the same API in every language. Freed by close() or with its last
 * reference; it has no copy and no encoding.
 */
final class Recorder
{
    use Owner;

    private const TYPE = 'cxm_recorder';
    private const FREE = 'cxm_recorder_free';

    private Scale $scale;

    /** A new empty recorder on a Scale or a preset ('nps', Scale::PRESET_NPS). */
    public function __construct(Scale|int|string $scale)
    {
        $this->scale = Scale::of($scale);
        $native = $this->scale->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_recorder_new(FFI::addr($native), FFI::addr($out)));
        $this->own($out);
    }

    /** Bytes a recorder on this scale occupies (cxm_recorder_footprint). */
    public static function footprint(Scale|int|string $scale): int
    {
        $scale = Scale::of($scale);
        $native = $scale->toNative();
        $size = Native::ffi()->cxm_recorder_footprint(FFI::addr($native));
        if ($size === 0) {
            $scale->check(); // throws the reason
        }
        return $size;
    }

    /** A recorder in PHP-owned memory (cxm_recorder_init): the library allocates nothing. */
    public static function inMemory(Scale|int|string $scale): self
    {
        $scale = Scale::of($scale);
        $size = self::footprint($scale);
        [$raw, $mem] = Native::aligned($size);
        $native = $scale->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_recorder_init($mem, $size, FFI::addr($native), FFI::addr($out)));
        $recorder = self::adopt($out, $raw);
        $recorder->scale = $scale;
        return $recorder;
    }

    public function scale(): Scale
    {
        return $this->scale;
    }

    /**
     * Records one rating, or $count copies of it (cxm_recorder_add[_count]);
     * CountOverflowException past 2^64 - 1 ratings held. Nothing recorded on error.
     */
    public function add(int $rating, int|string $count = 1): self
    {
        $handle = $this->handle();
        $status = $count === 1
            ? $this->ffi->cxm_recorder_add($handle, Native::rating($rating))
            : $this->ffi->cxm_recorder_add_count($handle, Native::rating($rating), Native::count($count));
        Native::check($status, "rating $rating");
        return $this;
    }

    /**
     * Moves everything recorded so far into $into (an Accumulator of the same
     * scale, $into += it) or into a new Accumulator; returns it. On
     * MismatchException or CountOverflowException $into is unchanged and every
     * rating stays in the recorder (cxm_recorder_collect).
     */
    public function collect(?Accumulator $into = null): Accumulator
    {
        $target = $into ?? new Accumulator($this->scale);
        Native::check($this->ffi->cxm_recorder_collect($this->handle(), $target->handle()));
        return $target;
    }

    /** A recorder has no copy: one taken while threads add would be no state anyone recorded. */
    public function __clone()
    {
        $this->handle = $this->memory = null; // PHP copied the source's: the source stays its one owner
        throw new \LogicException('a Recorder cannot be copied; collect it into an Accumulator');
    }
}
