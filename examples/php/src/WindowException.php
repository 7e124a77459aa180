<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_WINDOW: a bucket outside a series' retained window. */
final class WindowException extends CxmException
{
    public const STATUS = -12;
}
