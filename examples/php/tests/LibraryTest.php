<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, LibraryException, Native};

/**
 * CXM_LIBRARY, the system loader, and the refusals: each error names the
 * library it looked for, where, and the variable. Loads run in a child PHP
 * with the environment given, except those that must leave the library in
 * use as it was.
 */
final class LibraryTest extends TestCase
{
    private static function library(): string
    {
        $library = getenv('CXM_LIBRARY');
        if ($library === false) {
            self::markTestSkipped('CXM_LIBRARY not set');
        }
        return $library;
    }

    /**
     * $code in a child PHP that loads the binding as this suite does, with
     * the environment changed as given (null removes a variable); its output
     * and errors.
     *
     * @param array<string, ?string> $environment
     */
    private static function runPhp(string $code, array $environment): string
    {
        $env = getenv();
        foreach ($environment as $name => $value) {
            if ($value === null) {
                unset($env[$name]);
            } else {
                $env[$name] = $value;
            }
        }
        $script = 'declare(strict_types=1); require ' . var_export(__DIR__ . '/../autoload.php', true) . '; ' . $code;
        $process = proc_open([PHP_BINARY, '-d', 'ffi.enable=1', '-r', $script], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
            $pipes, null, $env);
        $output = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
        proc_close($process);
        return $output;
    }

    public function testExplicitPath(): void
    {
        $library = self::library();
        Native::load($library);
        self::assertSame($library, Native::origin());
    }

    public function testMissingLibrary(): void
    {
        try {
            Native::load('/nonexistent/libcxmetrics.so.1');
            self::fail('a missing library was loaded');
        } catch (LibraryException $e) {
            self::assertStringStartsWith("cannot load /nonexistent/libcxmetrics.so.1 (looked up through the path given "
                . "to Native::load(): Failed loading '/nonexistent/libcxmetrics.so.1'). Install libcxmetrics1 (the Debian "
                . 'package), run ldconfig after `cmake --install` to /usr/local, or set CXM_LIBRARY', $e->getMessage());
            self::assertInstanceOf(\RuntimeException::class, $e);
        }
        self::assertSame(0, (new Accumulator('nps'))->total()); // the previous library stays
        self::assertStringContainsString('Cxmetrics\LibraryException: cannot load /nonexistent/lib.so (looked up through '
            . '$CXM_LIBRARY', self::runPhp('new Cxmetrics\Accumulator("nps");', ['CXM_LIBRARY' => '/nonexistent/lib.so']));
    }

    public function testNotTheLibrary(): void
    {
        $this->expectExceptionObject(new LibraryException('libc.so.6 is not libcxmetrics: it has no cxm_version_number; '
            . 'set CXM_LIBRARY to the path of libcxmetrics.so.1'));
        Native::load('libc.so.6');
    }

    public function testSystemLoaderFindsTheSoname(): void
    {
        // the build directory holds libcxmetrics.so.1, as /usr/lib does once installed
        $output = self::runPhp('echo Cxmetrics\Native::version(), " ", Cxmetrics\Native::origin();',
            ['CXM_LIBRARY' => null, 'LD_LIBRARY_PATH' => dirname(self::library())]);
        self::assertSame(Native::version() . ' libcxmetrics.so.1', $output);
    }

    public function testAnotherMajorIsRefused(): void
    {
        $other = getenv('CXM_OTHER_LIBRARY');
        if ($other === false) {
            self::markTestSkipped('CXM_OTHER_LIBRARY not set');
        }
        try {
            Native::load($other); // 2.0.0 (tests/abi/other_version.c)
            self::fail('another major was loaded');
        } catch (LibraryException $e) {
            self::assertSame("$other is libcxmetrics 2.0.0, of ABI 2; this binding needs ABI 1 (libcxmetrics.so.1): "
                . 'install libcxmetrics1 or point CXM_LIBRARY at it', $e->getMessage());
        }
        self::assertSame(0, (new Accumulator('nps'))->total());
        self::assertStringContainsString("$other is libcxmetrics 1.1.0; this binding needs 1.2 or later",
            self::runPhp('new Cxmetrics\Accumulator("nps");', ['CXM_LIBRARY' => $other, 'CXM_OTHER_VERSION' => '10100']));
        // the right version, but not every function: a build between releases
        self::assertStringContainsString("$other (libcxmetrics 1.2.0) has no cxm_status_name, which this binding needs",
            self::runPhp('new Cxmetrics\Accumulator("nps");', ['CXM_LIBRARY' => $other, 'CXM_OTHER_VERSION' => '10200']));
    }
}
