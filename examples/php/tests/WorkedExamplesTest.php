<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, Method, Quantity, Scale};

final class WorkedExamplesTest extends TestCase
{
    public function testNps(): void
    {
        // docs/metrics.md: 60 promoters, 30 passives, 10 detractors -> NPS 50
        $s = self::nps(60, 30, 10)->snapshot();
        self::assertSame([Scale::HEADLINE_NET, 100, 60, 30, 10], [$s->headline, $s->n, $s->positive, $s->neutral, $s->negative]);
        self::assertSame([60.0, 10.0, 50.0, 50.0], [$s->positiveShare, $s->negativeShare, $s->net, $s->score]);
        self::assertRel(8.4000000000000004, $s->mean, self::ULPS);
        self::assertRel(2.9541957835039856, $s->stddev, self::ULPS); // R: sd()
        self::assertRel(35.466591938667477, $s->scoreLow); // adjusted Wald, R
        self::assertRel(61.620786702109207, $s->scoreHigh);
    }

    public function testCsat(): void
    {
        // docs/metrics.md: counts (1:15, 2:5, 3:10, 4:30, 5:40) -> CSAT 70
        $acc = new Accumulator('csat5');
        foreach ([1 => 15, 2 => 5, 3 => 10, 4 => 30, 5 => 40] as $rating => $count) {
            $acc->add($rating, $count);
        }
        $s = $acc->snapshot();
        self::assertSame([Scale::HEADLINE_POSITIVE_SHARE, 70.0, 3.75], [$s->headline, $s->score, $s->mean]);
        self::assertRel(1.4168894655461863, $s->stddev, self::ULPS);
        self::assertRel(60.415145366653334, $s->scoreLow); // prop.test(70, 100, correct = FALSE)
        self::assertRel(78.105114705067223, $s->scoreHigh);
        $neg = $acc->interval('negative-share');
        self::assertSame(['negative-share', 'wilson', 20.0], [$neg->quantity, $neg->method, $neg->estimate]);
        self::assertRel(13.33669333310325, $neg->low); // prop.test(20, 100, correct = FALSE)
        self::assertRel(28.882916559315884, $neg->high);
    }

    public function testCesMeanTInterval(): void
    {
        $acc = (new Accumulator('ces7'))->addMany([1, 2, 3, 4, 5, 6, 7, 7, 7, 2, 3]);
        $s = $acc->snapshot();
        self::assertRel(4.2727272727272725, $s->score, self::ULPS);
        self::assertRel(2.2401298663653004, $s->stddev, self::ULPS);
        self::assertRel(2.7677875510988605, $s->scoreLow); // t.test(x)$conf.int
        self::assertRel(5.7776669943556849, $s->scoreHigh);
        $iv = $acc->interval('mean', 't', 0.95);
        self::assertSame([$s->scoreLow, $s->scoreHigh], [$iv->low, $iv->high]);
    }

    public function testIntervalMethods(): void
    {
        $acc = self::share(70, 100);
        $wald = $acc->interval('positive-share', 'wald');
        self::assertRel(61.018316681457939, $wald->low);
        self::assertRel(78.981683318542053, $wald->high);
        self::assertRel(4.5825756949558407, $wald->se);
        $cc = $acc->interval(Quantity::POSITIVE_SHARE, Method::WILSON_CC);
        self::assertSame(['positive-share', 'wilson-cc'], [$cc->quantity, $cc->method]);
        self::assertRel(59.893957565480719, $cc->low); // prop.test(70, 100)
        self::assertRel(78.545743007093861, $cc->high);
        self::assertRel(35.569193648489254, self::nps(60, 30, 10)->interval('net', 'score')->low, 1e-11); // Tango, uniroot
    }

    public function testEmptySnapshotIsNan(): void
    {
        $s = (new Accumulator('nps'))->snapshot();
        self::assertSame(0, $s->n);
        foreach ([$s->positiveShare, $s->net, $s->mean, $s->score, $s->scoreLow, $s->scoreHigh] as $value) {
            self::assertNan($value);
        }
    }

    public function testCompare(): void
    {
        // docs/statistics.md: 70/100 vs 60/100 -> z^2 = 2.1978, p = 0.13821 (prop.test)
        $c = self::share(70, 100)->compare(self::share(60, 100));
        self::assertSame(['positive-share', 'wilson'], [$c->quantity, $c->method]);
        self::assertRel(10.0, $c->difference, 1e-14);
        self::assertRel(2.197802197802198, $c->statistic ** 2);
        self::assertSame(INF, $c->df);
        self::assertRel(0.13820766697402617, $c->pValue);
        self::assertRel(-3.1890373925969442, $c->low); // Newcombe hybrid
        self::assertRel(22.717225103721752, $c->high);
        self::assertRel(0.13603712811414365, self::share(70, 100)->compare(self::share(60, 100), 'positive-share', 'wald')->pValue);
        $n = self::nps(60, 30, 10)->compare(self::nps(40, 15, 25));
        self::assertSame(['net', 'adjusted-wald'], [$n->quantity, $n->method]);
        self::assertRel(50.0 - 18.75, $n->difference, 1e-14);
        self::assertRel(11.709514737410103, $n->se);
        self::assertRel(0.0092607036576098679, $n->pValue);
    }

    public function testCompareMeansWelch(): void
    {
        $a = new Accumulator('ces7');
        $b = new Accumulator('ces7');
        foreach ([[1, 5], [2, 4], [3, 3], [4, 2], [5, 1], [6, 1], [7, 1]] as $i => [$x, $y]) {
            $a->add($i + 1, $x);
            $b->add($i + 1, $y);
        }
        $c = $a->compare($b);
        self::assertSame(['mean', 't'], [$c->quantity, $c->method]);
        self::assertRel(3.9004434192933912, $c->statistic); // t.test(a, b)
        self::assertRel(32.712614641840673, $c->df);
        self::assertRel(0.00045065707899453734, $c->pValue);
    }
}
