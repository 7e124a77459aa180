<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI\CData;

/**
 * What an object with a portable encoding has (Accumulator,
 * WeightedAccumulator, Series; each uses Owner too): `clone` copies the
 * native object (cxm_*_clone), serialize() stores the encoding, decode()
 * (cxm_*_decode) and encode() (cxm_*_encoded_size, cxm_*_encode).
 *
 * @internal
 */
trait Encoded
{
    /**
     * A copy owns a copy of the native object (clone $acc). PHP copied the
     * source's handle into it: that goes first, so that a copy that fails
     * frees nothing of the source's.
     */
    public function __clone()
    {
        $source = $this->handle();
        $this->handle = $this->memory = null;
        $out = $this->ffi->new(self::TYPE . ' *');
        Native::check($this->ffi->{self::TYPE . '_clone'}($source, \FFI::addr($out)));
        $this->handle = $out;
    }

    /**
     * serialize() stores the portable encoding.
     *
     * @return array{bytes: string}
     */
    public function __serialize(): array
    {
        return ['bytes' => $this->encode()];
    }

    /** @param array{bytes: string} $data */
    public function __unserialize(array $data): void
    {
        $this->own(self::decodeHandle($data['bytes']));
    }

    private static function decodeHandle(string $bytes): CData
    {
        $out = Native::out(self::TYPE);
        Native::check(Native::ffi()->{self::TYPE . '_decode'}($bytes, strlen($bytes), \FFI::addr($out)));
        return $out;
    }

    /** From encode()'s bytes; FormatException for anything else, another kind's encoding included. */
    public static function decode(string $bytes): static
    {
        return self::adopt(self::decodeHandle($bytes));
    }

    /** The portable bytes (cxm_*_encode), a binary string. */
    public function encode(): string
    {
        return Native::encoded($this->handle(), self::TYPE . '_encoded_size', self::TYPE . '_encode');
    }
}
