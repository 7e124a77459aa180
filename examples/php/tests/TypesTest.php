<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

/**
 * The binding's type declarations, the PHP side of "type declarations in
 * every binding": every class of src/ (PSR-4, one per file) declares the
 * type of every parameter, return value and property, and every array or
 * generator it takes or returns says what it holds in PHPDoc generics
 * (array<int, Cell>, list<string>, \Generator<int, Accumulator>), as
 * PHPStan and Psalm read them. PHP checks the declared types on every call
 * under strict_types; no static analyser is packaged in Debian, so this test
 * is what keeps the declarations complete.
 */
final class TypesTest extends TestCase
{
    /** Methods PHP does not let declare a return type. */
    private const NO_RETURN_TYPE = ['__construct', '__destruct', '__clone'];

    /** @return list<\ReflectionClass<object>> every class, interface and trait of src/ */
    private static function classes(): array
    {
        $classes = [];
        foreach (glob(__DIR__ . '/../src/*.php') ?: [] as $file) {
            $name = 'Cxmetrics\\' . basename($file, '.php');
            self::assertTrue(class_exists($name) || trait_exists($name) || interface_exists($name),
                "src/" . basename($file) . " does not define $name (PSR-4: one class per file, named after it)");
            $classes[] = new \ReflectionClass($name);
        }
        self::assertGreaterThanOrEqual(25, count($classes));
        return $classes;
    }

    public function testEveryParameterReturnAndPropertyIsTyped(): void
    {
        foreach (self::classes() as $class) {
            foreach ($class->getMethods() as $method) {
                if ($method->getDeclaringClass()->getNamespaceName() !== 'Cxmetrics') {
                    continue; // \RuntimeException's own
                }
                $where = $class->getShortName() . '::' . $method->getName();
                if (!in_array($method->getName(), self::NO_RETURN_TYPE, true)) {
                    self::assertTrue($method->hasReturnType(), "$where has no return type");
                }
                foreach ($method->getParameters() as $parameter) {
                    self::assertTrue($parameter->hasType(), "$where: \${$parameter->getName()} has no type");
                }
            }
            foreach ($class->getProperties() as $property) {
                if ($property->getDeclaringClass()->getNamespaceName() === 'Cxmetrics') {
                    self::assertTrue($property->hasType(), $class->getShortName() . "::\${$property->getName()} has no type");
                }
            }
        }
    }

    public function testArraysAndGeneratorsSayWhatTheyHold(): void
    {
        $generic = '(array|list)<[^>]+>|array\{[^}]+\}|\\\\?Generator<[^>]+>';
        foreach (self::classes() as $class) {
            foreach ($class->getMethods() as $method) {
                if ($method->getDeclaringClass()->getNamespaceName() !== 'Cxmetrics') {
                    continue;
                }
                $where = $class->getShortName() . '::' . $method->getName();
                $doc = (string)$method->getDocComment();
                $returns = (string)$method->getReturnType();
                if (preg_match('/\b(array|Generator|iterable)\b/', $returns) === 1) {
                    self::assertMatchesRegularExpression("/@return ($generic)/", $doc, "$where returns $returns");
                }
                foreach ($method->getParameters() as $parameter) {
                    if (preg_match('/\barray\b/', (string)$parameter->getType()) === 1) {
                        self::assertMatchesRegularExpression("/@param [^\\n]*($generic)[^\\n]* \\\${$parameter->getName()}\\b/",
                            $doc, "$where: \${$parameter->getName()}");
                    }
                }
            }
        }
    }
}
