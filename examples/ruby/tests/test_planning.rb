# frozen_string_literal: true

# Adjusted p-values and sample-size planning against the C suite's
# references, replayed from where they are (references.rb): R's p.adjust,
# bit for bit (tests/reference/adjust.R wrote adjust_cases.h), and the
# planned sizes R computed (tests/reference/plan.R, plan_cases.h), with the
# worked examples of docs/statistics.md.

require_relative "support"
require_relative "references"

class TestAdjustedPValues < Minitest::Test
  include Helpers

  TABLES = References.read("adjust_cases.h")
  METHODS = %i[bonferroni holm hochberg bh by].freeze # CXM_ADJUST_* - 1, as the table orders them

  def bits(values) = values.pack("E*")

  def test_r_bit_for_bit
    cases = TABLES.fetch("adjust_cases")
    assert_operator cases.size, :>=, 14
    cases.each do |name, n, p, adjusted|
      values = TABLES.fetch(p)
      assert_equal n, values.size, name
      METHODS.each_with_index do |method, i|
        assert_equal bits(TABLES.fetch(adjusted[i])), bits(Cxmetrics.adjust_p(values, method)), "#{name}, #{method}"
        assert_equal bits(TABLES.fetch(adjusted[i])), bits(Cxmetrics.adjust_p(values.each, ADJUST_BONFERRONI + i))
      end
    end
  end

  def test_names_and_refusals
    METHODS.each_with_index { |m, i| assert_equal [m, i + 1], [Cxmetrics.adjust_name(i + 1), Cxmetrics.adjust_number(m)] }
    assert_nil Cxmetrics.adjust_name(0)
    assert_nil Cxmetrics.adjust_name(1 << 40)
    assert_equal [], Cxmetrics.adjust_p([], :holm)
    assert_equal [0.5], Cxmetrics.adjust_p([1r / 2], :bh) # m = 1: as it is
    assert_raises(InvalidArgumentError) { Cxmetrics.adjust_p([0.1], :BH) } # the library's names only
    assert_raises(InvalidArgumentError) { Cxmetrics.adjust_p([0.1], 6) }
    assert_raises(InvalidArgumentError) { Cxmetrics.adjust_p([0.1], 1 << 32) }
    assert_raises(InvalidArgumentError) { Cxmetrics.adjust_p([0.1, 1.5], :holm) }
    assert_raises(InvalidArgumentError) { Cxmetrics.adjust_p([Float::INFINITY], :holm) }
  end
end

class TestPlanning < Minitest::Test
  include Helpers

  def setup
    skip "CXM_INTERFACE is not set (ctest sets it): the tables name CXM_* constants" unless interface
  end

  def test_r_sizes
    cases = References.read("plan_cases.h").fetch("plan_cases")
    assert_operator cases.size, :>, 20
    cases.each do |preset, has_pilot, counts, quantity, confidence, half_width, population, n|
      pilot = nil
      if has_pilot == 1
        pilot = Accumulator.new(preset)
        counts.each_with_index { |count, i| pilot.add(pilot.scale.min + i, count) unless count.zero? }
      end
      assert_equal n, Cxmetrics.plan_sample_size(preset, half_width, quantity: quantity, confidence: confidence,
                                                                      expected: pilot, population: population)
    end
  end

  def test_worked_examples_and_refusals
    # docs/statistics.md: worst-case NPS, +-5 points, 95 %: 1 537; 2 000 customers: 870
    assert_equal [1537, 870], [Cxmetrics.plan_sample_size(:nps, 5), Cxmetrics.plan_sample_size(:nps, 5, population: 2000)]
    assert_raises(InvalidArgumentError) { Cxmetrics.plan_sample_size(:nps, 0) }
    assert_raises(InvalidArgumentError) { Cxmetrics.plan_sample_size(:nps, Float::NAN) }
    assert_raises(InvalidArgumentError) { Cxmetrics.plan_sample_size(:nps, 5, confidence: 1) }
    assert_raises(InvalidArgumentError) { Cxmetrics.plan_sample_size(:nps, 5, population: -1) }
    assert_raises(InvalidArgumentError) { Cxmetrics.plan_sample_size(:nps, 5, population: 1 << 64) }
    assert_raises(InvalidArgumentError) { Cxmetrics.plan_sample_size(:nps, 5, quantity: 1 << 32) }
    assert_raises(MismatchError) { Cxmetrics.plan_sample_size(:nps, 5, expected: Accumulator.new(:csat5).add(5)) }
    assert_raises(EmptyError) { Cxmetrics.plan_sample_size(:nps, 5, expected: Accumulator.new(:nps)) }
    assert_raises(CountOverflowError) { Cxmetrics.plan_sample_size(:nps, 1e-300) }
  end
end
