<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_SIZE: a struct size or a buffer too small. */
final class SizeException extends CxmException
{
    public const STATUS = -8;
}
