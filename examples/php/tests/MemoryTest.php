<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, Scale};

/** @group memory */
final class MemoryTest extends TestCase
{
    private static function rssKib(): int
    {
        preg_match('/^VmRSS:\s+(\d+)/m', file_get_contents('/proc/self/status'), $m);
        return (int)$m[1];
    }

    /**
     * A million accumulators made and dropped. Leaked, each would keep its
     * native block (136 bytes on NPS, about 150 with malloc's header: some
     * 150 MB in all); freed, the resident size stays where the warm-up left it.
     */
    public function testAMillionAccumulatorsStayFlat(): void
    {
        $scale = Scale::preset(Scale::PRESET_NPS);
        for ($i = 0; $i < 100000; $i++) {
            (new Accumulator($scale))->add(9);
        }
        $before = self::rssKib();
        for ($i = 0; $i < 1000000; $i++) {
            (new Accumulator($scale))->add(9); // freed by __destruct with its last reference
        }
        $byDestructor = self::rssKib() - $before;
        for ($i = 0; $i < 200000; $i++) {
            $holder = new \stdClass(); // a cycle: only the cycle collector frees it
            $holder->self = $holder;
            $holder->acc = (new Accumulator($scale))->add(9);
        }
        gc_collect_cycles();
        $grown = self::rssKib() - $before;
        self::assertLessThan(20000, $byDestructor, "RSS grew by $byDestructor KiB over 10^6 dropped accumulators");
        self::assertLessThan(20000, $grown, "RSS grew by $grown KiB");
    }
}
