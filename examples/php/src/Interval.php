<?php

declare(strict_types=1);

namespace Cxmetrics;

use FFI\CData;

/** A confidence interval (cxm_interval); quantity and method as resolved, by name. */
final readonly class Interval
{
    public function __construct(
        public string $quantity,
        public string $method,
        public float $confidence,
        public float $estimate,
        public float $se,
        public float $low,
        public float $high,
    ) {
    }

    /** @internal */
    public static function fromNative(CData $s): self
    {
        return new self(
            Native::resolvedName('cxm_quantity_name', $s->quantity),
            Native::resolvedName('cxm_method_name', $s->method), $s->confidence, $s->estimate,
            $s->se, $s->low, $s->high,
        );
    }
}
