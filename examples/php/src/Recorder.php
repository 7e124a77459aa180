<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI\CData;

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
    use OnScale;

    private const TYPE = 'cxm_recorder';

    private Scale $scale;

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

    /** The recorder keeps its scale: the library has no cxm_recorder_scale. */
    private function place(Scale $scale, CData $pointer, ?CData $memory = null): void
    {
        $this->scale = $scale;
        $this->own($pointer, $memory);
    }

    /** A recorder has no copy: one taken while threads add would be no state anyone recorded. */
    public function __clone()
    {
        $this->handle = $this->memory = null; // PHP copied the source's: the source stays its one owner
        throw new \LogicException('a Recorder cannot be copied; collect it into an Accumulator');
    }
}
