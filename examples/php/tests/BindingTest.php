<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{ArgumentException, Method, Native, Quantity, Scale, ScaleException};

/** Names from the library, what a call resolves to, the ffi.preload scope. */
final class BindingTest extends TestCase
{
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

    /** 1.2: what 'headline' and 'default' mean, from the library's one table (include/cxmetrics.h). */
    public function testResolvedMethods(): void
    {
        $resolved = fn (...$arguments): array => (array)Method::resolve(...$arguments);
        self::assertSame(['quantity' => 'positive-share', 'method' => 'wilson'], $resolved('csat5'));
        self::assertSame(['quantity' => 'net', 'method' => 'adjusted-wald'], $resolved('nps'));
        self::assertSame(['quantity' => 'mean', 'method' => 't'], $resolved(Scale::PRESET_CES_7));
        self::assertSame(['quantity' => 'net', 'method' => 'adjusted-wald'], $resolved('nps', use: Method::USE_COMPARE));
        self::assertSame(['quantity' => 'positive-share', 'method' => 'clopper-pearson'],
            $resolved('csat5', use: Method::USE_WEIGHTED_INTERVAL));
        self::assertSame(['quantity' => 'net', 'method' => 'wald'], $resolved('nps', use: Method::USE_WEIGHTED_INTERVAL));
        self::assertSame(['quantity' => 'positive-share', 'method' => 'wald'],
            $resolved('csat5', use: Method::USE_WEIGHTED_COMPARE));
        self::assertSame(['quantity' => 'negative-share', 'method' => 'logit'],
            $resolved('nps', 'negative-share', 'logit', Method::USE_WEIGHTED_INTERVAL));
        self::assertSame(['quantity' => 'net', 'method' => 'score'],
            $resolved(Scale::parse('-3..3/2..3/-3..-2/net'), Quantity::HEADLINE, 'score'));
        foreach ([fn () => Method::resolve('nps', 'net', 'wilson'), fn () => Method::resolve('csat5', 'positive-share', 'logit'),
                  fn () => Method::resolve('nps', 'net', 'score', Method::USE_COMPARE), fn () => Method::resolve('nps', use: 5)] as $call) {
            try {
                $call();
                self::fail('a method the table does not allow was resolved');
            } catch (ArgumentException $e) {
                self::assertSame(-10, $e->getCode());
            }
        }
        $this->expectException(ScaleException::class);
        Method::resolve(new Scale(1, 5, 4, 5, 3, 4, Scale::HEADLINE_MEAN));
    }

    public function testNamesOfTheMethodsSince12(): void
    {
        self::assertSame(['logit', 'jeffreys'], [Method::name(Method::LOGIT), Method::name(Method::JEFFREYS)]);
        self::assertSame(Method::JEFFREYS, Method::parse('jeffreys'));
    }

    /** Jeffreys, once the library's table lists it for shares: R 4.2.2, qbeta(c(0.025, 0.975), 70.5, 30.5). */
    public function testJeffreysAgainstR(): void
    {
        try {
            Method::resolve('csat2', 'positive-share', 'jeffreys');
        } catch (ArgumentException) {
            self::markTestSkipped("this library's table does not list jeffreys for shares yet");
        }
        $iv = self::share(70, 100)->interval('positive-share', 'jeffreys');
        self::assertSame(['positive-share', 'jeffreys'], [$iv->quantity, $iv->method]);
        self::assertRel(60.545349336922694, $iv->low);
        self::assertRel(78.315857138119493, $iv->high);
    }
}
