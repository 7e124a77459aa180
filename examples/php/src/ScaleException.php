<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_SCALE: an invalid scale. */
final class ScaleException extends CxmException
{
    public const STATUS = -2;
}
