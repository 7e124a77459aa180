<?php

/*
 * What a call costs through the PHP binding, next to the C library measured
 * by cxm-bench in the same run (docs/performance.md, "Bindings").
 *
 *   CXM_LIBRARY=build/lib/libcxmetrics.so php examples/php/bench.php \
 *     [build/tests/bench/cxm-bench] [repetitions]
 *
 * Rows, each the median of the repetitions, run round-robin so that a slow
 * spell of a shared machine hits every row alike:
 *   add          Accumulator::add, once per rating, 10^6 ratings
 *   add (FFI)    the FFI function called directly: PHP FFI's own floor,
 *                without the binding's checks
 *   addMany      Accumulator::addMany of a 10^6-byte string (one call)
 *   addMany(array)  the same ratings as an array of ints, which the
 *                binding checks and packs into int32s before the call
 *   C add, C add_many_u8   cxm-bench -n 10^6 -r 1 after each repetition
 * Ratings are 0..10 from a fixed seed; every result is checked against
 * array_count_values before anything is printed.
 */

declare(strict_types=1);

require __DIR__ . '/autoload.php';

use Cxmetrics\{Accumulator, Native, Scale};

// --calls N add|bare|batch: only N calls of one path, untimed, for
// callgrind (docs/performance.md: instructions per call from two values of
// N); batch is addMany of 10^6 bytes.
if (($argv[1] ?? '') === '--calls') {
    $n = (int)$argv[2];
    $acc = new Accumulator(Scale::PRESET_NPS);
    $path = $argv[3] ?? 'add';
    if ($path === 'bare') {
        $ffi = Native::ffi();
        $handle = $acc->handle();
        for ($i = 0; $i < $n; $i++) {
            $ffi->cxm_acc_add($handle, 9);
        }
    } elseif ($path === 'batch') {
        $batch = str_repeat("\x09", 1000000);
        for ($i = 0; $i < $n; $i++) {
            $acc->addMany($batch);
        }
        $n *= 1000000;
    } else {
        for ($i = 0; $i < $n; $i++) {
            $acc->add(9);
        }
    }
    exit($acc->total() === $n ? 0 : 1);
}

const N = 1000000;
$bench = $argv[1] ?? __DIR__ . '/../../build/tests/bench/cxm-bench';
$reps = (int)($argv[2] ?? 7);

mt_srand(20261201);
$ratings = [];
for ($i = 0; $i < N; $i++) {
    $ratings[] = mt_rand(0, 10);
}
$bytes = pack('C*', ...$ratings);
$expected = array_count_values($ratings) + array_fill(0, 11, 0);
ksort($expected);

$ffi = Native::ffi();
$paths = [
    'add' => function (Accumulator $acc) use ($ratings): void {
        foreach ($ratings as $r) {
            $acc->add($r);
        }
    },
    'add (FFI)' => function (Accumulator $acc) use ($ratings, $ffi): void {
        $handle = $acc->handle();
        foreach ($ratings as $r) {
            $ffi->cxm_acc_add($handle, $r);
        }
    },
    'addMany' => function (Accumulator $acc) use ($bytes): void {
        $acc->addMany($bytes);
    },
    'addMany(array)' => function (Accumulator $acc) use ($ratings): void {
        $acc->addMany($ratings);
    },
];

/**
 * cxm-bench's rows (ns per rating), one repetition: run between the PHP
 * repetitions so that both see the same spells of a busy machine.
 *
 * @return array<string, float>
 */
function cRows(string $bench): array
{
    $rows = [];
    if (is_executable($bench)) {
        foreach (explode("\n", (string)shell_exec(escapeshellarg($bench) . ' -n ' . N . ' -r 1')) as $line) {
            if (preg_match('/^(add|add_many_u8)\s+([\d.]+)\s+rating/', $line, $m)) {
                $rows[$m[1]] = (float)$m[2];
            }
        }
    }
    return $rows;
}

$times = [];
for ($rep = 0; $rep < $reps; $rep++) {
    foreach ($paths as $name => $path) {
        $acc = new Accumulator(Scale::PRESET_NPS);
        $t0 = hrtime(true);
        $path($acc);
        $times[$name][] = hrtime(true) - $t0;
        if ($acc->counts() !== $expected) {
            fwrite(STDERR, "$name: counts differ from array_count_values\n");
            exit(1);
        }
    }
    foreach (cRows($bench) as $name => $ns) {
        $times["C $name"][] = $ns;
    }
}
$median = function (array $xs): float {
    sort($xs);
    return (float)$xs[intdiv(count($xs), 2)];
};

$c = [];
foreach (['add', 'add_many_u8'] as $name) {
    if (isset($times["C $name"])) {
        $c[$name] = $median($times["C $name"]);
    }
}
if ($c === []) {
    fwrite(STDERR, "cxm-bench not found at $bench: no C rows\n");
}

printf("cxmetrics %s, PHP %s (FFI), 10^6 ratings on 0-10, median of %d\n",
       $ffi->cxm_version_string(), PHP_VERSION, $reps);
printf("%-22s %12s %12s\n", 'path', 'ns/rating', 'x C');
$rows = [
    ['PHP add', $median($times['add']) / N, $c['add'] ?? null],
    ['PHP add (bare FFI)', $median($times['add (FFI)']) / N, $c['add'] ?? null],
    ['PHP addMany(string)', $median($times['addMany']) / N, $c['add_many_u8'] ?? null],
    ['PHP addMany(array)', $median($times['addMany(array)']) / N, $c['add_many_u8'] ?? null],
    ['C add', $c['add'] ?? null, $c['add'] ?? null],
    ['C add_many_u8', $c['add_many_u8'] ?? null, $c['add_many_u8'] ?? null],
];
foreach ($rows as [$name, $ns, $base]) {
    if ($ns !== null) {
        printf("%-22s %12.3f %12s\n", $name, $ns, $base ? sprintf('%.1f', $ns / $base) : '-');
    }
}
printf("batch of 10^6 bytes: %.3f ms per addMany call\n", $median($times['addMany']) / 1e6);
