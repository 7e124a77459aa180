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
 *
 * Creating (new, inMemory(), footprint(), decode(), parse(), clone),
 * merging and subtracting, the statistics (snapshot(), interval() and
 * compare() by 'default', 'wilson', 'wilson-cc', 'agresti-coull',
 * 'clopper-pearson', 'wald', 'adjusted-wald', 'score', 't' or 'jeffreys'),
 * the encoding and the text form ('nps{0:3,6:1,9:10,10:4}') are shared with
 * WeightedAccumulator (State, OnScale, Encoded, Owner); recording and the
 * counts are its own.
 */
final class Accumulator implements \IteratorAggregate, \Stringable
{
    use Owner;
    use OnScale;
    use Encoded;
    use State;

    /** A buffer this large holds any accumulator in caller memory (CXM_ACC_FOOTPRINT_MAX, since 1.2). */
    public const FOOTPRINT_MAX = 856;

    private const TYPE = 'cxm_acc';
    private const TEXT_MAX = Native::TEXT_MAX;

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

    // -- counts --

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
