<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_EMPTY: the statistic is undefined for this sample. */
final class EmptyException extends CxmException
{
    public const STATUS = -11;
}
