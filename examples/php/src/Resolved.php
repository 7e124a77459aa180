<?php

declare(strict_types=1);

namespace Cxmetrics;

/** A quantity and a method as the library resolves them (Method::resolve), by name. */
final readonly class Resolved
{
    public function __construct(
        public string $quantity,
        public string $method,
    ) {
    }
}
