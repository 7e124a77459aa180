<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Method, Native, Quantity, Scale, ArgumentException};

final class BindingTest extends TestCase
{
    /** @return list<string> the functions the header exports */
    private static function declared(): array
    {
        preg_match_all('/^CXM_API[^(]*?\b(cxm_\w+)\(/m', file_get_contents(self::header()), $m);
        return $m[1];
    }

    public function testEveryPublicFunctionIsDeclared(): void
    {
        preg_match_all('/\b(cxm_\w+)\(/', Native::declarations(), $m);
        $bound = array_unique($m[1]);
        self::assertSame([], array_values(array_diff(self::declared(), $bound)));
        self::assertSame([], array_values(array_diff($bound, self::declared())));
    }

    public function testStructLayoutsMatchTheHeader(): void
    {
        // sizeof of each struct on LP64 (tests/test_snapshot.c, tests/test_stats.c)
        $ffi = Native::ffi();
        self::assertSame(32, \FFI::sizeof($ffi->type('cxm_scale')));
        self::assertSame(104, \FFI::sizeof($ffi->type('cxm_snapshot')));
        self::assertSame(56, \FFI::sizeof($ffi->type('cxm_interval')));
        self::assertSame(80, \FFI::sizeof($ffi->type('cxm_comparison')));
        self::assertSame(8, $ffi->type('cxm_snapshot')->getStructFieldOffset('n'));
    }

    public function testVersionAndConstantsMatchTheHeader(): void
    {
        $text = file_get_contents(self::header());
        $part = fn (string $p) => (int)preg_replace('/.*#define CXM_VERSION_' . $p . ' (\d+).*/s', '$1', $text);
        [$major, $minor, $patch] = [$part('MAJOR'), $part('MINOR'), $part('PATCH')];
        $ffi = Native::ffi();
        self::assertSame("$major.$minor.$patch", Native::version());
        self::assertSame($major * 10000 + $minor * 100 + $patch, Native::versionNumber());
        self::assertSame('CXM_ERR_WINDOW', Native::statusName(-12));
        self::assertSame($ffi->cxm_status_message(-12), Native::statusMessage(-12));
        preg_match_all('/^\s+CXM_(HEADLINE|PRESET|QUANTITY|METHOD)_(\w+) = (\d+)/m', $text, $m, PREG_SET_ORDER);
        self::assertCount(3 + 8 + 5 + 9, $m);
        foreach ($m as [, $group, $name, $value]) {
            $class = match ($group) {
                'QUANTITY' => Quantity::class,
                'METHOD' => Method::class,
                default => Scale::class,
            };
            $constant = in_array($group, ['HEADLINE', 'PRESET'], true) ? "{$group}_$name" : $name;
            self::assertSame((int)$value, constant("$class::$constant"), "CXM_{$group}_$name");
        }
        foreach (['TEXT_MAX', 'ENCODED_MAX'] as $name) {
            preg_match("/#define CXM_$name (\d+)/", $text, $d);
            self::assertSame((int)$d[1], constant(Native::class . "::$name"));
        }
    }

    /**
     * php.ini's ffi.preload = cxmetrics-ffi.h declares the library at PHP's
     * start-up (the php-fpm set-up of README.md); the binding then uses that
     * scope. Run in a child PHP with the library found by the loader only.
     */
    public function testFfiPreloadScope(): void
    {
        $library = getenv('CXM_LIBRARY');
        if ($library === false || !is_file(dirname($library) . '/libcxmetrics.so.1')) {
            self::markTestSkipped('needs CXM_LIBRARY in a directory with libcxmetrics.so.1');
        }
        $script = 'require ' . var_export(__DIR__ . '/../autoload.php', true) . ';'
            . '$acc = (new Cxmetrics\\Accumulator("nps"))->add(10, 60)->add(8, 30)->add(0, 10);'
            . 'echo Cxmetrics\\Native::origin(), " ", $acc->snapshot()->score;';
        $command = 'env -u CXM_LIBRARY LD_LIBRARY_PATH=' . escapeshellarg(dirname($library)) . ' '
            . escapeshellarg(PHP_BINARY) . ' -n -d extension=ffi -d ffi.enable=preload -d ffi.preload='
            . escapeshellarg(Native::DECLARATIONS) . ' -r ' . escapeshellarg($script) . ' 2>&1';
        // docs/metrics.md: 60 promoters, 30 passives, 10 detractors -> NPS 50
        self::assertSame('ffi.preload 50', shell_exec($command));
    }

    public function testNamesComeFromTheLibrary(): void
    {
        self::assertSame('wilson-cc', Method::name(Method::WILSON_CC));
        self::assertSame('positive-share', Quantity::name(Quantity::POSITIVE_SHARE));
        self::assertNull(Method::name(99));
        self::assertSame(Method::ADJUSTED_WALD, Method::parse('adjusted-wald'));
        self::assertSame(Quantity::MEAN, Quantity::parse('mean'));
        $this->expectException(ArgumentException::class);
        Method::parse('Wilson');
    }

    /** The headline words of the scale's text form (include/cxmetrics.h, cxm_headline_name). */
    public function testHeadlineNamesComeFromTheLibrary(): void
    {
        $words = [Scale::HEADLINE_POSITIVE_SHARE => 'share', Scale::HEADLINE_NET => 'net',
            Scale::HEADLINE_MEAN => 'mean'];
        foreach ($words as $number => $word) {
            self::assertSame($word, Scale::headlineName($number));
            self::assertSame($number, Scale::parseHeadline($word));
        }
        self::assertNull(Scale::headlineName(0));
        self::assertNull(Scale::headlineName(4));
        foreach (['positive-share', 'Share', 'headline', '', "net\0"] as $bad) {
            try {
                Scale::parseHeadline($bad);
                self::fail('accepted ' . var_export($bad, true));
            } catch (ArgumentException $e) {
                self::assertSame(-10, $e->getCode(), var_export($bad, true));
            }
        }
    }
}
