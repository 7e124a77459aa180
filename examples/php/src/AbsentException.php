<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_ABSENT: removing or subtracting more than was recorded. */
final class AbsentException extends CxmException
{
    public const STATUS = -6;
}
