<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;

/**
 * A ring of accumulators indexed by bucket numbers the caller chooses (days,
 * ISO weeks, hours since an epoch), retaining the $capacity buckets
 * (head - capacity, head] (cxm_series). Freed by close() or with its last
 * reference; `clone` copies it; serialize() stores its encoding; foreach
 * gives bucket => Accumulator for every retained bucket, oldest first.
 */
final class Series implements \IteratorAggregate
{
    use Owner;
    use Encoded;

    public const MAX_CAPACITY = 1048576;
    public const BUCKET_LIMIT = 1 << 62;

    private const TYPE = 'cxm_series';

    public function __construct(Scale|int|string $scale, int $capacity, int $head)
    {
        $native = Scale::of($scale)->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_series_new(
            FFI::addr($native), Native::capacity($capacity), $head, FFI::addr($out),
        ));
        $this->own($out);
    }

    /** Bytes a series of this scale and capacity occupies (cxm_series_footprint). */
    public static function footprint(Scale|int|string $scale, int $capacity): int
    {
        $scale = Scale::of($scale);
        $native = $scale->toNative();
        $size = Native::ffi()->cxm_series_footprint(FFI::addr($native), Native::capacity($capacity));
        if ($size === 0) {
            $scale->check();
            throw CxmException::forStatus(ArgumentException::STATUS, "capacity $capacity");
        }
        return $size;
    }

    /** A series in PHP-owned memory (cxm_series_init). */
    public static function inMemory(Scale|int|string $scale, int $capacity, int $head): self
    {
        $scale = Scale::of($scale);
        $size = self::footprint($scale, $capacity);
        [$raw, $mem] = Native::aligned($size);
        $native = $scale->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_series_init(
            $mem, $size, FFI::addr($native), $capacity, $head, FFI::addr($out),
        ));
        return self::adopt($out, $raw);
    }

    public function scale(): Scale
    {
        $out = Native::init('cxm_scale');
        Native::check($this->ffi->cxm_series_scale($this->handle(), FFI::addr($out)));
        return Scale::fromNative($out);
    }

    public function capacity(): int
    {
        $out = $this->ffi->new('uint32_t');
        Native::check($this->ffi->cxm_series_capacity($this->handle(), FFI::addr($out)));
        return $out->cdata;
    }

    public function head(): int
    {
        $out = $this->ffi->new('int64_t');
        Native::check($this->ffi->cxm_series_head($this->handle(), FFI::addr($out)));
        return $out->cdata;
    }

    /** The oldest retained bucket: head - capacity + 1. */
    public function oldest(): int
    {
        return $this->head() - $this->capacity() + 1;
    }

    /** Moves the head forward (a head at or before the current one is a no-op). */
    public function advance(int $head): self
    {
        Native::check($this->ffi->cxm_series_advance($this->handle(), $head));
        return $this;
    }

    public function add(int $bucket, int $rating, int|string $count = 1): self
    {
        $status = $count === 1
            ? $this->ffi->cxm_series_add($this->handle(), $bucket, Native::rating($rating))
            : $this->ffi->cxm_series_add_count(
                $this->handle(), $bucket, Native::rating($rating), Native::count($count),
            );
        Native::check($status, "bucket $bucket, rating $rating");
        return $this;
    }

    public function remove(int $bucket, int $rating, int|string $count = 1): self
    {
        Native::check($this->ffi->cxm_series_remove_count(
            $this->handle(), $bucket, Native::rating($rating), Native::count($count),
        ), "bucket $bucket, rating $rating");
        return $this;
    }

    /** Adds every count of an accumulator to a bucket (cxm_series_add_acc). */
    public function addAccumulator(int $bucket, Accumulator $part): self
    {
        Native::check($this->ffi->cxm_series_add_acc(
            $this->handle(), $bucket, $part->handle(),
        ), "bucket $bucket");
        return $this;
    }

    /** The buckets $first..$last (inclusive) summed into a new accumulator, or added to $into. */
    public function sum(int $first, int $last, ?Accumulator $into = null): Accumulator
    {
        $into ??= new Accumulator($this->scale());
        Native::check($this->ffi->cxm_series_sum(
            $this->handle(), $first, $last, $into->handle(),
        ), "buckets $first..$last");
        return $into;
    }

    /** One bucket as a new accumulator. */
    public function bucket(int $bucket): Accumulator
    {
        return $this->sum($bucket, $bucket);
    }

    /** @return \Generator<int, Accumulator> bucket => its accumulator, oldest first */
    public function getIterator(): \Generator
    {
        for ($bucket = $this->oldest(), $head = $this->head(); $bucket <= $head; $bucket++) {
            yield $bucket => $this->bucket($bucket);
        }
    }

    /** $this += $other bucket by bucket (cxm_series_merge). */
    public function merge(self $other): self
    {
        Native::check($this->ffi->cxm_series_merge($this->handle(), $other->handle()));
        return $this;
    }
}
