# frozen_string_literal: true

# The weighted accumulator (cxm_wacc). Expected values: the worked example of
# docs/statistics.md ("Worked example: revenue-weighted NPS", worked by hand
# there) and R's survey package 4.1.1 (tests/reference/weighted.R, which
# wrote tests/reference/weighted_cases.h: svymean, svyciprop with "beta",
# "mean" and "logit", confint with degf, svyby comparisons), replayed from
# that file as the C suite replays it (references.rb).

require_relative "support"
require_relative "references"

class TestWeightedAgainstSurvey < Minitest::Test
  include Helpers

  R_REL = 1e-9 # survey prints 17 digits; formulas differ in form (as tests/test_wacc_stats.c)
  TABLES = References.read("weighted_cases.h")

  def setup
    skip "CXM_INTERFACE is not set (ctest sets it): the tables name CXM_* constants" unless interface
  end

  def sample(index)
    _name, preset, responses, n = TABLES.fetch("weighted_samples")[index]
    w = WeightedAccumulator.new(preset)
    TABLES.fetch(responses).each { |rating, weight| w.add(rating, weight) }
    assert_equal n, w.totals.count
    w
  end

  def near(want, got, rel = R_REL)
    return assert_operator got.abs, :<, 1e-300 if want.abs < 1e-300 # a clipped limit is 0 exactly

    assert_rel want, got, rel
  end

  def test_intervals
    cases = TABLES.fetch("weighted_interval_cases")
    assert_operator cases.size, :>, 100
    cases.each do |index, quantity, method, confidence, estimate, se, low, high|
      iv = sample(index).interval(quantity, method, confidence: confidence)
      assert_equal [Cxmetrics.quantity_name(quantity), Cxmetrics.method_name(method)], [iv.quantity, iv.method]
      near estimate, iv.estimate, 1e-13
      [[se, iv.se], [low, iv.low], [high, iv.high]].each { |want, got| near want, got }
    end
  end

  def test_logit_to_survey_convergence
    TABLES.fetch("weighted_logit_cases").each do |index, quantity, confidence, low, high|
      iv = sample(index).interval(quantity, :logit, confidence: confidence)
      assert_rel low, iv.low, 1e-7 # survey's fit converges to about 1e-8
      assert_rel high, iv.high, 1e-7
    end
  end

  def test_comparisons
    cases = TABLES.fetch("weighted_compare_cases")
    assert_operator cases.size, :>, 10
    cases.each do |a, b, quantity, confidence, *want|
      c = sample(a).compare(sample(b), quantity, confidence: confidence)
      assert_equal Cxmetrics.quantity_name(quantity) == :mean ? :t : :wald, c.method
      want.zip([c.difference, c.se, c.statistic, c.df, c.p_value, c.low, c.high]) { |w, g| near w, g }
    end
  end

  def test_snapshots
    TABLES.fetch("weighted_spread_cases").each do |index, stddev, n_effective|
      w = sample(index)
      s = w.snapshot
      assert_rel stddev, s.stddev, 1e-13
      assert_rel n_effective, s.n_effective, 1e-13
      iv = w.interval
      assert_equal [iv.estimate, iv.low, iv.high], [s.score, s.score_low, s.score_high]
    end
  end
end

class TestWeightedAccumulator < Minitest::Test
  include Helpers

  # Ten B2B accounts, each answer weighted by its ARR in $k (docs/statistics.md).
  REVENUE = [[10, 120], [9, 450], [9, 80], [8, 60], [7, 300], [6, 900], [10, 40], [3, 25], [9, 200], [10, 75]].freeze
  REVENUE_TEXT = "nps[3:1/25/625,6:1/900/810000,7:1/300/90000,8:1/60/3600,9:3/730/248900,10:3/235/21625]"
  CSAT = "csat5[1:4/3193/8700231,2:5/4775/9523379,3:3/2773/6855577,4:8/2920/4774394,5:20/3286/1538414]"
  # weights summing to 2**64 - 1: 2**32 + 1 responses of weight 2**32 - 1
  FULL = "nps[10:4294967297/18446744073709551615/#{((1 << 64) - 1) * ((1 << 32) - 1)}]"

  def revenue
    REVENUE.each_with_object(WeightedAccumulator.new(:nps)) { |(rating, arr), w| w.add(rating, arr) }
  end

  def test_revenue_weighted_nps_worked_example
    w = revenue
    assert_equal REVENUE_TEXT, w.to_s
    assert_equal w, WeightedAccumulator.parse(REVENUE_TEXT)
    s = w.snapshot
    assert_equal [HEADLINE_NET, 10, 6, 2, 2], [s.headline, s.n, s.positive, s.neutral, s.negative]
    assert_rel 100.0 * (965 - 925) / 2250, s.score, ULPS # +1.78
    assert_rel 100.0 * 965 / 2250, s.positive_share, ULPS
    assert_equal 2250.0, s.weight_total
    assert_rel 2250.0**2 / 1_174_750, s.n_effective, ULPS # Kish: 4.31
    assert_equal [-100.0, 100.0], [s.score_low, s.score_high] # +-111 points, clipped
    net = w.interval(:net, :wald, confidence: 0.9) # the worked figures, to their printed digits
    assert_equal [:net, :wald, 49.15, -88.32, 91.88], [net.quantity, net.method, net.se.round(2), net.low.round(2),
                                                       net.high.round(2)]
    kg = w.interval(:positive_share) # Korn-Graubard
    assert_equal [:positive_share, :clopper_pearson, 5.13, 88.96], [kg.quantity, kg.method, kg.low.round(2),
                                                                   kg.high.round(2)]
    assert_equal 40.0, w.unweighted.snapshot.net # without weights: NPS 40
  end

  def test_sums_cells_and_unweighted_counts
    w = revenue
    assert_equal Cell.new(count: 3, weight: 730, squares: 248_900), w.cell(9) # 450 + 80 + 200, their squares
    assert_equal Cell.new(count: 10, weight: 2250, squares: 1_174_750), w.totals
    assert_equal Cell.new(count: 0, weight: 0, squares: 0), w.cells[0]
    assert_equal({ 3 => 1, 6 => 1, 7 => 1, 8 => 1, 9 => 3, 10 => 3 }, w.unweighted.counts.reject { |_, c| c.zero? })
    into = Accumulator.new(:nps).add(9)
    assert_same into, w.unweighted(into: into)
    assert_equal 4, into.count(9)
    full = WeightedAccumulator.parse(FULL)
    assert_equal (1 << 64) - 1, full.totals.weight
    assert_equal ((1 << 64) - 1) * ((1 << 32) - 1), full.totals.squares # beyond 64 bits, exactly
  end

  def test_merge_subtract_copies_and_bytes
    a = revenue
    b = WeightedAccumulator.new(:nps).add(10, 5).add(0, 7)
    both = a + b
    assert_equal 12, both.totals.count
    assert_equal a, both - b
    assert_equal both, WeightedAccumulator.decode(both.encode)
    assert_equal both, Marshal.load(Marshal.dump(both))
    copy = both.dup.add(9, 1)
    refute_equal both, copy
    assert_equal 12, both.totals.count
    assert_operator both.encode.bytesize, :<=, WeightedAccumulator::ENCODED_MAX
    mem = WeightedAccumulator.in_memory(:nps).add(9, 3)
    assert_equal 48 + (32 * 11), WeightedAccumulator.footprint(:nps) # include/cxmetrics.h: 400 for NPS
    assert_equal "nps[9:1/3/9]", mem.to_s
    assert_equal 0, a.reset.totals.count
    WeightedAccumulator.open(:csat5) { |w| assert_equal "csat5[]", w.to_s }
  end

  def test_resolved_methods_and_names
    w = WeightedAccumulator.parse(CSAT)
    assert_equal %i[positive_share logit], w.interval(:positive_share, :logit).to_a.first(2)
    assert_raises(InvalidArgumentError) { w.interval(:positive_share, :wilson) } # counts' methods only
    assert_raises(InvalidArgumentError) { w.compare(w, :positive_share, :clopper_pearson) }
    assert_equal %i[positive_share clopper_pearson],
                 Cxmetrics.resolve_method(:csat5, use: USE_WEIGHTED_INTERVAL).to_a
  end

  # include/cxmetrics.h, cxm_wacc_add: weight 1 .. 2^32 - 1, CXM_ERR_RANGE for
  # a rating outside the scale before CXM_ERR_ARG for weight 0; a weight no
  # uint32_t holds is refused before the call. The detail is the same in
  # every binding.
  def test_refusals_name_the_rating_and_the_weight
    w = WeightedAccumulator.new(:nps)
    [[-> { w.add(9, 0) }, InvalidArgumentError, "rating 9, weight 0"],
     [-> { w.add(11, 0) }, RatingRangeError, "rating 11, weight 0"],
     [-> { w.remove(4, 7) }, AbsentError, "rating 4, weight 7"],
     [-> { w.add(9, -1) }, InvalidArgumentError, "weight -1 is not in 1 .. 2^32 - 1"],
     [-> { w.remove(9, 1 << 32) }, InvalidArgumentError, "weight 4294967296 is not in 1 .. 2^32 - 1"]].each do |call, cls, detail|
      error = assert_raises(cls, detail, &call)
      assert_equal "#{error.status_name}: #{error.status_message.chomp(".")} (#{detail})", error.message
    end
  end

  # Every status the weighted functions give, and nothing changed by any
  # (wrong types: test_arguments.rb).
  def test_every_error_path_leaves_the_state_as_it_was
    w = revenue
    before = w.encode
    full = WeightedAccumulator.parse(FULL)
    full_before = full.encode
    assert_raises(RatingRangeError) { w.add(11, 5) }
    assert_raises(RatingRangeError) { w.add(1 << 31, 5) }
    assert_raises(RatingRangeError) { w.cell(-1) }
    [0, -1, 1 << 32, (1 << 32) + 5].each do |weight|
      assert_raises(InvalidArgumentError, weight.to_s) { w.add(9, weight) }
      assert_raises(InvalidArgumentError, weight.to_s) { w.remove(9, weight) }
    end
    assert_raises(CountOverflowError) { full.add(9, 1) }
    assert_raises(CountOverflowError) { full.merge(WeightedAccumulator.new(:nps).add(0, 1)) }
    assert_raises(AbsentError) { w.remove(0, 5) }
    assert_raises(AbsentError) { w.remove(9, 499) } # 499**2 exceeds the squares 248 900: not in them
    assert_raises(AbsentError) { w.subtract(WeightedAccumulator.new(:nps).add(10, 1000)) }
    assert_raises(MismatchError) { w.merge(WeightedAccumulator.new(:csat5)) }
    assert_raises(MismatchError) { w.compare(WeightedAccumulator.new(:csat5)) }
    assert_raises(MismatchError) { w.unweighted(into: Accumulator.new(:csat5)) }
    assert_raises(FormatError) { WeightedAccumulator.decode(Accumulator.new(:nps).encode) }
    assert_raises(FormatError) { WeightedAccumulator.parse("nps{9:1}") }
    assert_raises(FormatError) { WeightedAccumulator.parse("nps[9:2/1/1]") } # c <= W broken
    assert_raises(InvalidArgumentError) { w.interval(confidence: 1.0) }
    assert_raises(EmptyError) { WeightedAccumulator.new(:nps).add(9, 3).interval }
    assert_raises(EmptyError) { WeightedAccumulator.new(:csat5).add(5, 1).add(4, 2).interval(:positive_share, :logit) }
    assert_raises(ScaleError) { WeightedAccumulator.new(Scale.new(ratings: 1..5, positive: 4..5, negative: 3..4, headline: 1)) }
    assert_equal before, w.encode
    assert_equal full_before, full.encode
    w.close
    assert_raises(ClosedError) { w.totals }
  end
end
