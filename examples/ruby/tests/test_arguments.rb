# frozen_string_literal: true

# One rule for bad arguments, in every method (docs/bindings.md): a value of
# the wrong type is a TypeError; an Integer beyond what the C parameter holds
# gets the error the library gives for an invalid value of that argument
# (never wrapped into a valid one, never the ffi gem's own RangeError);
# nothing is replaced by a default; and a refused call changes nothing. The
# same cases as examples/python/tests/test_arguments.py and
# examples/node/tests/arguments.test.js.

require_relative "support"

class TestOneRule < Minitest::Test
  include Helpers

  BEYOND_INT32 = [1 << 31, (1 << 32) + 4, -(1 << 31) - 1, (1 << 64) + 1].freeze

  def setup
    @acc = nps(6, 3, 1)
    @before = @acc.encode
  end

  def teardown
    assert_equal @before, @acc.encode, "a refused call changed the state"
    @acc.close
  end

  def refuses(error, calls)
    calls.each_with_index do |call, i|
      assert_raises(error, "call #{i}") { call.call }
    end
  end

  def test_quantity_and_method_numbers_beyond_int32
    # issue 20: the bindings passed 2**32 + 4 to C, where it wrapped to 4 (the mean)
    other = nps(1, 1, 1)
    BEYOND_INT32.each do |big|
      refuses(InvalidArgumentError, [
                -> { @acc.interval(big) },
                -> { @acc.interval(:net, big) },
                -> { @acc.compare(other, big) },
                -> { @acc.compare(other, :net, big) },
                -> { Cxmetrics.resolve_method(:nps, big) },
                -> { Cxmetrics.resolve_method(:nps, :net, big) },
                -> { Cxmetrics.resolve_method(:nps, use: big) },
                -> { Cxmetrics.method_number(big) },
                -> { Scale.preset(big) },
                -> { Series.new(:nps, capacity: big.abs, head: 0) },
                -> { WeightedAccumulator.new(:nps).add(9, 1).add(8, 2).interval(big) },
                -> { WeightedAccumulator.new(:nps).add(9, big.abs + (1 << 32)) } # a weight beyond uint32
              ])
      assert_nil Cxmetrics.method_name(big)
      assert_nil Cxmetrics.quantity_name(big)
      assert_nil Cxmetrics.headline_name(big)
      assert_raises(ScaleError) { Scale.new(ratings: 1..5, positive: 4..5, negative: 1..2, headline: big).check }
      assert_raises(RatingRangeError) { @acc.add(big) }
      assert_raises(RatingRangeError) { @acc.count(big) }
      assert_raises(RatingRangeError) { @acc.add_many([1, big]) }
    end
    # the largest int32 is passed through, and the library refuses it
    refuses(InvalidArgumentError, [-> { @acc.interval((1 << 31) - 1) },
                                   -> { @acc.interval(:net, -(1 << 31)) },
                                   -> { Cxmetrics.resolve_method(:nps, use: 0) }])
  end

  def test_wrong_types
    other = nps(1, 1, 1)
    [nil, 1.0, 4.5, true, [1], Object.new].each do |value|
      refuses(TypeError, [
                -> { @acc.interval(value) },
                -> { @acc.interval(:net, value) },
                -> { @acc.compare(other, value) },
                -> { Cxmetrics.resolve_method(:nps, value) },
                -> { Cxmetrics.resolve_method(:nps, :net, :wald, use: value) },
                -> { Cxmetrics.method_name(value) },
                -> { Cxmetrics.quantity_name(value) },
                -> { Cxmetrics.method_number(value) },
                -> { Scale.preset(value) },
                -> { @acc.add(value) },
                -> { @acc.add(9, value) },
                -> { @acc.remove(10, value) },
                -> { @acc.count(value) },
                -> { Series.new(:nps, capacity: value, head: 0) },
                -> { Series.new(:nps, capacity: 7, head: value) },
                -> { WeightedAccumulator.new(:nps).add(9, value) },
                -> { WeightedAccumulator.new(:nps).interval(:net, value) },
                -> { WeightedAccumulator.new(value) }
              ])
    end
    refuses(TypeError, [-> { @acc.add("9") }, -> { @acc.add(9, "2") }, -> { @acc.add(9, 1.0) },
                        -> { @acc.add_many(5) }, -> { @acc.add_many([9, "9"]) }])
  end

  def test_confidence_must_be_a_number
    # issue 20: Ruby took confidence: "0.95" (Float("0.95")) where Python and Node refuse it
    other = nps(1, 1, 1)
    ["0.95", nil, true, [0.9], Complex(0.9, 0)].each do |confidence|
      refuses(TypeError, [-> { @acc.interval(confidence: confidence) },
                          -> { @acc.compare(other, confidence: confidence) }])
    end
    assert_equal 0.5, @acc.interval(confidence: 1r / 2).confidence # a Rational is a real number
  end

  def test_wrong_state_is_named_with_its_article
    error = assert_raises(TypeError) { Accumulator.new(:nps).merge(5) }
    assert_equal "5 is not a Cxmetrics::Accumulator", error.message
    indefinite = Cxmetrics.const_get(:Arguments).method(:indefinite)
    assert_equal ["an Accumulator", "a WeightedAccumulator", "an Interval", "a Series"],
                 %w[Accumulator WeightedAccumulator Interval Series].map(&indefinite)
  end

  def test_confidence_out_of_range
    [0, 1, 1.5, -0.5, Float::NAN, Float::INFINITY, 10**400].each do |confidence|
      refuses(InvalidArgumentError, [-> { @acc.interval(confidence: confidence) }])
    end
  end

  def test_accumulators_and_bytes_where_they_belong
    series = Series.new(:nps, capacity: 2, head: 0)
    [5, nil, "nps", series].each do |value|
      refuses(TypeError, [
                -> { @acc.merge(value) },
                -> { @acc.subtract(value) },
                -> { @acc.compare(value) },
                -> { Series.new(:nps, capacity: 7, head: 0).add_accumulator(0, value) }
              ] + (value.nil? ? [] : [-> { series.sum(0..0, into: value) }]))
    end
    [5.5, nil, [5], series, @acc].each do |scale| # a Scale, or a preset's name or number
      refuses(TypeError, [-> { Accumulator.new(scale) }, -> { Accumulator.in_memory(scale) },
                          -> { Cxmetrics.footprint(scale) }, -> { Series.new(scale, capacity: 7, head: 0) },
                          -> { Cxmetrics.resolve_method(scale) }])
    end
    refuses(TypeError, [-> { series.merge(@acc) }, -> { series.sum(0) }, -> { series.sum(0.0..1.0) }])
    weighted = WeightedAccumulator.new(:nps).add(9, 2).add(6, 3)
    refuses(TypeError, [-> { weighted.merge(@acc) }, -> { weighted.subtract(@acc) }, -> { weighted.compare(@acc) },
                        -> { weighted.unweighted(into: weighted) }, -> { weighted.add(9.0, 5) },
                        -> { weighted.add(9, "5") }, -> { weighted.interval(confidence: "0.95") },
                        -> { @acc.merge(weighted) }, -> { WeightedAccumulator.decode(5) },
                        -> { WeightedAccumulator.parse(:nps) }])
    recorder = Recorder.new(:nps)
    refuses(TypeError, [-> { recorder.add(9.0) }, -> { recorder.add(9, 1.0) }, -> { recorder.collect(weighted) },
                        -> { Cxmetrics.adjust_p([0.1, "0.2"], :holm) }, -> { Cxmetrics.adjust_p("0.1", :holm) },
                        -> { Cxmetrics.adjust_p([0.1], 1.0) }, -> { Cxmetrics.plan_sample_size(:nps, "5") },
                        -> { Cxmetrics.plan_sample_size(:nps, 5, confidence: "0.95") },
                        -> { Cxmetrics.plan_sample_size(:nps, 5, expected: weighted) },
                        -> { Cxmetrics.plan_sample_size(:nps, 5, population: 2000.0) }])
    refuses(InvalidArgumentError, [-> { Cxmetrics.adjust_p([0.1], 1 << 32) },
                                   -> { Cxmetrics.plan_sample_size(:nps, 5, quantity: 1 << 32) },
                                   -> { Cxmetrics.plan_sample_size(:nps, 5, population: 1 << 64) }])
    [5, nil, %w[n p s]].each do |data|
      refuses(TypeError, [-> { Accumulator.decode(data) }, -> { Series.decode(data) },
                          -> { Accumulator.parse(data) }, -> { Scale.parse(data) }])
    end
  end

  def test_counts
    refuses(InvalidArgumentError, [-> { @acc.add(9, -1) }, -> { @acc.remove(9, -1) }])
    refuses(CountOverflowError, [-> { @acc.add(9, UINT64_MAX + 1) }, -> { @acc.add(9, 1 << 70) }])
  end

  def test_scales_by_name
    # issue 20: Python's in_memory("nps") and footprint("nps") raised AttributeError
    assert_equal Cxmetrics.footprint(:nps), Cxmetrics.footprint(Scale.preset(:nps))
    assert_operator Cxmetrics.footprint(Scale.new(ratings: 0..100, positive: 90..100, negative: 0..60,
                                                  headline: HEADLINE_MEAN)), :<=, ACC_FOOTPRINT_MAX
    Accumulator.in_memory("nps").then { |acc| assert_equal "nps{9:1}", acc.add(9).to_s }
    assert_equal Series.footprint("nps", 7), Series.footprint(Scale.preset(:nps), 7)
    assert_raises(FormatError) { Cxmetrics.footprint("nps ") }
    assert_raises(InvalidArgumentError) { Series.in_memory(:nps, capacity: 1 << 32, head: 0) }
  end
end
