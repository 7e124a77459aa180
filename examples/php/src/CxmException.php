<?php

declare(strict_types=1);

namespace Cxmetrics;

/**
 * A non-OK status of the library (docs/bindings.md maps each status to its
 * class in the four bindings). getCode() is the CXM_ERR_* number;
 * $statusName its name ("CXM_ERR_RANGE"), $statusMessage the library's
 * sentence; $index the first invalid position of a batch, where known.
 * Each status has its subclass, with the status as its STATUS constant;
 * their names avoid SPL's RangeException, OverflowException and
 * InvalidArgumentException, so that inside `namespace Cxmetrics` code a bare
 * name never means two things.
 */
class CxmException extends \RuntimeException
{
    public readonly string $statusName;
    public readonly string $statusMessage;

    final public function __construct(int $status, ?string $detail = null, public readonly ?int $index = null)
    {
        $ffi = Native::ffi();
        $this->statusName = $ffi->cxm_status_name($status);
        $this->statusMessage = $ffi->cxm_status_message($status);
        $text = $this->statusName . ': ' . rtrim($this->statusMessage, '.');
        parent::__construct($detail === null ? $text : "$text ($detail)", $status);
    }

    /** The exception for a status: its own class, or CxmException for an unknown value. */
    public static function forStatus(int $status, ?string $detail = null, ?int $index = null): self
    {
        $class = match ($status) {
            NullException::STATUS => NullException::class,
            ScaleException::STATUS => ScaleException::class,
            RatingRangeException::STATUS => RatingRangeException::class,
            OutOfMemoryException::STATUS => OutOfMemoryException::class,
            CountOverflowException::STATUS => CountOverflowException::class,
            AbsentException::STATUS => AbsentException::class,
            MismatchException::STATUS => MismatchException::class,
            SizeException::STATUS => SizeException::class,
            FormatException::STATUS => FormatException::class,
            ArgumentException::STATUS => ArgumentException::class,
            EmptyException::STATUS => EmptyException::class,
            WindowException::STATUS => WindowException::class,
            default => self::class,
        };
        return new $class($status, $detail, $index);
    }
}
