<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI\CData;

/**
 * Owns one native object and frees it exactly once: at close(), or in
 * __destruct when PHP drops the last reference (at once, by reference
 * counting; the cycle collector covers objects caught in cycles). An object
 * in PHP-owned memory (inMemory) keeps that buffer instead, and the library
 * frees nothing for it. A class that uses it sets TYPE, the C type whose
 * functions it calls: what several kinds share (this trait, OnScale,
 * Encoded, State) calls TYPE . '_verb' (cxm_acc_free); a kind's own
 * methods name their functions, since a name built per call costs some 300
 * instructions more and Accumulator::add is the hot path.
 *
 * @internal
 */
trait Owner
{
    private ?CData $handle = null;
    private ?CData $memory = null;
    // The FFI instance that made the handle, kept: a property read is ten
    // times cheaper than Native::ffi(), and after a Native::load() of
    // another library the handle still belongs to this one.
    private \FFI $ffi;

    public function close(): void
    {
        if ($this->handle !== null && $this->memory === null) {
            $this->ffi->{self::TYPE . '_free'}($this->handle);
        }
        $this->handle = $this->memory = null;
    }

    public function isClosed(): bool
    {
        return $this->handle === null;
    }

    public function __destruct()
    {
        $this->close();
    }

    private function own(CData $pointer, ?CData $memory = null): void
    {
        $this->handle = $pointer;
        $this->memory = $memory;
        $this->ffi = Native::ffi();
    }

    /** @internal the native pointer; ClosedException after close() */
    public function handle(): CData
    {
        return $this->handle ?? self::closed();
    }

    private static function closed(): never
    {
        throw new ClosedException(self::class . ' is closed');
    }

    /** Wraps a pointer the library handed over (decode, parse). */
    private static function adopt(CData $pointer, ?CData $memory = null): static
    {
        $object = self::allocate();
        $object->own($pointer, $memory);
        return $object;
    }

    /** An object of this class that owns nothing yet: its constructor is not run. */
    private static function allocate(): static
    {
        return (new \ReflectionClass(static::class))->newInstanceWithoutConstructor();
    }
}
