<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_NOMEM: memory could not be allocated. */
final class OutOfMemoryException extends CxmException
{
    public const STATUS = -4;
}
