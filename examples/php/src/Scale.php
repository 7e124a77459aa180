<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI;
use FFI\CData;

/**
 * A rating scale (cxm_scale): the valid ratings [min, max], a positive and
 * a negative band (inclusive), and the headline (HEADLINE_*). Immutable.
 * Preset names and the text form are the library's.
 */
final readonly class Scale implements \Stringable
{
    public const HEADLINE_POSITIVE_SHARE = 1;
    public const HEADLINE_NET = 2;
    public const HEADLINE_MEAN = 3;

    public const PRESET_CSAT_5 = 1;
    public const PRESET_CSAT_3 = 2;
    public const PRESET_CSAT_10 = 3;
    public const PRESET_CSAT_BINARY = 4;
    public const PRESET_NPS = 5;
    public const PRESET_CES_7 = 6;
    public const PRESET_CES_5 = 7;
    public const PRESET_NET_EASY_7 = 8;

    /** The most ratings a scale may span (CXM_SCALE_MAX_RATINGS, since 1.2). */
    public const MAX_RATINGS = 101;

    public function __construct(
        public int $min,
        public int $max,
        public int $positiveMin,
        public int $positiveMax,
        public int $negativeMin,
        public int $negativeMax,
        public int $headline,
    ) {
    }

    /**
     * A preset: its PRESET_* number, or its name in the library's text form
     * ('nps', 'csat5', 'ces7', 'neteasy7'; aliases 'csat' and 'ces').
     */
    public static function preset(int|string $preset): self
    {
        if (is_string($preset)) {
            return self::parse($preset);
        }
        $number = Native::int32($preset, 'preset', ArgumentException::STATUS);
        $out = Native::init('cxm_scale');
        Native::check(Native::ffi()->cxm_scale_preset($number, FFI::addr($out)), "preset $preset");
        return self::fromNative($out);
    }

    /**
     * The library's word of a HEADLINE_* number, as the text form writes it
     * ('share', 'net', 'mean'); null if it is none.
     */
    public static function headlineName(int $headline): ?string
    {
        return Native::name('cxm_headline_name', $headline);
    }

    /** The HEADLINE_* number of a headline word; ArgumentException if unknown. */
    public static function parseHeadline(int|string $headline): int
    {
        return Native::parseName('cxm_headline_parse', $headline, 'headline');
    }

    /** The text form: a preset name or 'MIN..MAX/PMIN..PMAX/NMIN..NMAX/HEADLINE'. */
    public static function parse(string $text): self
    {
        $out = Native::init('cxm_scale');
        Native::check(Native::ffi()->cxm_scale_parse($text, strlen($text), FFI::addr($out)), "scale '$text'");
        return self::fromNative($out);
    }

    /** A Scale as it is, a preset by number or name. */
    public static function of(self|int|string $scale): self
    {
        return $scale instanceof self ? $scale : self::preset($scale);
    }

    /** @internal */
    public static function fromNative(CData $s): self
    {
        return new self($s->min, $s->max, $s->positive_min, $s->positive_max, $s->negative_min,
                        $s->negative_max, $s->headline);
    }

    /**
     * The cxm_scale. Fields beyond int32 cannot make a valid scale, so they
     * are ScaleException here rather than truncated by FFI.
     *
     * @internal
     */
    public function toNative(): CData
    {
        $out = Native::init('cxm_scale');
        foreach ([
            'min' => $this->min, 'max' => $this->max,
            'positive_min' => $this->positiveMin, 'positive_max' => $this->positiveMax,
            'negative_min' => $this->negativeMin, 'negative_max' => $this->negativeMax,
            'headline' => $this->headline,
        ] as $field => $value) {
            if (!Native::isInt32($value)) {
                throw CxmException::forStatus(ScaleException::STATUS, "$field $value is not a 32-bit integer");
            }
            $out->$field = $value;
        }
        return $out;
    }

    /** Throws ScaleException if the scale is invalid; returns it otherwise. */
    public function check(): self
    {
        $native = $this->toNative();
        Native::check(Native::ffi()->cxm_scale_check(FFI::addr($native)));
        return $this;
    }

    public function isValid(): bool
    {
        try {
            $this->check();
            return true;
        } catch (ScaleException) {
            return false;
        }
    }

    /** The library's rule (cxm_scale_equal): every field equal. */
    public function equals(self $other): bool
    {
        $a = $this->toNative();
        $b = $other->toNative();
        return Native::ffi()->cxm_scale_equal(FFI::addr($a), FFI::addr($b)) === 1;
    }

    public function span(): int
    {
        return $this->max - $this->min + 1;
    }

    /** Bytes an accumulator on this scale occupies (cxm_acc_footprint). */
    public function footprint(): int
    {
        return Accumulator::footprint($this);
    }

    /** The canonical text form ('nps', '-3..3/2..3/-3..-2/net'). */
    public function __toString(): string
    {
        $native = $this->toNative();
        return Native::formatted(
            fn (CData $buf, int $cap, CData $written) => Native::ffi()->cxm_scale_format(FFI::addr($native), $buf, $cap, $written)
        );
    }
}
