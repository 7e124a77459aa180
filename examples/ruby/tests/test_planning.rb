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

  # include/cxmetrics.h: a p-value outside [0, 1] that is not NaN, or an
  # unknown method, is CXM_ERR_ARG; NaN stays NaN.
  def test_refusals_name_the_p_value_or_the_method
    valid = "valid: bonferroni, holm, hochberg, bh, by"
    [[[0.01, 1.5, -0.2], :bh, "the p-value at index 1 is 1.5, outside [0, 1]"],
     [[Float::NAN, -0.25], :holm, "the p-value at index 1 is -0.25, outside [0, 1]"],
     [[0.5, Float::INFINITY], 1, "the p-value at index 1 is Infinity, outside [0, 1]"],
     [[0.5], :fdr, "unknown method :fdr; #{valid}"],
     [[0.5], "BH", "unknown method \"BH\"; #{valid}"],
     [[0.5, 2.0], 6, "unknown method 6; #{valid}"],
     [[], 0, "unknown method 0; #{valid}"]].each do |p, method, detail|
      error = assert_raises(InvalidArgumentError) { Cxmetrics.adjust_p(p, method) }
      assert_equal "#{error.status_message.delete_suffix(".")} (#{detail})", error.message.delete_prefix("CXM_ERR_ARG: ")
    end
    error = assert_raises(InvalidArgumentError) { Cxmetrics.adjust_number(:BH) }
    assert error.message.end_with?("(unknown method :BH; #{valid})"), error.message
    assert Cxmetrics.adjust_p([Float::NAN, 0.01], :holm).first.nan?
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
