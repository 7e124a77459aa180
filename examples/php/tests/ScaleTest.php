<?php

declare(strict_types=1);

namespace Cxmetrics\Tests;

use Cxmetrics\{Accumulator, FormatException, Scale};

final class ScaleTest extends TestCase
{
    /** The preset table of include/cxmetrics.h, with the text names it lists. */
    private const PRESETS = [
        Scale::PRESET_CSAT_5 => ['csat5', 1, 5, 4, 5, 1, 2, Scale::HEADLINE_POSITIVE_SHARE],
        Scale::PRESET_CSAT_3 => ['csat3', 1, 3, 3, 3, 1, 1, Scale::HEADLINE_POSITIVE_SHARE],
        Scale::PRESET_CSAT_10 => ['csat10', 1, 10, 8, 10, 1, 4, Scale::HEADLINE_POSITIVE_SHARE],
        Scale::PRESET_CSAT_BINARY => ['csat2', 1, 2, 2, 2, 1, 1, Scale::HEADLINE_POSITIVE_SHARE],
        Scale::PRESET_NPS => ['nps', 0, 10, 9, 10, 0, 6, Scale::HEADLINE_NET],
        Scale::PRESET_CES_7 => ['ces7', 1, 7, 5, 7, 1, 3, Scale::HEADLINE_MEAN],
        Scale::PRESET_CES_5 => ['ces5', 1, 5, 1, 2, 4, 5, Scale::HEADLINE_MEAN],
        Scale::PRESET_NET_EASY_7 => ['neteasy7', 1, 7, 1, 2, 5, 7, Scale::HEADLINE_NET],
    ];

    public function testPresetsByNumber(): void
    {
        foreach (self::PRESETS as $number => [, $min, $max, $pmin, $pmax, $nmin, $nmax, $headline]) {
            $want = new Scale($min, $max, $pmin, $pmax, $nmin, $nmax, $headline);
            self::assertEquals($want, Scale::preset($number)->check());
            self::assertTrue($want->equals(Scale::preset($number)));
        }
    }

    public function testPresetsByNameAndTextForm(): void
    {
        foreach (self::PRESETS as $number => [$name]) {
            self::assertEquals(Scale::preset($number), Scale::preset($name));
            self::assertSame($name, (string)Scale::preset($number));
        }
        self::assertEquals(Scale::preset('csat5'), Scale::preset('csat'));
        self::assertEquals(Scale::preset('ces7'), Scale::preset('ces'));
        // include/cxmetrics.h: "1..5/4..5/1..2/share" is CSAT_5 and formats as its name
        self::assertSame('csat5', (string)Scale::parse('1..5/4..5/1..2/share'));
        $custom = Scale::parse('-3..3/2..3/-3..-2/net');
        self::assertEquals(new Scale(-3, 3, 2, 3, -3, -2, Scale::HEADLINE_NET), $custom);
        self::assertSame('-3..3/2..3/-3..-2/net', (string)$custom);
        foreach (['NPS', 'nps ', '1..5/4..5/1..2/Share', '01..5/4..5/1..2/share', '', "nps\0"] as $bad) {
            try {
                Scale::parse($bad);
                self::fail("parsed '$bad'");
            } catch (FormatException $e) {
                self::assertSame(FormatException::STATUS, $e->getCode());
            }
        }
    }

    public function testCustomScaleEqualityAndFootprint(): void
    {
        $slider = new Scale(0, 100, 80, 100, 0, 40, Scale::HEADLINE_MEAN);
        self::assertLessThan(1024, $slider->footprint());
        self::assertTrue($slider->isValid());
        self::assertFalse($slider->equals(Scale::preset('nps')));
        self::assertTrue($slider->equals((new Accumulator($slider))->add(100)->scale()));
        $this->expectException(\Error::class); // readonly
        $slider->min = 1; // @phpstan-ignore-line
    }
}
