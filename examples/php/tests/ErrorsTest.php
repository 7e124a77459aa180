<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{AbsentException, Accumulator, ArgumentException, ClosedException, CountOverflowException,
    CxmException, EmptyException, FormatException, MismatchException, Native, NullException,
    OutOfMemoryException, RatingRangeException, Scale, ScaleException, Series, SizeException,
    WindowException};

final class ErrorsTest extends TestCase
{
    /** $call throws $class with the library's status, name and sentence. */
    private static function assertStatus(string $class, int $status, callable $call): CxmException
    {
        try {
            $call();
        } catch (CxmException $e) {
            self::assertInstanceOf($class, $e);
            self::assertSame($status, $e->getCode());
            self::assertSame($status, $class::STATUS);
            self::assertSame(Native::ffi()->cxm_status_name($status), $e->statusName);
            self::assertMatchesRegularExpression('/\ACXM_ERR_[A-Z]+\z/', $e->statusName);
            self::assertSame(Native::ffi()->cxm_status_message($status), $e->statusMessage);
            self::assertStringStartsWith("{$e->statusName}: ", $e->getMessage());
            return $e;
        }
        self::fail("no $class");
    }

    public function testEveryStatusThrowsItsClass(): void
    {
        $acc = self::nps(6, 3, 1);
        $before = $acc->counts();
        $csat = new Accumulator('csat5');
        $ffi = Native::ffi();
        // NULL: the binding never passes one; the raw call shows the mapping.
        self::assertStatus(NullException::class, -1, fn () => Native::check($ffi->cxm_acc_reset(null)));
        $bad = new Scale(1, 5, 4, 5, 3, 4, Scale::HEADLINE_MEAN);
        self::assertStatus(ScaleException::class, -2, fn () => new Accumulator($bad));
        self::assertStatus(ScaleException::class, -2, fn () => $bad->check());
        self::assertStatus(ScaleException::class, -2, fn () => new Accumulator(new Scale(1, 1 << 40, 1, 1, 2, 2, 1)));
        self::assertStatus(RatingRangeException::class, -3, fn () => $acc->add(11));
        self::assertStatus(RatingRangeException::class, -3, fn () => $acc->add(1 << 40));
        self::assertStatus(RatingRangeException::class, -3, fn () => $acc->count(-1));
        self::assertSame(2, self::assertStatus(RatingRangeException::class, -3, fn () => $acc->addMany([1, 2, 99]))->index);
        self::assertSame(1, self::assertStatus(RatingRangeException::class, -3, fn () => $acc->addMany("\x01\x0b"))->index);
        self::assertSame(1, self::assertStatus(RatingRangeException::class, -3, fn () => $acc->addMany([1, 1 << 31]))->index);
        // NOMEM cannot be provoked from here; the mapping is what is tested.
        self::assertStatus(OutOfMemoryException::class, -4, fn () => Native::check(-4));
        $full = (new Accumulator('nps'))->add(10, '18446744073709551615');
        self::assertStatus(CountOverflowException::class, -5, fn () => $full->add(9));
        self::assertStatus(CountOverflowException::class, -5, fn () => $acc->add(9, '18446744073709551616'));
        self::assertStatus(AbsentException::class, -6, fn () => $acc->remove(5));
        self::assertStatus(AbsentException::class, -6, fn () => $acc->remove(10, 7));
        self::assertStatus(AbsentException::class, -6, fn () => $acc->subtract(self::nps(7, 0, 0)));
        self::assertStatus(MismatchException::class, -7, fn () => $acc->merge($csat));
        self::assertStatus(MismatchException::class, -7, fn () => $acc->compare($csat));
        $small = Native::init('cxm_snapshot');
        $small->size = 8;
        self::assertStatus(SizeException::class, -8, fn () => Native::check($ffi->cxm_acc_snapshot($acc->handle(), \FFI::addr($small))));
        self::assertStatus(FormatException::class, -9, fn () => Accumulator::decode('not an encoding'));
        self::assertStatus(FormatException::class, -9, fn () => Accumulator::parse('nps{11:1}'));
        self::assertStatus(ArgumentException::class, -10, fn () => Scale::preset(99));
        self::assertStatus(ArgumentException::class, -10, fn () => $acc->interval(confidence: 1.5));
        self::assertStatus(ArgumentException::class, -10, fn () => $acc->interval('net', 't'));
        self::assertStatus(ArgumentException::class, -10, fn () => $acc->interval('nett'));
        self::assertStatus(ArgumentException::class, -10, fn () => $acc->add(5, -1));
        self::assertStatus(ArgumentException::class, -10, fn () => $acc->add(5, '12abc'));
        self::assertStatus(EmptyException::class, -11, fn () => $csat->interval());
        self::assertStatus(EmptyException::class, -11, fn () => $acc->compare(new Accumulator('nps')));
        $series = new Series('nps', 7, 100);
        self::assertStatus(WindowException::class, -12, fn () => $series->add(101, 9));
        self::assertStatus(WindowException::class, -12, fn () => $series->add(93, 9));
        self::assertSame($before, $acc->counts()); // on every error nothing changed
        self::assertSame(0, $csat->total());
        self::assertSame(0, $series->sum(94, 100)->total());
    }

    public function testUnknownStatusAndTypes(): void
    {
        $e = CxmException::forStatus(-99);
        self::assertSame(CxmException::class, get_class($e));
        self::assertSame('CXM_UNKNOWN', $e->statusName);
        self::assertNotInstanceOf(\RangeException::class, new RatingRangeException(-3));
        $acc = new Accumulator('nps');
        try {
            $acc->addMany([1, '2']);
            self::fail('a string rating was accepted');
        } catch (\TypeError) {
            self::assertSame(0, $acc->total());
        }
        $this->expectException(\TypeError::class);
        $acc->add(5.7); // @phpstan-ignore-line: strict_types refuses a float
    }

    public function testClosedObjectsThrowAndCloseTwiceIsFine(): void
    {
        $acc = new Accumulator('nps');
        $acc->close();
        self::assertTrue($acc->isClosed());
        $acc->close();
        $series = new Series('nps', 2, 0);
        $series->close();
        foreach ([fn () => $acc->add(9), fn () => $acc->snapshot(), fn () => $series->head()] as $call) {
            try {
                $call();
                self::fail('a closed object answered');
            } catch (ClosedException) {
                self::assertTrue(true);
            }
        }
    }
}
