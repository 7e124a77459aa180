<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_OVERFLOW: a count would exceed 2^64 - 1. */
final class CountOverflowException extends CxmException
{
    public const STATUS = -5;
}
