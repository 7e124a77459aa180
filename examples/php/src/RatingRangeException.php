<?php

declare(strict_types=1);

namespace Cxmetrics;

/** CXM_ERR_RANGE: a rating outside the scale (or beyond int32); a batch's carries ->index. */
final class RatingRangeException extends CxmException
{
    public const STATUS = -3;
}
