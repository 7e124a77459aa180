<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, Adjust, ArgumentException, CountOverflowException, CxmException, Method, Plan, Quantity,
    RatingRangeException, Recorder, Scale, ScaleException, Series, WeightedAccumulator};

/**
 * One rule for bad arguments, in every method (docs/bindings.md): a value of
 * the wrong type is a \TypeError; an int beyond what the C parameter holds
 * gets the exception the library gives for an invalid value of that argument
 * (never truncated by FFI into a valid one); nothing is replaced by a
 * default; and a refused call changes nothing. The same cases as
 * examples/python/tests/test_arguments.py and the Node.js and Ruby suites.
 * The types are the binding's declared ones, which PHP checks under this
 * file's strict_types (README.md, "Arguments", says what a caller in
 * coercive mode gets).
 */
final class ArgumentsTest extends TestCase
{
    private const BEYOND_INT32 = [2147483648, 4294967300, -2147483649, PHP_INT_MAX];

    private Accumulator $acc;
    private string $before;

    protected function setUp(): void
    {
        $this->acc = self::nps(6, 3, 1);
        $this->before = $this->acc->encode();
    }

    protected function tearDown(): void
    {
        self::assertSame($this->before, $this->acc->encode(), 'a refused call changed the state');
    }

    public function testQuantityAndMethodNumbersBeyondInt32(): void
    {
        // issue 20: the bindings passed 2**32 + 4 to C, where it wrapped to 4 (the mean)
        $other = self::nps(1, 1, 1);
        $weighted = (new WeightedAccumulator('nps'))->add(9, 1)->add(8, 2);
        foreach (self::BEYOND_INT32 as $big) {
            self::refuses(ArgumentException::class, [
                fn () => $this->acc->interval($big),
                fn () => $this->acc->interval('net', $big),
                fn () => $this->acc->compare($other, $big),
                fn () => $this->acc->compare($other, 'net', $big),
                fn () => $weighted->interval($big),
                fn () => Method::resolve('nps', $big),
                fn () => Method::resolve('nps', 'net', $big),
                fn () => Method::resolve('nps', use: $big),
                fn () => Method::parse($big),
                fn () => Quantity::parse($big),
                fn () => Scale::preset($big),
                fn () => Scale::parseHeadline($big),
                fn () => Adjust::p([0.1], $big),
                fn () => Plan::sampleSize('nps', 5, $big),
                fn () => new Series('nps', abs($big), 0),
                fn () => $weighted->add(9, 4294967296), // a weight beyond uint32
            ]);
            self::assertNull(Method::name($big));
            self::assertNull(Quantity::name($big));
            self::assertNull(Scale::headlineName($big));
            self::refuses(ScaleException::class, [fn () => (new Scale(1, 5, 4, 5, 1, 2, $big))->check()]);
            self::refuses(RatingRangeException::class, [fn () => $this->acc->add($big), fn () => $this->acc->count($big),
                fn () => $this->acc->addMany([1, $big]), fn () => $weighted->add($big, 1)]);
        }
        // the largest int32 is passed through, and the library refuses it
        self::refuses(ArgumentException::class, [fn () => $this->acc->interval(2147483647),
            fn () => $this->acc->interval('net', -2147483648), fn () => Method::resolve('nps', use: 0)]);
    }

    public function testWrongTypes(): void
    {
        $other = self::nps(1, 1, 1);
        $series = new Series('nps', 2, 0);
        $weighted = (new WeightedAccumulator('nps'))->add(9, 2);
        foreach ([null, 1.5, true, [1], new \stdClass()] as $value) {
            self::refuses(\TypeError::class, [
                fn () => $this->acc->interval($value),
                fn () => $this->acc->interval('net', $value),
                fn () => $this->acc->compare($other, $value),
                fn () => Method::resolve('nps', $value),
                fn () => Method::resolve('nps', 'net', 'wald', $value),
                fn () => Method::name($value),
                fn () => Quantity::name($value),
                fn () => Scale::preset($value),
                fn () => $this->acc->add($value),
                fn () => $this->acc->add(9, $value),
                fn () => $this->acc->remove(10, $value),
                fn () => $this->acc->count($value),
                fn () => new Series('nps', $value, 0),
                fn () => new Series('nps', 7, $value),
                fn () => $weighted->add(9, $value),
                fn () => $weighted->add($value, 1),
                fn () => new Accumulator($value),
                fn () => Accumulator::inMemory($value),
                fn () => new WeightedAccumulator($value),
                fn () => Accumulator::decode($value),
                fn () => Accumulator::parse($value),
            ]);
        }
        foreach (['0.95', null, true, [0.9]] as $confidence) { // issue 20: a confidence is a number
            self::refuses(\TypeError::class, [fn () => $this->acc->interval(confidence: $confidence),
                fn () => $this->acc->compare($other, confidence: $confidence),
                fn () => $weighted->interval(confidence: $confidence)]);
        }
        foreach ([5, null, 'nps', $series, $weighted] as $value) {
            self::refuses(\TypeError::class, [fn () => $this->acc->merge($value), fn () => $this->acc->subtract($value),
                fn () => $this->acc->compare($value), fn () => $series->addAccumulator(0, $value)]);
        }
        $recorder = new Recorder('nps');
        self::refuses(\TypeError::class, [fn () => $recorder->add(9.0), fn () => $recorder->add(9, 1.0),
            fn () => $recorder->collect($weighted), fn () => Adjust::p([0.1, '0.2'], 'holm'), fn () => Adjust::p('0.1', 'holm'),
            fn () => Adjust::p([0.1], 1.0), fn () => Plan::sampleSize('nps', '5'),
            fn () => Plan::sampleSize('nps', 5, confidence: '0.95'), fn () => Plan::sampleSize('nps', 5, expected: $weighted),
            fn () => Plan::sampleSize('nps', 5, population: 2000.0)]);
        self::refuses(\TypeError::class, [fn () => $series->merge($this->acc), fn () => $weighted->merge($this->acc),
            fn () => $weighted->unweighted($weighted), fn () => $this->acc->addMany(5),
            fn () => $this->acc->addMany([9, '9']), fn () => $this->acc->addMany([9, 9.0])]);
    }

    public function testConfidenceOutOfRange(): void
    {
        foreach ([0.0, 1.0, 1.5, -0.5, NAN, INF] as $confidence) {
            self::refuses(ArgumentException::class, [fn () => $this->acc->interval(confidence: $confidence)]);
        }
        self::assertSame(0.5, $this->acc->interval(confidence: 0.5)->confidence);
    }

    public function testCounts(): void
    {
        self::refuses(ArgumentException::class, [fn () => $this->acc->add(9, -1), fn () => $this->acc->remove(9, -1),
            fn () => $this->acc->add(9, '12abc'), fn () => $this->acc->add(9, '-1'), fn () => $this->acc->add(9, ' 1')]);
        self::refuses(CountOverflowException::class, [fn () => $this->acc->add(9, '18446744073709551616'),
            fn () => $this->acc->add(9, '99999999999999999999999')]);
    }

    public function testScalesByName(): void
    {
        self::assertSame(Scale::of('nps')->footprint(), Scale::preset(Scale::PRESET_NPS)->footprint());
        $widest = new Scale(0, 100, 90, 100, 0, 60, Scale::HEADLINE_MEAN);
        self::assertLessThanOrEqual(Accumulator::FOOTPRINT_MAX, $widest->footprint());
        self::assertSame('nps{9:1}', (string)Accumulator::inMemory('nps')->add(9));
        self::assertSame(Series::footprint('nps', 7), Series::footprint(Scale::preset('nps'), 7));
        self::refuses(CxmException::class, [fn () => Scale::of('nps ')->footprint(),
            fn () => Series::inMemory('nps', 1 << 32, 0)]);
    }
}
