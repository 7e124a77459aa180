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
 *
 * The library is found, in this order: the path given to load(); the
 * environment variable CXM_LIBRARY; the scope php.ini's ffi.preload or
 * opcache.preload (preload.php) declared at PHP's start-up from
 * cxmetrics-ffi.h; libcxmetrics.so.1 (the SONAME the Debian package
 * libcxmetrics1 installs) through the system loader. The first call that
 * needs it loads it.
 */
final class Native
{
    public const ABI_MAJOR = 1; // the SONAME number this binding is written for
    public const OLDEST = 10200; // the oldest library (cxm_version_number) with every function declared
    public const SONAME = 'libcxmetrics.so.1';
    public const ENVIRONMENT = 'CXM_LIBRARY';

    public const TEXT_MAX = 4096;
    public const ENCODED_MAX = 1046;
    public const ALIGNMENT = 16; // alignof(max_align_t) where the library builds

    /** The declarations (cxmetrics-ffi.h) and the FFI scope its preloaded form defines. */
    public const DECLARATIONS = __DIR__ . '/../cxmetrics-ffi.h';
    public const SCOPE = 'CXMETRICS';

    private const UINT64_MAX = '18446744073709551615';

    /** What is declared first: another major's other functions may not even exist. */
    private const VERSION_DECLARATIONS = 'uint32_t cxm_version_number(void); const char *cxm_version_string(void);';

    private static ?FFI $ffi = null;
    private static string $origin = '';

    /**
     * Loads the library and makes it the one the binding uses: $path if
     * given, else $CXM_LIBRARY, else the preloaded scope, else
     * libcxmetrics.so.1 through the system loader. Returns the FFI instance.
     * LibraryException if it cannot be used; the library loaded before, if
     * any, then stays in use.
     */
    public static function load(?string $path = null): FFI
    {
        $environment = getenv(self::ENVIRONMENT);
        $environment = $environment === false || $environment === '' ? null : $environment;
        if ($path === null && $environment === null && ($scope = self::preloaded()) !== null) {
            self::checkVersion($scope, 'the scope ' . self::SCOPE . ' (preloaded)');
            return self::use($scope, 'ffi.preload');
        }
        $file = $path ?? $environment ?? self::SONAME;
        $where = $path !== null ? 'the path given to Native::load()'
            : ($environment !== null ? '$' . self::ENVIRONMENT : 'the system loader');
        $text = self::checkVersion(self::open(self::VERSION_DECLARATIONS, $file, $where), $file);
        try {
            return self::use(FFI::cdef(self::declarations(), $file), $file);
        } catch (\FFI\Exception $e) { // a build between releases: the version is right, a function is not there
            $missing = preg_match("/Failed resolving C function '(\\w+)'/", $e->getMessage(), $m) === 1 ? $m[1] : null;
            throw new LibraryException($missing === null ? "$file: {$e->getMessage()}"
                : "$file (libcxmetrics $text) has no $missing, which this binding needs", 0, $e);
        }
    }

    /** The loaded library's version, e.g. '1.2.0' (cxm_version_string). */
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
        return self::ffi()->cxm_status_name(self::int32($status, 'status', ArgumentException::STATUS));
    }

    /** A status code's sentence. */
    public static function statusMessage(int $status): string
    {
        return self::ffi()->cxm_status_message(self::int32($status, 'status', ArgumentException::STATUS));
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
        return (string)preg_replace('/^#define .*$/m', '', (string)file_get_contents(self::DECLARATIONS));
    }

    private static function preloaded(): ?FFI
    {
        try {
            return FFI::scope(self::SCOPE);
        } catch (\FFI\Exception) {
            return null; // not preloaded: declare it now
        }
    }

    private static function open(string $declarations, string $file, string $where): FFI
    {
        try {
            return FFI::cdef($declarations, $file);
        } catch (\FFI\Exception $e) {
            if (str_starts_with($e->getMessage(), 'Failed resolving C function')) {
                throw new LibraryException("$file is not libcxmetrics: it has no cxm_version_number; set "
                    . self::ENVIRONMENT . ' to the path of ' . self::SONAME, 0, $e);
            }
            throw new LibraryException("cannot load $file (looked up through $where: {$e->getMessage()}). "
                . 'Install libcxmetrics' . self::ABI_MAJOR . ' (the Debian package), run ldconfig after '
                . '`cmake --install` to /usr/local, or set ' . self::ENVIRONMENT . " to the library's path", 0, $e);
        }
    }

    /** The library's version string, once its ABI major and age are the binding's. */
    private static function checkVersion(FFI $ffi, string $file): string
    {
        $number = $ffi->cxm_version_number();
        $text = $ffi->cxm_version_string();
        $major = intdiv($number, 10000);
        if ($major !== self::ABI_MAJOR) {
            throw new LibraryException("$file is libcxmetrics $text, of ABI $major; this binding needs ABI "
                . self::ABI_MAJOR . ' (' . self::SONAME . '): install libcxmetrics' . self::ABI_MAJOR
                . ' or point ' . self::ENVIRONMENT . ' at it');
        }
        if ($number < self::OLDEST) {
            throw new LibraryException("$file is libcxmetrics $text; this binding needs "
                . intdiv(self::OLDEST, 10000) . '.' . intdiv(self::OLDEST, 100) % 100 . ' or later');
        }
        return $text;
    }

    private static function use(FFI $ffi, string $origin): FFI
    {
        self::$origin = $origin;
        return self::$ffi = $ffi;
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

    /**
     * An int that a C int32_t (or int) parameter holds; else the library's
     * status for an invalid value of that argument (docs/bindings.md, "one
     * rule").
     *
     * @internal
     */
    public static function int32(int $value, string $what, int $status): int
    {
        if (!self::isInt32($value)) {
            throw CxmException::forStatus($status, "$what $value is not a 32-bit integer");
        }
        return $value;
    }

    /** @internal */
    public static function rating(int $rating): int
    {
        return self::isInt32($rating) ? $rating : self::int32($rating, 'rating', RatingRangeException::STATUS);
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

    /**
     * A uint128 given as two uint64 words from FFI (read as signed ints),
     * high first: an int if it fits, else a decimal string, formed by long
     * division of its four 32-bit words by 10^9 (every step stays inside an
     * int: the remainder times 2^32 is below 2^62).
     *
     * @internal
     */
    public static function u128(int $high, int $low): int|string
    {
        if ($high === 0) {
            return self::u64($low);
        }
        $words = [($high >> 32) & 0xFFFFFFFF, $high & 0xFFFFFFFF, ($low >> 32) & 0xFFFFFFFF, $low & 0xFFFFFFFF];
        $digits = '';
        while ($words !== [0, 0, 0, 0]) {
            $remainder = 0;
            foreach ($words as $i => $word) {
                $current = $remainder * 4294967296 + $word;
                $words[$i] = intdiv($current, 1000000000);
                $remainder = $current % 1000000000;
            }
            $digits = sprintf('%09d', $remainder) . $digits;
        }
        return ltrim($digits, '0');
    }

    /**
     * A weight, 1 .. 2^32 - 1: the library refuses 0 with CXM_ERR_ARG, and
     * the same answer comes from here past uint32 (FFI would wrap it).
     *
     * @internal
     */
    public static function weight(int $weight): int
    {
        if ($weight < 0 || $weight > 0xFFFFFFFF) {
            throw CxmException::forStatus(ArgumentException::STATUS, "weight $weight is not in 1 .. 2^32 - 1");
        }
        return $weight;
    }

    /** @internal */
    public static function capacity(int $capacity): int
    {
        if ($capacity < 0 || $capacity > 0xFFFFFFFF) {
            throw CxmException::forStatus(ArgumentException::STATUS, "capacity $capacity is out of range");
        }
        return $capacity;
    }

    /**
     * The library's name of a method, quantity or headline number
     * ('adjusted-wald'); null when it names nothing, a number beyond int32
     * included.
     *
     * @internal
     */
    public static function name(string $function, int $value): ?string
    {
        return self::isInt32($value) ? self::ffi()->$function($value) : null;
    }

    /**
     * The name of a number the library wrote into a result: it always has one.
     *
     * @internal
     */
    public static function resolvedName(string $function, int $value): string
    {
        return self::name($function, $value)
            ?? throw CxmException::forStatus(ArgumentException::STATUS, "the library resolved to $value");
    }

    /**
     * A method, quantity or headline: its number (an int32), or its name as
     * the library spells it, parsed by the library. $unknown, if given, says
     * what an unknown name is, in place of "unknown $what 'name'".
     *
     * @param (\Closure(): string)|null $unknown
     *
     * @internal
     */
    public static function parseName(string $function, int|string $value, string $what, ?\Closure $unknown = null): int
    {
        if (is_int($value)) {
            return self::int32($value, $what, ArgumentException::STATUS);
        }
        $out = self::ffi()->new('int');
        $status = self::ffi()->$function($value, strlen($value), FFI::addr($out));
        if ($status !== 0) {
            throw CxmException::forStatus($status, $unknown !== null ? $unknown() : "unknown $what '$value'");
        }
        return $out->cdata;
    }

    /**
     * The text a cxm_*_format call writes into a buffer of $capacity bytes.
     *
     * @param callable(CData, int, CData): int $format
     *
     * @internal
     */
    public static function formatted(callable $format, int $capacity = self::TEXT_MAX): string
    {
        $ffi = self::ffi();
        $buf = $ffi->new("char[$capacity]");
        $written = $ffi->new('size_t');
        self::check($format($buf, $capacity, FFI::addr($written)));
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
     * Memory aligned for the cxm_*_init functions: [the buffer (keep it
     * referenced; PHP frees it with its last reference), an aligned pointer
     * into it].
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
