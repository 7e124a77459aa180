<?php

declare(strict_types=1);

namespace Cxmetrics;

/** Any call on an object after close(). */
final class ClosedException extends \LogicException
{
}
