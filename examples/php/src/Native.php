<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;
use FFI\CData;

/**
 * The C side: every function of include/cxmetrics.h declared for PHP's FFI,
 * the library loaded once per process, and the conversions every class
 * shares. Internal to the binding.
 *
 * The library is the path given to Native::load(), else $CXM_LIBRARY, else
 * libcxmetrics.so.1 through the system loader.
 *
 * @internal
 */
final class Native
{
    public const ABI_MAJOR = 1; // the SONAME number this binding is written for

    public const TEXT_MAX = 4096;
    public const ENCODED_MAX = 1046;
    public const ALIGNMENT = 16; // alignof(max_align_t) where the library builds

    /**
     * The header's declarations for FFI::cdef, which has no preprocessor.
     * Batch and encoding buffers are declared `const void *` where the header
     * says `const uint8_t *` / `const int32_t *` (the same ABI): PHP's FFI
     * passes a PHP string to a void or char pointer as a pointer to the
     * string's own bytes, which is what makes batches zero-copy.
     */
    public const CDEF = <<<'C'
        typedef struct cxm_scale {
            uint32_t size; int32_t min, max; int32_t positive_min, positive_max;
            int32_t negative_min, negative_max; int32_t headline;
        } cxm_scale;
        typedef struct cxm_acc cxm_acc;
        typedef struct cxm_snapshot {
            uint32_t size; int32_t headline; uint64_t n, positive, neutral, negative;
            double positive_share; double negative_share; double net; double mean, stddev;
            double score; double score_low, score_high;
        } cxm_snapshot;
        typedef struct cxm_interval {
            uint32_t size; int32_t quantity, method; double confidence;
            double estimate, se, low, high;
        } cxm_interval;
        typedef struct cxm_comparison {
            uint32_t size; int32_t quantity, method; double confidence;
            double difference, se; double statistic, df; double p_value; double low, high;
        } cxm_comparison;
        typedef struct cxm_series cxm_series;

        uint32_t cxm_version_number(void);
        const char *cxm_version_string(void);
        const char *cxm_status_name(int status);
        const char *cxm_status_message(int status);
        int cxm_scale_preset(int preset, cxm_scale *out);
        int cxm_scale_check(const cxm_scale *scale);
        int cxm_scale_equal(const cxm_scale *a, const cxm_scale *b);
        int cxm_acc_new(const cxm_scale *scale, cxm_acc **out);
        void cxm_acc_free(cxm_acc *acc);
        int cxm_acc_clone(const cxm_acc *acc, cxm_acc **out);
        int cxm_acc_reset(cxm_acc *acc);
        int cxm_acc_scale(const cxm_acc *acc, cxm_scale *out);
        size_t cxm_acc_footprint(const cxm_scale *scale);
        int cxm_acc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_acc **out);
        int cxm_acc_add(cxm_acc *acc, int32_t rating);
        int cxm_acc_add_count(cxm_acc *acc, int32_t rating, uint64_t count);
        int cxm_acc_add_many(cxm_acc *acc, const void *ratings, size_t n, size_t *bad_index);
        int cxm_acc_add_many_u8(cxm_acc *acc, const void *ratings, size_t n, size_t *bad_index);
        int cxm_acc_remove(cxm_acc *acc, int32_t rating);
        int cxm_acc_remove_count(cxm_acc *acc, int32_t rating, uint64_t count);
        int cxm_acc_merge(cxm_acc *into, const cxm_acc *from);
        int cxm_acc_subtract(cxm_acc *from, const cxm_acc *part);
        int cxm_acc_total(const cxm_acc *acc, uint64_t *out);
        int cxm_acc_count(const cxm_acc *acc, int32_t rating, uint64_t *out);
        int cxm_acc_counts(const cxm_acc *acc, uint64_t *out, size_t out_len);
        int cxm_acc_snapshot(const cxm_acc *acc, cxm_snapshot *out);
        const char *cxm_method_name(int method);
        int cxm_method_parse(const char *text, size_t len, int *out);
        const char *cxm_quantity_name(int quantity);
        int cxm_quantity_parse(const char *text, size_t len, int *out);
        int cxm_acc_interval(const cxm_acc *acc, int quantity, int method, double confidence,
                             cxm_interval *out);
        int cxm_acc_compare(const cxm_acc *a, const cxm_acc *b, int quantity, int method,
                            double confidence, cxm_comparison *out);
        int cxm_acc_encoded_size(const cxm_acc *acc, size_t *out);
        int cxm_acc_encode(const cxm_acc *acc, void *buf, size_t cap, size_t *written);
        int cxm_acc_decode(const void *buf, size_t len, cxm_acc **out);
        int cxm_scale_parse(const char *text, size_t len, cxm_scale *out);
        int cxm_scale_format(const cxm_scale *scale, char *buf, size_t cap, size_t *written);
        int cxm_acc_format(const cxm_acc *acc, char *buf, size_t cap, size_t *written);
        int cxm_acc_parse(const char *text, size_t len, cxm_acc **out);
        int cxm_series_new(const cxm_scale *scale, uint32_t capacity, int64_t head,
                           cxm_series **out);
        size_t cxm_series_footprint(const cxm_scale *scale, uint32_t capacity);
        int cxm_series_init(void *mem, size_t mem_size, const cxm_scale *scale,
                            uint32_t capacity, int64_t head, cxm_series **out);
        void cxm_series_free(cxm_series *s);
        int cxm_series_clone(const cxm_series *s, cxm_series **out);
        int cxm_series_scale(const cxm_series *s, cxm_scale *out);
        int cxm_series_capacity(const cxm_series *s, uint32_t *out);
        int cxm_series_head(const cxm_series *s, int64_t *out);
        int cxm_series_advance(cxm_series *s, int64_t head);
        int cxm_series_add(cxm_series *s, int64_t bucket, int32_t rating);
        int cxm_series_add_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count);
        int cxm_series_remove_count(cxm_series *s, int64_t bucket, int32_t rating,
                                    uint64_t count);
        int cxm_series_add_acc(cxm_series *s, int64_t bucket, const cxm_acc *part);
        int cxm_series_sum(const cxm_series *s, int64_t first, int64_t last, cxm_acc *into);
        int cxm_series_merge(cxm_series *into, const cxm_series *from);
        int cxm_series_encoded_size(const cxm_series *s, size_t *out);
        int cxm_series_encode(const cxm_series *s, void *buf, size_t cap, size_t *written);
        int cxm_series_decode(const void *buf, size_t len, cxm_series **out);
        C;

    private const INT32_MIN = -2147483648;
    private const INT32_MAX = 2147483647;
    private const UINT64_MAX = '18446744073709551615';

    private static ?FFI $ffi = null;

    /** Loads the library (replacing one loaded before) and checks its ABI major. */
    public static function load(?string $path = null): FFI
    {
        $path ??= (getenv('CXM_LIBRARY') ?: 'libcxmetrics.so.' . self::ABI_MAJOR);
        $ffi = FFI::cdef(self::CDEF, $path);
        $major = intdiv($ffi->cxm_version_number(), 10000);
        if ($major !== self::ABI_MAJOR) {
            throw new \RuntimeException(
                "$path is libcxmetrics ABI $major, this binding needs " . self::ABI_MAJOR
            );
        }
        return self::$ffi = $ffi;
    }

    public static function ffi(): FFI
    {
        return self::$ffi ?? self::load();
    }

    /** A zeroed struct with its size set, as the CXM_*_INIT macros do. */
    public static function init(string $type): CData
    {
        $struct = self::ffi()->new($type);
        $struct->size = FFI::sizeof($struct);
        return $struct;
    }

    public static function check(int $status, ?string $detail = null): void
    {
        if ($status !== 0) {
            throw CxmException::forStatus($status, $detail);
        }
    }

    /** FFI would truncate a rating beyond int32 without a word. */
    public static function rating(int $rating): int
    {
        if ($rating < self::INT32_MIN || $rating > self::INT32_MAX) {
            throw CxmException::forStatus(RatingRangeException::STATUS, "rating $rating is not a 32-bit integer");
        }
        return $rating;
    }

    /**
     * A uint64 count as FFI passes it: an int (0 .. PHP_INT_MAX) or a decimal
     * string up to 18446744073709551615, returned as the int with the same
     * 64 bits (FFI reinterprets it).
     */
    public static function count(int|string $count): int
    {
        if (is_int($count)) {
            if ($count < 0) {
                throw CxmException::forStatus(ArgumentException::STATUS, "count $count is negative");
            }
            return $count;
        }
        if (preg_match('/\A(0|[1-9][0-9]*)\z/', $count) !== 1) {
            throw CxmException::forStatus(ArgumentException::STATUS, "count '$count' is not a decimal number");
        }
        $digits = strlen($count);
        if ($digits > 20 || ($digits === 20 && strcmp($count, self::UINT64_MAX) > 0)) {
            throw CxmException::forStatus(CountOverflowException::STATUS, "count $count exceeds UINT64_MAX");
        }
        if ($digits < 19 || ($digits === 19 && strcmp($count, (string)PHP_INT_MAX) <= 0)) {
            return (int)$count;
        }
        // 2^63 <= count < 2^64: PHP_INT_MIN + (count - 2^63), the difference
        // formed in halves that stay inside an int (2^63 = 922337203 * 10^10
        // + 6854775808, borrowing one 10^10 from the high half).
        $high = (int)substr($count, 0, $digits - 10);
        $low = (int)substr($count, -10);
        return PHP_INT_MIN + (($high - 922337204) * 10000000000 + ($low + 3145224192));
    }

    /** A uint64 from FFI (read as a signed int): an int if it fits, else a decimal string. */
    public static function u64(int $bits): int|string
    {
        return $bits >= 0 ? $bits : sprintf('%u', $bits);
    }

    public static function bucket(int $bucket): int
    {
        if ($bucket < -(1 << 62) || $bucket > (1 << 62)) {
            throw CxmException::forStatus(ArgumentException::STATUS, "bucket $bucket beyond +/-2^62");
        }
        return $bucket;
    }

    public static function capacity(int $capacity): int
    {
        if ($capacity < 0 || $capacity > 0xFFFFFFFF) {
            throw CxmException::forStatus(ArgumentException::STATUS, "capacity $capacity is not a uint32");
        }
        return $capacity;
    }

    /** The library's name of a method or quantity number: 'adjusted-wald'. */
    public static function name(string $function, int $value): ?string
    {
        return self::ffi()->$function($value); // FFI returns a const char * as a string
    }

    /** A method or quantity: its number, or its name as the library spells it. */
    public static function parseName(string $function, int|string $value, string $what): int
    {
        if (is_int($value)) {
            return $value;
        }
        $out = self::ffi()->new('int');
        self::check(self::ffi()->$function($value, strlen($value), FFI::addr($out)), "unknown $what '$value'");
        return $out->cdata;
    }

    /** The text a cxm_*_format call writes into a TEXT_MAX buffer. */
    public static function formatted(callable $format): string
    {
        $ffi = self::ffi();
        $buf = $ffi->new('char[' . self::TEXT_MAX . ']');
        $written = $ffi->new('size_t');
        self::check($format($buf, self::TEXT_MAX, FFI::addr($written)));
        return FFI::string($buf, $written->cdata);
    }

    /** The bytes a cxm_*_encode call writes, sized by its encoded_size. */
    public static function encoded(CData $handle, string $sizer, string $encoder): string
    {
        $ffi = self::ffi();
        $size = $ffi->new('size_t');
        self::check($ffi->$sizer($handle, FFI::addr($size)));
        $n = $size->cdata;
        $buf = $ffi->new('uint8_t[' . max($n, 1) . ']');
        self::check($ffi->$encoder($handle, $buf, $n, FFI::addr($size)));
        return FFI::string($buf, $size->cdata);
    }

    /** A new pointer-to-handle for functions that return one through `**out`. */
    public static function out(string $type): CData
    {
        return self::ffi()->new("$type *");
    }

    /**
     * Memory aligned for cxm_acc_init / cxm_series_init: [the buffer (keep
     * it referenced; PHP frees it with its last reference), an aligned
     * pointer into it].
     *
     * @return array{CData, CData}
     */
    public static function aligned(int $size): array
    {
        $raw = FFI::new('uint8_t[' . ($size + self::ALIGNMENT) . ']');
        $address = FFI::cast('uintptr_t', FFI::addr($raw))->cdata;
        $pointer = FFI::cast('uint8_t *', FFI::addr($raw)) + ((-$address) & (self::ALIGNMENT - 1));
        return [$raw, $pointer];
    }
}
