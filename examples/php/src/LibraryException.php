<?php

declare(strict_types=1);

namespace Cxmetrics;

/**
 * The library cannot be used: not found (the message names what was looked
 * for, where, and CXM_LIBRARY), not libcxmetrics, of another ABI major,
 * older than this binding, or lacking a function it needs.
 */
final class LibraryException extends \RuntimeException
{
}
