<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_MISMATCH: two states of different scales. */
final class MismatchException extends CxmException
{
    public const STATUS = -7;
}
