<?php

declare(strict_types=1);

namespace Cxmetrics;

/**
 * CXM_ERR_ARG: any other invalid argument (a quantity, method, preset or use
 * out of range, a confidence outside (0, 1), ...).
 */
final class ArgumentException extends CxmException
{
    public const STATUS = -10;
}
