<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, RatingRangeException};

final class BatchTest extends TestCase
{
    private const N = 11 * 200000; // 2.2 million ratings, each rating of NPS 200 000 times

    public function testStringBatchIsPassedWhereItLies(): void
    {
        $data = str_repeat(implode('', array_map('chr', range(0, 10))), self::N / 11);
        $acc = (new Accumulator('nps'))->addMany($data);
        self::assertSame(array_fill(0, 11, self::N / 11), $acc->counts());
        // PHP's FFI hands a string given for a `const void *` parameter (as
        // cxmetrics-ffi.h declares the batch functions) to C as the string's
        // own bytes: a write through the pointer C sees shows up in PHP.
        $libc = \FFI::cdef('void *memchr(const void *s, int c, size_t n);', 'libc.so.6');
        $probe = str_repeat('abcdef', 1);
        \FFI::cast('uint8_t *', $libc->memchr($probe, ord('c'), 6))[0] = ord('Z');
        self::assertSame('abZdef', $probe);
    }

    public function testFfiBuffers(): void
    {
        $bytes = \FFI::new('uint8_t[1100]');
        $ints = \FFI::new('int32_t[1100]');
        for ($i = 0; $i < 1100; $i++) {
            $bytes[$i] = $i % 11;
            $ints[$i] = $i % 11;
        }
        $acc = (new Accumulator('nps'))->addMany($bytes)->addMany($ints);
        self::assertSame(array_fill(0, 11, 200), $acc->counts());
        $this->expectException(\TypeError::class);
        $acc->addMany(\FFI::new('double[3]'));
    }

    public function testAllOrNothing(): void
    {
        $data = str_repeat(implode('', array_map('chr', range(0, 10))), 1000);
        $data[5000] = chr(200);
        $acc = new Accumulator('nps');
        try {
            $acc->addMany($data);
            self::fail('a batch with 200 was accepted');
        } catch (RatingRangeException $e) {
            self::assertSame(5000, $e->index);
        }
        self::assertSame(0, $acc->total());
        $acc->addMany('')->addMany([])->addMany(['a' => 9, 'b' => 10]);
        self::assertSame(2, $acc->total());
    }

    public function testRandomBatchesAgainstArrayCountValues(): void
    {
        mt_srand(20240611);
        $ratings = [];
        for ($i = 0; $i < 50000; $i++) {
            $ratings[] = mt_rand(0, 10);
        }
        $acc = new Accumulator('nps');
        foreach (array_chunk($ratings, 1000) as $i => $chunk) {
            $i % 2 ? $acc->addMany($chunk) : $acc->addMany(pack('C*', ...$chunk));
        }
        $expected = array_count_values($ratings) + array_fill(0, 11, 0);
        ksort($expected);
        self::assertSame($expected, $acc->counts(), 'seed 20240611');
    }
}
