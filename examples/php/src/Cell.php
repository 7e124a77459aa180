<?php

declare(strict_types=1);

namespace Cxmetrics;

/**
 * One rating's sums in a weighted accumulator, or their totals
 * (cxm_wacc_cell, cxm_wacc_totals): the responses, the sum of their weights
 * and the sum of their squared weights (below 2^96). Each is an int, or a
 * decimal string beyond PHP_INT_MAX, exactly.
 */
final readonly class Cell
{
    public function __construct(
        public int|string $count,
        public int|string $weight,
        public int|string $squares,
    ) {
    }
}
