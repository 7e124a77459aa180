<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, Adjust, CxmException, Method, Native, Quantity, Scale, Series, WeightedAccumulator};

/**
 * The binding against the library's interface, and how it finds the library.
 *
 * The functions, struct layouts and constants come from one source shared by
 * every binding's tests: tests/abi/interface.py reads the ABI baseline
 * (tests/abi/cxmetrics.abi) and what tests/abi/constants.c prints, and ctest
 * hands its document over as CXM_INTERFACE. Functions added since the
 * baseline was recorded are declared without being listed there; FFI::cdef
 * resolves every declared function, so each is in the library all the same.
 */
final class InterfaceTest extends TestCase
{
    /**
     * Where cxmetrics-ffi.h spells a parameter otherwise than the header, on
     * purpose (its comment says why): function => [header's, FFI's].
     */
    private const RESPELLED = [
        'cxm_acc_add_many' => ['int32_t *', 'void *'],
        'cxm_acc_add_many_u8' => ['uint8_t *', 'void *'],
    ];

    /** Constants whose home is not their family's class: CXM_ name => class constant. */
    private const HOMES = [
        'CXM_VERSION_MAJOR' => Native::class . '::ABI_MAJOR',
        'CXM_TEXT_MAX' => Native::class . '::TEXT_MAX',
        'CXM_ENCODED_MAX' => Native::class . '::ENCODED_MAX',
        'CXM_SERIES_MAX_CAPACITY' => Series::class . '::MAX_CAPACITY',
        'CXM_SERIES_BUCKET_LIMIT' => Series::class . '::BUCKET_LIMIT',
        'CXM_SCALE_MAX_RATINGS' => Scale::class . '::MAX_RATINGS',
        'CXM_ACC_FOOTPRINT_MAX' => Accumulator::class . '::FOOTPRINT_MAX',
        'CXM_WACC_ENCODED_MAX' => WeightedAccumulator::class . '::ENCODED_MAX',
        'CXM_WACC_TEXT_MAX' => WeightedAccumulator::class . '::TEXT_MAX',
    ];

    /** @var array{functions: list<array{name: string, prototype: string}>, structs: array<string, array{size: int, members: list<array{0: string, 1: int, 2: string}>}>, constants: array<string, int>} */
    private array $interface;

    protected function setUp(): void
    {
        $path = getenv('CXM_INTERFACE');
        if ($path === false || !is_file($path)) {
            self::markTestSkipped('CXM_INTERFACE is not set (ctest sets it)');
        }
        $this->interface = json_decode((string)file_get_contents($path), true, flags: JSON_THROW_ON_ERROR);
    }

    /**
     * Every prototype of cxmetrics-ffi.h by name, whitespace as one space,
     * as unqualified() spells it.
     *
     * @return array<string, string>
     */
    private static function declared(): array
    {
        preg_match_all('/^[^#\/ *][^;]*?\b(cxm_\w+)\([^;]*\);/m', Native::declarations(), $m, PREG_SET_ORDER);
        $declared = [];
        foreach ($m as [$text, $name]) {
            $declared[$name] = self::unqualified(trim((string)preg_replace(['/\s+/', '/\s*;$/', '/\(\s+/'], [' ', '', '('], $text)));
        }
        return $declared;
    }

    /**
     * A prototype as the ABI sees it: the types without `const` (which the
     * baseline does not keep on every pointer: `const void *` is recorded as
     * `void *`) and without parameter names (the baseline has the
     * definition's, the header its own).
     */
    private static function unqualified(string $prototype): string
    {
        preg_match('/^(.*?)\((.*)\)$/', str_replace('const ', '', $prototype), $m);
        $types = array_map(fn (string $p): string => $p === 'void' ? $p : rtrim((string)preg_replace('/\w+$/', '', $p)),
            explode(', ', $m[2]));
        return $m[1] . '(' . implode(', ', $types) . ')';
    }

    public function testEveryExportedFunctionIsDeclaredWithItsPrototype(): void
    {
        $declared = self::declared();
        self::assertGreaterThanOrEqual(59, count($this->interface['functions'])); // 1.0 and 1.1 at least
        foreach ($this->interface['functions'] as $function) {
            $name = $function['name'];
            self::assertArrayHasKey($name, $declared, "$name is exported but not declared in cxmetrics-ffi.h");
            $want = self::unqualified($function['prototype']);
            if (isset(self::RESPELLED[$name])) {
                $want = str_replace(self::RESPELLED[$name][0], self::RESPELLED[$name][1], $want);
            }
            self::assertSame($want, $declared[$name]);
        }
        // declared beyond the baseline (newer than its recording): FFI::cdef
        // resolved each in the library loaded, or Native::ffi() had failed
        self::assertGreaterThanOrEqual(count($this->interface['functions']), count($declared));
        self::assertInstanceOf(\FFI::class, Native::ffi());
    }

    public function testStructLayouts(): void
    {
        $ffi = Native::ffi();
        $sizes = ['int32_t' => 4, 'uint32_t' => 4, 'uint64_t' => 8, 'double' => 8];
        foreach ($this->interface['structs'] as $name => $layout) {
            $type = $ffi->type($name);
            self::assertGreaterThanOrEqual($layout['size'], \FFI::sizeof($type), $name);
            foreach ($layout['members'] as [$member, $offset, $spelling]) {
                self::assertSame($offset, $type->getStructFieldOffset($member), "$name.$member");
                self::assertSame($sizes[$spelling], $type->getStructFieldType($member)->getSize(), "$name.$member");
            }
        }
    }

    public function testEveryConstantIsBoundWithItsValue(): void
    {
        self::assertArrayHasKey('CXM_METHOD_JEFFREYS', $this->interface['constants']);
        foreach ($this->interface['constants'] as $name => $value) {
            $this->assertBound($name, $value);
        }
    }

    /**
     * How the binding carries each family of constants: statuses as
     * exception classes, methods, uses, quantities and adjustments on
     * Method, Quantity and Adjust, headlines and presets on Scale (each agreeing with the
     * library's names), the rest where HOMES says.
     */
    private function assertBound(string $name, int $value): void
    {
        [$family, $member] = explode('_', substr($name, 4), 2) + [1 => ''];
        if ($name === 'CXM_OK') {
            Native::check($value);
            self::assertSame(0, $value);
            return;
        }
        if ($family === 'ERR') {
            $e = CxmException::forStatus($value);
            self::assertSame($name, $e->statusName);
            self::assertNotSame(CxmException::class, get_class($e), $name);
            self::assertSame($value, constant(get_class($e) . '::STATUS'));
            return;
        }
        if ($family === 'VERSION' && $member !== 'MAJOR') {
            $version = json_decode((string)file_get_contents(__DIR__ . '/../composer.json'), true)['version'];
            self::assertSame($value, (int)explode('.', $version)[$member === 'MINOR' ? 1 : 2], $name);
            return;
        }
        $home = self::HOMES[$name] ?? match ($family) {
            'METHOD' => Method::class . "::$member",
            'USE' => Method::class . "::USE_$member",
            'QUANTITY' => Quantity::class . "::$member",
            'ADJUST' => Adjust::class . "::$member",
            'HEADLINE', 'PRESET' => Scale::class . "::{$family}_$member",
            default => self::fail("the constant $name has no home in the binding"),
        };
        self::assertTrue(defined($home), "$name: no $home");
        self::assertSame($value, constant($home), $name);
        $spelled = strtolower(str_replace('_', '-', $member));
        match ($family) {
            'METHOD' => self::assertSame([$spelled, $value], [Method::name($value), Method::parse($spelled)]),
            'QUANTITY' => self::assertSame([$spelled, $value], [Quantity::name($value), Quantity::parse($spelled)]),
            'ADJUST' => self::assertSame([$spelled, $value], [Adjust::name($value), Adjust::parse($spelled)]),
            'HEADLINE' => self::assertSame($value, Scale::parseHeadline((string)Scale::headlineName($value))),
            // the library's text names: csat5, nps, neteasy7, and csat2 for CSAT_BINARY
            'PRESET' => self::assertTrue(Scale::preset($value)->equals(
                Scale::preset($member === 'CSAT_BINARY' ? 'csat2' : str_replace('-', '', $spelled)))),
            default => null,
        };
    }

    public function testVersion(): void
    {
        $c = $this->interface['constants'];
        $header = [$c['CXM_VERSION_MAJOR'], $c['CXM_VERSION_MINOR'], $c['CXM_VERSION_PATCH']];
        self::assertSame(implode('.', $header), Native::version());
        self::assertSame($header[0] * 10000 + $header[1] * 100 + $header[2], Native::versionNumber());
    }
}
