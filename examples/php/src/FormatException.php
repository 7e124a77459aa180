<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_FORMAT: bytes or text the library does not accept. */
final class FormatException extends CxmException
{
    public const STATUS = -9;
}
