<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;
use FFI\CData;
use FFI\CType;

/**
 * An exact histogram of ratings (cxm_acc). Freed by close(), or when PHP
 * drops the last reference to it. `clone` copies it; serialize() stores its
 * portable encoding; foreach gives rating => count for every rating of the
 * scale. Counts are ints, or decimal strings beyond PHP_INT_MAX.
 */
final class Accumulator implements \IteratorAggregate, \Stringable
{
    use Owner;
    use Encoded;

    /** A buffer this large holds any accumulator in caller memory (CXM_ACC_FOOTPRINT_MAX, since 1.2). */
    public const FOOTPRINT_MAX = 856;

    private const TYPE = 'cxm_acc';
    private const FREE = 'cxm_acc_free';
    private const CLONE = 'cxm_acc_clone';
    private const DECODE = 'cxm_acc_decode';
    private const ENCODED_SIZE = 'cxm_acc_encoded_size';
    private const ENCODE = 'cxm_acc_encode';

    /** A new empty accumulator on a Scale or a preset ('nps', Scale::PRESET_NPS). */
    public function __construct(Scale|int|string $scale)
    {
        $native = Scale::of($scale)->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_acc_new(FFI::addr($native), FFI::addr($out)));
        $this->own($out);
    }

    /** An accumulator in PHP-owned memory (cxm_acc_init): the library allocates nothing. */
    public static function inMemory(Scale|int|string $scale): self
    {
        $scale = Scale::of($scale);
        $size = $scale->footprint();
        [$raw, $mem] = Native::aligned($size);
        $native = $scale->toNative();
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_acc_init($mem, $size, FFI::addr($native), FFI::addr($out)));
        return self::adopt($out, $raw);
    }

    /** From the text form of __toString(), e.g. 'nps{0:3,9:10,10:4}' (cxm_acc_parse). */
    public static function parse(string $text): self
    {
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->cxm_acc_parse($text, strlen($text), FFI::addr($out)), "accumulator '$text'");
        return self::adopt($out);
    }

    // -- recording --

    /** Records one rating, or $count copies of it (cxm_acc_add[_count]). */
    public function add(int $rating, int|string $count = 1): self
    {
        // The hot path of one-at-a-time recording: no call it can spare.
        $handle = $this->handle ?? self::closed();
        $status = $count === 1
            ? $this->ffi->cxm_acc_add($handle, Native::rating($rating))
            : $this->ffi->cxm_acc_add_count($handle, Native::rating($rating), Native::count($count));
        if ($status !== 0) {
            throw CxmException::forStatus($status, "rating $rating");
        }
        return $this;
    }

    /**
     * Records a batch, all or nothing:
     * - a string is taken as bytes, one rating each (0..255), and handed to
     *   cxm_acc_add_many_u8 where it lies, without a copy;
     * - an FFI buffer (uint8_t[n], int8_t/char[n] or int32_t[n]) goes to
     *   cxm_acc_add_many[_u8] where it lies;
     * - an array of ints is packed into int32s first.
     * On RatingRangeException, $index is the first invalid position.
     *
     * @param string|CData|array<int> $ratings
     */
    public function addMany(string|CData|array $ratings): self
    {
        [$function, $pointer, $n] = match (true) {
            is_string($ratings) => ['cxm_acc_add_many_u8', $ratings, strlen($ratings)],
            is_array($ratings) => self::packed($ratings),
            default => self::buffer($ratings),
        };
        $bad = $this->ffi->new('size_t');
        $status = $this->ffi->$function($this->handle(), $pointer, $n, FFI::addr($bad));
        if ($status === RatingRangeException::STATUS) {
            throw CxmException::forStatus($status, "rating at index {$bad->cdata}", $bad->cdata);
        }
        Native::check($status);
        return $this;
    }

    /** Removes previously recorded ratings (cxm_acc_remove[_count]). */
    public function remove(int $rating, int|string $count = 1): self
    {
        $status = $count === 1
            ? $this->ffi->cxm_acc_remove($this->handle(), Native::rating($rating))
            : $this->ffi->cxm_acc_remove_count($this->handle(), Native::rating($rating), Native::count($count));
        if ($status !== 0) {
            throw CxmException::forStatus($status, "rating $rating");
        }
        return $this;
    }

    public function reset(): self
    {
        Native::check($this->ffi->cxm_acc_reset($this->handle()));
        return $this;
    }

    /** $this += $other (same scale). */
    public function merge(self $other): self
    {
        Native::check($this->ffi->cxm_acc_merge($this->handle(), $other->handle()));
        return $this;
    }

    /** $this -= $other, the exact inverse of merge. */
    public function subtract(self $other): self
    {
        Native::check($this->ffi->cxm_acc_subtract($this->handle(), $other->handle()));
        return $this;
    }

    // -- reading --

    public function scale(): Scale
    {
        $out = Native::init('cxm_scale');
        Native::check($this->ffi->cxm_acc_scale($this->handle(), FFI::addr($out)));
        return Scale::fromNative($out);
    }

    public function total(): int|string
    {
        $out = $this->ffi->new('uint64_t');
        Native::check($this->ffi->cxm_acc_total($this->handle(), FFI::addr($out)));
        return Native::u64($out->cdata);
    }

    /** How many times $rating is recorded. */
    public function count(int $rating): int|string
    {
        $out = $this->ffi->new('uint64_t');
        Native::check($this->ffi->cxm_acc_count($this->handle(), Native::rating($rating), FFI::addr($out)), "rating $rating");
        return Native::u64($out->cdata);
    }

    /** @return array<int, int|string> rating => count for every rating of the scale */
    public function counts(): array
    {
        return iterator_to_array($this->getIterator());
    }

    /** @return \Generator<int, int|string> rating => count, every rating of the scale in order */
    public function getIterator(): \Generator
    {
        $scale = $this->scale();
        $span = $scale->span();
        $out = $this->ffi->new("uint64_t[$span]");
        Native::check($this->ffi->cxm_acc_counts($this->handle(), $out, $span));
        for ($i = 0; $i < $span; $i++) {
            yield $scale->min + $i => Native::u64($out[$i]);
        }
    }

    /** Same scale and same counts. */
    public function equals(self $other): bool
    {
        return $this->scale()->equals($other->scale()) && $this->counts() === $other->counts();
    }

    public function snapshot(): Snapshot
    {
        $out = Native::init('cxm_snapshot');
        Native::check($this->ffi->cxm_acc_snapshot($this->handle(), FFI::addr($out)));
        return Snapshot::fromNative($out);
    }

    /**
     * The confidence interval of a quantity ('headline', 'positive-share',
     * 'negative-share', 'net', 'mean' or a Quantity constant) by a method
     * ('default', 'wilson', 'wilson-cc', 'agresti-coull', 'clopper-pearson',
     * 'wald', 'adjusted-wald', 'score', 't', 'jeffreys' or a Method constant;
     * Method::resolve() says which a call accepts).
     */
    public function interval(int|string $quantity = 'headline', int|string $method = 'default',
                             float $confidence = 0.95): Interval
    {
        $out = Native::init('cxm_interval');
        Native::check($this->ffi->cxm_acc_interval(
            $this->handle(), Quantity::parse($quantity), Method::parse($method), $confidence, FFI::addr($out),
        ));
        return Interval::fromNative($out);
    }

    /** $this - $other for two independent samples. */
    public function compare(self $other, int|string $quantity = 'headline', int|string $method = 'default',
                            float $confidence = 0.95): Comparison
    {
        $out = Native::init('cxm_comparison');
        Native::check($this->ffi->cxm_acc_compare(
            $this->handle(), $other->handle(), Quantity::parse($quantity), Method::parse($method),
            $confidence, FFI::addr($out),
        ));
        return Comparison::fromNative($out);
    }

    /** The canonical text form, e.g. 'nps{0:3,6:1,9:10,10:4}' (cxm_acc_format). */
    public function __toString(): string
    {
        $handle = $this->handle();
        return Native::formatted(
            fn (CData $buf, int $cap, CData $written) => $this->ffi->cxm_acc_format($handle, $buf, $cap, $written)
        );
    }

    // -- batches --

    /**
     * @param array<mixed> $ratings
     * @return array{string, string, int}
     */
    private static function packed(array $ratings): array
    {
        $index = 0;
        foreach ($ratings as $rating) {
            if (!is_int($rating)) {
                throw new \TypeError("rating at index $index is not an int");
            }
            if (!Native::isInt32($rating)) {
                throw CxmException::forStatus(RatingRangeException::STATUS, "rating at index $index", $index);
            }
            $index++;
        }
        return ['cxm_acc_add_many', pack('l*', ...array_values($ratings)), count($ratings)];
    }

    /** @return array{string, CData, int} */
    private static function buffer(CData $buffer): array
    {
        $type = FFI::typeof($buffer);
        if ($type->getKind() === CType::TYPE_ARRAY) {
            $element = $type->getArrayElementType()->getKind();
            $n = $type->getArrayLength();
            if (in_array($element, [CType::TYPE_UINT8, CType::TYPE_SINT8, CType::TYPE_CHAR], true)) {
                return ['cxm_acc_add_many_u8', $buffer, $n];
            }
            if ($element === CType::TYPE_SINT32) {
                return ['cxm_acc_add_many', $buffer, $n];
            }
        }
        throw new \TypeError('a batch buffer is an FFI uint8_t[n] or int32_t[n] array');
    }
}
