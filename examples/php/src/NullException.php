<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_NULL: a required pointer was NULL (the binding never passes one). */
final class NullException extends CxmException
{
    public const STATUS = -1;
}
