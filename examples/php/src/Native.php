<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;
use FFI\CData;

/**
 * The C side: every function of include/cxmetrics.h declared for PHP's FFI
 * (cxmetrics-ffi.h), the library loaded once per process, its version and
 * status texts, and the conversions every class shares (those marked
 * internal).
 */
final class Native
{
    public const ABI_MAJOR = 1; // the SONAME number this binding is written for

    public const TEXT_MAX = 4096;
    public const ENCODED_MAX = 1046;
    public const ALIGNMENT = 16; // alignof(max_align_t) where the library builds

    /** The declarations (cxmetrics-ffi.h) and the FFI scope its ffi.preload form defines. */
    public const DECLARATIONS = __DIR__ . '/../cxmetrics-ffi.h';
    public const SCOPE = 'CXMETRICS';


    private const UINT64_MAX = '18446744073709551615';

    private static ?FFI $ffi = null;
    private static string $origin = '';

    /**
     * Loads the library (replacing one loaded before) and checks its ABI
     * major: $path if given, else $CXM_LIBRARY, else the scope preloaded by
     * php.ini's ffi.preload = cxmetrics-ffi.h, else libcxmetrics.so.1
     * through the system loader.
     */
    public static function load(?string $path = null): FFI
    {
        $path ??= getenv('CXM_LIBRARY') ?: null;
        $ffi = $path === null ? self::preloaded() : null;
        $origin = $ffi === null ? ($path ??= 'libcxmetrics.so.' . self::ABI_MAJOR) : 'ffi.preload';
        $ffi ??= FFI::cdef(self::declarations(), $path);
        $major = intdiv($ffi->cxm_version_number(), 10000);
        if ($major !== self::ABI_MAJOR) {
            throw new \RuntimeException("$origin is libcxmetrics ABI $major, this binding needs " . self::ABI_MAJOR);
        }
        self::$origin = $origin;
        return self::$ffi = $ffi;
    }

    /** The loaded library's version, e.g. '1.1.0' (cxm_version_string). */
    public static function version(): string
    {
        return self::ffi()->cxm_version_string();
    }

    /** The loaded library's version as MAJOR * 10000 + MINOR * 100 + PATCH (cxm_version_number). */
    public static function versionNumber(): int
    {
        return self::ffi()->cxm_version_number();
    }

    /** A status code's name, e.g. 'CXM_ERR_RANGE'; 'CXM_UNKNOWN' for other values. */
    public static function statusName(int $status): string
    {
        return self::ffi()->cxm_status_name($status);
    }

    /** A status code's sentence. */
    public static function statusMessage(int $status): string
    {
        return self::ffi()->cxm_status_message($status);
    }

    /** Where the library came from: the path given to FFI::cdef, or 'ffi.preload'. */
    public static function origin(): string
    {
        self::ffi();
        return self::$origin;
    }

    /** The FFI instance of the library, for calls the classes do not wrap. */
    public static function ffi(): FFI
    {
        return self::$ffi ?? self::load();
    }

    /**
     * cxmetrics-ffi.h without its #define lines, which FFI::cdef does not take.
     *
     * @internal
     */
    public static function declarations(): string
    {
        return preg_replace('/^#define .*$/m', '', file_get_contents(self::DECLARATIONS));
    }

    private static function preloaded(): ?FFI
    {
        try {
            return FFI::scope(self::SCOPE);
        } catch (\FFI\Exception) {
            return null; // not preloaded: declare it now
        }
    }

    /**
     * A zeroed struct with its size set, as the CXM_*_INIT macros do.
     *
     * @internal
     */
    public static function init(string $type): CData
    {
        $struct = self::ffi()->new($type);
        $struct->size = FFI::sizeof($struct);
        return $struct;
    }

    /** @internal */
    public static function check(int $status, ?string $detail = null): void
    {
        if ($status !== 0) {
            throw CxmException::forStatus($status, $detail);
        }
    }

    /**
     * Whether an int fits int32_t, which FFI would truncate it to without a word.
     *
     * @internal
     */
    public static function isInt32(int $value): bool
    {
        return $value >= -2147483648 && $value <= 2147483647;
    }

    /** @internal */
    public static function rating(int $rating): int
    {
        if (!self::isInt32($rating)) {
            throw CxmException::forStatus(RatingRangeException::STATUS, "rating $rating is not a 32-bit integer");
        }
        return $rating;
    }

    /**
     * A uint64 count as FFI passes it: an int (0 .. PHP_INT_MAX) or a decimal
     * string up to 18446744073709551615, returned as the int with the same
     * 64 bits (FFI reinterprets it).
     *
     * @internal
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

    /**
     * A uint64 from FFI (read as a signed int): an int if it fits, else a decimal string.
     *
     * @internal
     */
    public static function u64(int $bits): int|string
    {
        return $bits >= 0 ? $bits : sprintf('%u', $bits);
    }

    /** @internal */
    public static function bucket(int $bucket): int
    {
        if ($bucket < -(1 << 62) || $bucket > (1 << 62)) {
            throw CxmException::forStatus(ArgumentException::STATUS, "bucket $bucket beyond +/-2^62");
        }
        return $bucket;
    }

    /** @internal */
    public static function capacity(int $capacity): int
    {
        if ($capacity < 0 || $capacity > 0xFFFFFFFF) {
            throw CxmException::forStatus(ArgumentException::STATUS, "capacity $capacity is not a uint32");
        }
        return $capacity;
    }

    /**
     * The library's name of a method or quantity number: 'adjusted-wald'.
     *
     * @internal
     */
    public static function name(string $function, int $value): ?string
    {
        return self::ffi()->$function($value); // FFI returns a const char * as a string
    }

    /**
     * A method, quantity or headline: its number, or its name as the library spells it.
     *
     * @internal
     */
    public static function parseName(string $function, int|string $value, string $what): int
    {
        if (is_int($value)) {
            return $value;
        }
        $out = self::ffi()->new('int');
        self::check(self::ffi()->$function($value, strlen($value), FFI::addr($out)), "unknown $what '$value'");
        return $out->cdata;
    }

    /**
     * The text a cxm_*_format call writes into a TEXT_MAX buffer.
     *
     * @internal
     */
    public static function formatted(callable $format): string
    {
        $ffi = self::ffi();
        $buf = $ffi->new('char[' . self::TEXT_MAX . ']');
        $written = $ffi->new('size_t');
        self::check($format($buf, self::TEXT_MAX, FFI::addr($written)));
        return FFI::string($buf, $written->cdata);
    }

    /**
     * The bytes a cxm_*_encode call writes, sized by its encoded_size.
     *
     * @internal
     */
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

    /**
     * A new pointer-to-handle for functions that return one through `**out`.
     *
     * @internal
     */
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
     *
     * @internal
     */
    public static function aligned(int $size): array
    {
        $raw = FFI::new('uint8_t[' . ($size + self::ALIGNMENT) . ']');
        $address = FFI::cast('uintptr_t', FFI::addr($raw))->cdata;
        $pointer = FFI::cast('uint8_t *', FFI::addr($raw)) + ((-$address) & (self::ALIGNMENT - 1));
        return [$raw, $pointer];
    }
}
