# frozen_string_literal: true

# The Ruby binding's behaviour: scales, worked examples against R, every
# status, accumulators, batches, series, memory (support.rb says where the
# expected numbers come from). test_interface.rb checks the binding against
# the library's interface, test_arguments.rb the one rule for arguments.

require_relative "support"

class TestNames < Minitest::Test
  include Helpers

  def test_names_come_from_the_library
    assert_equal :wilson_cc, Cxmetrics.method_name(METHOD_WILSON_CC)
    assert_equal :positive_share, Cxmetrics.quantity_name(QUANTITY_POSITIVE_SHARE)
    assert_equal METHOD_ADJUSTED_WALD, Cxmetrics.method_number(:adjusted_wald)
    assert_equal METHOD_ADJUSTED_WALD, Cxmetrics.method_number("adjusted-wald")
    assert_equal QUANTITY_MEAN, Cxmetrics.quantity_number(:mean)
    assert_raises(InvalidArgumentError) { Cxmetrics.method_number(:Wilson) }
    assert_equal "CXM_ERR_WINDOW", Cxmetrics.status_name(-12)
  end

  # The headline words of the scale's text form (include/cxmetrics.h, cxm_headline_name).
  def test_headline_names_come_from_the_library
    words = { HEADLINE_POSITIVE_SHARE => :share, HEADLINE_NET => :net, HEADLINE_MEAN => :mean }
    words.each do |number, name|
      assert_equal name, Cxmetrics.headline_name(number)
      assert_equal number, Cxmetrics.headline_number(name)
      assert_equal number, Cxmetrics.headline_number(name.to_s)
    end
    assert_nil Cxmetrics.headline_name(0) # not a headline
    assert_nil Cxmetrics.headline_name(4)
    [:positive_share, :Share, :headline, "", "net\0"].each do |bad|
      assert_raises(InvalidArgumentError, bad.inspect) { Cxmetrics.headline_number(bad) }
    end
  end
end

# 1.2: what "headline" and "default" mean, from the library's one table
# (include/cxmetrics.h lists each quantity's methods, the default first).
class TestResolvedMethods < Minitest::Test
  include Helpers

  def resolved(*arguments, **options) = Cxmetrics.resolve_method(*arguments, **options).to_a

  def test_defaults_per_scale_and_use
    assert_equal %i[positive_share wilson], resolved(:csat5)
    assert_equal %i[net adjusted_wald], resolved(:nps)
    assert_equal %i[mean t], resolved(PRESET_CES_7)
    assert_equal %i[net adjusted_wald], resolved(:nps, use: USE_COMPARE)
    assert_equal %i[positive_share clopper_pearson], resolved(:csat5, use: USE_WEIGHTED_INTERVAL)
    assert_equal %i[net wald], resolved(:nps, use: USE_WEIGHTED_INTERVAL)
    assert_equal %i[positive_share wald], resolved(:csat5, use: USE_WEIGHTED_COMPARE)
    assert_equal %i[negative_share logit], resolved(:nps, :negative_share, :logit, use: USE_WEIGHTED_INTERVAL)
    assert_equal %i[net score], resolved(Scale.parse("-3..3/2..3/-3..-2/net"), QUANTITY_HEADLINE, "score")
    assert Cxmetrics.resolve_method(:nps).frozen?
  end

  def test_what_a_table_refuses
    assert_raises(InvalidArgumentError) { Cxmetrics.resolve_method(:nps, :net, :wilson) }
    assert_raises(InvalidArgumentError) { Cxmetrics.resolve_method(:csat5, :positive_share, :logit) } # weighted only
    assert_raises(InvalidArgumentError) { Cxmetrics.resolve_method(:nps, :net, :score, use: USE_COMPARE) }
    assert_raises(InvalidArgumentError) { Cxmetrics.resolve_method(:nps, use: 5) }
    bad = Scale.new(ratings: 1..5, positive: 4..5, negative: 3..4, headline: HEADLINE_MEAN)
    assert_raises(ScaleError) { Cxmetrics.resolve_method(bad) }
  end

  def test_names_of_the_methods_since_1_2
    assert_equal [:logit, :jeffreys], [Cxmetrics.method_name(METHOD_LOGIT), Cxmetrics.method_name(METHOD_JEFFREYS)]
    assert_equal METHOD_JEFFREYS, Cxmetrics.method_number("jeffreys")
  end

  # Jeffreys, once the library's table lists it for shares: R 4.2.2,
  # qbeta(c(0.025, 0.975), 70.5, 30.5) for 70 of 100.
  def test_jeffreys_against_r
    begin
      Cxmetrics.resolve_method(:csat2, :positive_share, :jeffreys)
    rescue InvalidArgumentError
      skip "this library's table does not list jeffreys for shares yet"
    end
    iv = share(70, 100).interval(:positive_share, :jeffreys)
    assert_equal %i[positive_share jeffreys], [iv.quantity, iv.method]
    assert_rel 60.545349336922694, iv.low
    assert_rel 78.315857138119493, iv.high
  end
end

class TestScales < Minitest::Test
  include Helpers

  # the preset table of include/cxmetrics.h, with the text names it lists
  PRESETS = {
    PRESET_CSAT_5 => ["csat5", 1..5, 4..5, 1..2, HEADLINE_POSITIVE_SHARE],
    PRESET_CSAT_3 => ["csat3", 1..3, 3..3, 1..1, HEADLINE_POSITIVE_SHARE],
    PRESET_CSAT_10 => ["csat10", 1..10, 8..10, 1..4, HEADLINE_POSITIVE_SHARE],
    PRESET_CSAT_BINARY => ["csat2", 1..2, 2..2, 1..1, HEADLINE_POSITIVE_SHARE],
    PRESET_NPS => ["nps", 0..10, 9..10, 0..6, HEADLINE_NET],
    PRESET_CES_7 => ["ces7", 1..7, 5..7, 1..3, HEADLINE_MEAN],
    PRESET_CES_5 => ["ces5", 1..5, 1..2, 4..5, HEADLINE_MEAN],
    PRESET_NET_EASY_7 => ["neteasy7", 1..7, 1..2, 5..7, HEADLINE_NET]
  }.freeze

  def test_presets_by_number
    PRESETS.each do |number, (_, ratings, positive, negative, headline)|
      want = Scale.new(ratings: ratings, positive: positive, negative: negative, headline: headline)
      assert_equal want, Scale.preset(number).check
    end
  end

  def test_presets_by_name_and_text_form
    PRESETS.each do |number, (name, *)|
      assert_equal Scale.preset(number), Scale.preset(name.to_sym)
      assert_equal name, Scale.preset(number).to_s
    end
    assert_equal Scale.preset(:csat5), Scale.preset(:csat)
    assert_equal Scale.preset(:ces7), Scale.preset("ces")
    # include/cxmetrics.h: "1..5/4..5/1..2/share" is CSAT_5 and formats as its name
    assert_equal "csat5", Scale.parse("1..5/4..5/1..2/share").to_s
    custom = Scale.parse("-3..3/2..3/-3..-2/net")
    assert_equal Scale.new(ratings: -3..3, positive: 2..3, negative: -3..-2, headline: HEADLINE_NET), custom
    assert_equal "-3..3/2..3/-3..-2/net", custom.to_s
    ["NPS", "nps ", "1..5/4..5/1..2/Share", "01..5/4..5/1..2/share", ""].each do |bad|
      assert_raises(FormatError, bad) { Scale.parse(bad) }
    end
  end

  def test_custom_scale_equality_and_footprint
    slider = Scale.new(ratings: 0..100, positive: 80..100, negative: 0...41, headline: HEADLINE_MEAN)
    assert_equal 0..40, slider.negative
    assert_operator slider.footprint, :<, 1024
    assert slider.frozen?
    assert_equal slider, Scale.new(ratings: 0..100, positive: 80..100, negative: 0..40, headline: 3)
    assert_equal({ slider => 1 }, { slider.dup => 1 })
    refute_equal slider, Scale.preset(:nps)
    Accumulator.open(slider) { |acc| assert_equal slider, acc.add(100).scale }
  end
end

class TestWorkedExamples < Minitest::Test
  include Helpers

  def test_nps
    # docs/metrics.md: 60 promoters, 30 passives, 10 detractors -> NPS 50
    s = nps(60, 30, 10).snapshot
    assert_equal [HEADLINE_NET, 100, 60, 30, 10], [s.headline, s.n, s.positive, s.neutral, s.negative]
    assert_equal [60.0, 10.0, 50.0, 50.0], [s.positive_share, s.negative_share, s.net, s.score]
    assert_rel 8.4000000000000004, s.mean, ULPS
    assert_rel 2.9541957835039856, s.stddev, ULPS # R: sd()
    assert_rel 35.466591938667477, s.score_low # adjusted Wald, R
    assert_rel 61.620786702109207, s.score_high
    assert s.frozen?
  end

  def test_csat
    # docs/metrics.md: counts (1:15, 2:5, 3:10, 4:30, 5:40) -> CSAT 70
    Accumulator.open(:csat5) do |acc|
      [15, 5, 10, 30, 40].each.with_index(1) { |count, rating| acc.add(rating, count) }
      s = acc.snapshot
      assert_equal [HEADLINE_POSITIVE_SHARE, 70.0, 3.75], [s.headline, s.score, s.mean]
      assert_rel 1.4168894655461863, s.stddev, ULPS
      assert_rel 60.415145366653334, s.score_low # prop.test(70, 100, correct = FALSE)
      assert_rel 78.105114705067223, s.score_high
      neg = acc.interval(:negative_share)
      assert_equal [:negative_share, :wilson, 20.0], [neg.quantity, neg.method, neg.estimate]
      assert_rel 13.33669333310325, neg.low # prop.test(20, 100, correct = FALSE)
      assert_rel 28.882916559315884, neg.high
    end
  end

  def test_ces_mean_t_interval
    Accumulator.open(:ces7) do |acc|
      acc.add_many([1, 2, 3, 4, 5, 6, 7, 7, 7, 2, 3])
      s = acc.snapshot
      assert_rel 4.2727272727272725, s.score, ULPS
      assert_rel 2.2401298663653004, s.stddev, ULPS
      assert_rel 2.7677875510988605, s.score_low # t.test(x)$conf.int
      assert_rel 5.7776669943556849, s.score_high
      iv = acc.interval(:mean, :t, confidence: 0.95)
      assert_equal s.score_low..s.score_high, iv.to_range
    end
  end

  def test_interval_methods
    acc = share(70, 100)
    wald = acc.interval(:positive_share, :wald)
    assert_rel 61.018316681457939, wald.low
    assert_rel 78.981683318542053, wald.high
    assert_rel 4.5825756949558407, wald.se
    cc = acc.interval(QUANTITY_POSITIVE_SHARE, METHOD_WILSON_CC)
    assert_equal [:positive_share, :wilson_cc], [cc.quantity, cc.method]
    assert_rel 59.893957565480719, cc.low # prop.test(70, 100)
    assert_rel 78.545743007093861, cc.high
    assert_rel 35.569193648489254, nps(60, 30, 10).interval(:net, "score").low, 1e-11 # Tango, uniroot
  end

  def test_empty_snapshot_is_nan
    s = Accumulator.new(:nps).snapshot
    assert_equal 0, s.n
    assert(%i[positive_share net mean score score_low score_high].all? { |f| s[f].nan? })
  end

  def test_compare
    # docs/statistics.md: 70/100 vs 60/100 -> z^2 = 2.1978, p = 0.13821 (prop.test)
    c = share(70, 100).compare(share(60, 100))
    assert_equal [:positive_share, :wilson], [c.quantity, c.method]
    assert_rel 10.0, c.difference, 1e-14
    assert_rel 2.197802197802198, c.statistic**2
    assert_equal Float::INFINITY, c.df
    assert_rel 0.13820766697402617, c.p_value
    assert_rel(-3.1890373925969442, c.low) # Newcombe hybrid
    assert_rel 22.717225103721752, c.high
    assert_rel 0.13603712811414365, share(70, 100).compare(share(60, 100), :positive_share, :wald).p_value
    n = nps(60, 30, 10).compare(nps(40, 15, 25))
    assert_equal [:net, :adjusted_wald], [n.quantity, n.method]
    assert_rel 50.0 - 18.75, n.difference, 1e-14
    assert_rel 11.709514737410103, n.se
    assert_rel 0.0092607036576098679, n.p_value
  end

  def test_compare_means_welch
    a = Accumulator.new(:ces7)
    b = Accumulator.new(:ces7)
    [1, 2, 3, 4, 5, 6, 7].zip([5, 4, 3, 2, 1, 1, 1]).each.with_index(1) do |(x, y), rating|
      a.add(rating, x)
      b.add(rating, y)
    end
    c = a.compare(b)
    assert_equal [:mean, :t], [c.quantity, c.method]
    assert_rel 3.9004434192933912, c.statistic # t.test(a, b)
    assert_rel 32.712614641840673, c.df
    assert_rel 0.00045065707899453734, c.p_value
  end
end

class TestErrors < Minitest::Test
  include Helpers

  # Raises `cls` for status `status` with the library's name and sentence.
  def assert_status(cls, status, &block)
    error = assert_raises(cls, &block)
    assert_kind_of Cxmetrics::Error, error
    assert_equal [status, status], [error.status, error.code]
    assert_equal cls::STATUS, status
    assert_equal Cxmetrics.status_name(status), error.status_name
    assert_match(/\ACXM_ERR_[A-Z]+\z/, error.status_name)
    assert_equal Cxmetrics.status_message(status), error.status_message
    assert error.message.start_with?("#{error.status_name}: ")
    error
  end

  def test_every_status_raises_its_class
    acc = nps(6, 3, 1)
    before = acc.counts
    csat = Accumulator.new(:csat5)
    # NULL: the binding never passes one; the raw call shows the mapping.
    assert_status(NullError, -1) { check_status(Cxmetrics::Native.cxm_acc_reset(nil)) }
    bad = Scale.new(ratings: 1..5, positive: 4..5, negative: 3..4, headline: HEADLINE_MEAN)
    assert_status(ScaleError, -2) { Accumulator.new(bad) }
    assert_status(ScaleError, -2) { bad.check }
    assert_status(ScaleError, -2) { Scale.new(ratings: 1..(1 << 40), positive: 1..1, negative: 2..2, headline: 1) }
    assert_status(RatingRangeError, -3) { acc.add(11) }
    assert_status(RatingRangeError, -3) { acc.add(1 << 40) }
    assert_status(RatingRangeError, -3) { acc.count(-1) }
    assert_equal 2, assert_status(RatingRangeError, -3) { acc.add_many([1, 2, 99]) }.index
    assert_equal 1, assert_status(RatingRangeError, -3) { acc.add_many("\x01\x0b") }.index
    assert_equal 1, assert_status(RatingRangeError, -3) { acc.add_many([1, 1 << 31]) }.index
    # NOMEM cannot be provoked from here; the mapping is what is tested.
    assert_status(OutOfMemoryError, -4) { raise Cxmetrics::Error.for(-4) }
    full = Accumulator.new(:nps).add(10, UINT64_MAX)
    assert_status(CountOverflowError, -5) { full.add(9) }
    assert_status(CountOverflowError, -5) { acc.add(9, 1 << 64) }
    assert_status(AbsentError, -6) { acc.remove(5) }
    assert_status(AbsentError, -6) { acc.remove(10, 7) }
    assert_status(AbsentError, -6) { acc.subtract(nps(7, 0, 0)) }
    assert_status(MismatchError, -7) { acc.merge(csat) }
    assert_status(MismatchError, -7) { acc.compare(csat) }
    small = Cxmetrics::Native.init(Cxmetrics::Native::SnapshotStruct)
    small[:size] = 8
    assert_status(SizeError, -8) { check_status(Cxmetrics::Native.cxm_acc_snapshot(acc.send(:handle), small)) }
    assert_status(FormatError, -9) { Accumulator.decode("not an encoding") }
    assert_status(FormatError, -9) { Accumulator.parse("nps{11:1}") }
    assert_status(InvalidArgumentError, -10) { Scale.preset(99) }
    assert_status(InvalidArgumentError, -10) { acc.interval(confidence: 1.5) }
    assert_status(InvalidArgumentError, -10) { acc.interval(:net, :t) }
    assert_status(InvalidArgumentError, -10) { acc.interval(:nett) }
    assert_status(InvalidArgumentError, -10) { acc.add(5, -1) }
    assert_status(EmptyError, -11) { csat.interval }
    assert_status(EmptyError, -11) { acc.compare(Accumulator.new(:nps)) }
    series = Series.new(:nps, capacity: 7, head: 100)
    assert_status(WindowError, -12) { series.add(101, 9) }
    assert_status(WindowError, -12) { series.add(93, 9) }
    assert_equal before, acc.counts # on every error nothing changed
    assert_equal 0, csat.total
  end

  def test_unknown_status_and_type_errors
    error = Cxmetrics::Error.for(-99)
    assert_instance_of Cxmetrics::Error, error
    assert_equal "CXM_UNKNOWN", error.status_name
    acc = Accumulator.new(:nps)
    assert_raises(TypeError) { acc.add(5.7) } # FFI would truncate it to 5
    assert_raises(TypeError) { acc.add("5") }
    assert_raises(TypeError) { acc.add_many([1, nil]) }
    assert_equal 0, acc.total
    refute_operator Cxmetrics::RatingRangeError, :<=, ::RangeError
  end

  def test_closed_objects_raise_and_close_twice_is_fine
    acc = Accumulator.open(:nps) do |a|
      a.add(9)
      a
    end
    assert acc.closed?
    assert_raises(Cxmetrics::ClosedError) { acc.add(9) }
    assert_raises(IOError) { acc.snapshot }
    acc.close
    series = Series.open(:nps, capacity: 2, head: 0) { |s| s }
    assert_raises(Cxmetrics::ClosedError) { series.head }
  end

  private

  def check_status(status)
    raise Cxmetrics::Error.for(status) unless status.zero?
  end
end

class TestAccumulator < Minitest::Test
  include Helpers

  def test_record_remove_reset_and_counts
    acc = Accumulator.new(:csat5)
    acc.add(5).add(4, 3).add_many([1, 2, 3])
    acc << 5
    acc.remove(4).remove(1, 1).remove(3, 0).remove(5)
    assert_equal({ 1 => 0, 2 => 1, 3 => 1, 4 => 2, 5 => 1 }, acc.counts)
    assert_equal [5, 2], [acc.total, acc.count(4)]
    assert_equal [[4, 2], [5, 1]], acc.each_count.select { |rating, count| rating > 3 && count.positive? }
    assert_equal 18, acc.each_count.sum { |rating, count| rating * count }
    acc.reset
    assert_equal 0, acc.total
  end

  def test_merge_subtract_and_copies
    a = nps(6, 3, 1)
    b = nps(1, 1, 1)
    both = a + b
    assert_equal 7, both.count(10)
    assert_equal a, both - b
    a.merge(a)
    assert_equal 20, a.total
    a.subtract(a)
    assert_equal 0, a.total
    copy = both.dup
    assert_equal both, copy
    copy.add(9)
    refute_equal both, copy
    assert_equal both, Marshal.load(Marshal.dump(both))
    # copies own their own native accumulators: dropping them all frees
    # each once (Ruby copies finalizers on dup; a shared one double-freed)
    10_000.times { both.dup.add(9) }
    GC.start
    assert_equal 13, both.total
  end

  def test_in_memory
    acc = Accumulator.in_memory(:nps)
    acc.add_many([10, 9, 0])
    assert_equal 3, acc.snapshot.n
    heap = acc.clone
    acc.close
    assert_equal 3, heap.total
  end

  # Accumulator.footprint is the one cxm_acc_footprint that Scale#footprint
  # and Cxmetrics.footprint answer with; the widest scale needs exactly
  # CXM_ACC_FOOTPRINT_MAX bytes (include/cxmetrics.h; tests/test_methods.c).
  def test_footprint
    widest = Scale.new(ratings: 0..100, positive: 90..100, negative: 0..60, headline: HEADLINE_NET)
    assert_equal ACC_FOOTPRINT_MAX, Accumulator.footprint(widest)
    assert_equal [Accumulator.footprint(:nps)] * 2, [Scale.preset(:nps).footprint, Cxmetrics.footprint(:nps)]
    assert_operator Accumulator.footprint(:nps), :<, ACC_FOOTPRINT_MAX
    assert_raises(ScaleError) { Accumulator.footprint(Scale.new(ratings: 1..5, positive: 4..5, negative: 3..4, headline: 1)) }
  end

  # Equal means the same scale, field by field, and the same counts; never
  # another kind of state. A subclass's accumulators are accumulators.
  def test_equality_and_subclasses
    same_as_nps = Scale.new(ratings: 0..10, positive: 9..10, negative: 0..6, headline: HEADLINE_NET)
    assert_equal Accumulator.new(:nps).add(9), Accumulator.new(same_as_nps).add(9)
    refute_equal Accumulator.new(:nps), Accumulator.new(:csat10) # both empty, 1..10 against 0..10
    refute_equal Accumulator.new(:nps), WeightedAccumulator.new(:nps)
    refute_equal Accumulator.new(:nps), "nps{}"
    mine = Class.new(Accumulator).new(:nps).add(10)
    mine.merge(Accumulator.new(:nps).add(9)).subtract(Accumulator.new(:nps).add(10))
    assert_equal Accumulator.parse("nps{9:1}"), mine
    assert_equal "nps{9:1}", mine.to_s
    assert_raises(TypeError) { mine.merge(WeightedAccumulator.new(:nps)) }
  end

  def test_golden_encodings
    # docs/format.md, "Worked example": ten 0s, thirty 7s, three hundred 10s
    golden = hex("43 58 4D 41 01 00 00 00 00 0A 00 00 00 09 00 00 00 0A 00 00 00 00 00 00 00 06 00 00 00 02
                  03 00 0A 06 1E 02 AC 02 00 8F 0F E9")
    acc = Accumulator.new(:nps).add(0, 10).add(7, 30).add(10, 300)
    assert_equal golden, acc.encode
    assert_equal Encoding::BINARY, acc.encode.encoding
    back = Accumulator.decode(golden)
    assert_equal({ 0 => 10, 7 => 30, 10 => 300 }, back.counts.reject { |_, c| c.zero? })
    assert_equal acc.snapshot, back.snapshot
    # the empty CSAT 5-point accumulator, 35 bytes
    empty = hex("43 58 4D 41 01 01 00 00 00 05 00 00 00 04 00 00 00 05 00 00 00 01 00 00 00 02 00 00 00 01 00 5A B0 F0 25")
    assert_equal empty, Accumulator.new(:csat5).encode
    assert_equal 0, Accumulator.decode(empty).total
    # -3..3 with 2^62 ratings of -3 and 2^64 - 1 - 2^62 of 3, 56 bytes
    huge = hex("43 58 4D 41 01 FD FF FF FF 03 00 00 00 01 00 00 00 03 00 00 00 FD FF FF FF FF FF FF FF 03
                02 00 80 80 80 80 80 80 80 80 40 05 FF FF FF FF FF FF FF FF BF 01 E4 6A B8 E8")
    scale = Scale.new(ratings: -3..3, positive: 1..3, negative: -3..-1, headline: HEADLINE_MEAN)
    acc = Accumulator.new(scale).add(-3, 1 << 62).add(3, UINT64_MAX - (1 << 62))
    assert_equal huge, acc.encode
    assert_equal UINT64_MAX, Accumulator.decode(huge).total
    assert_equal 1 << 62, Accumulator.decode(huge).count(-3)
    corrupt = golden.dup
    corrupt.setbyte(33, 0x1F)
    assert_raises(FormatError) { Accumulator.decode(corrupt) }
    assert_raises(FormatError) { Accumulator.decode(golden[0...-1]) }
    assert_raises(FormatError) { Accumulator.decode(golden + "\0") }
  end

  def test_text_forms
    # include/cxmetrics.h: "nps{0:3,6:1,9:10,10:4}", empty "nps{}"
    acc = Accumulator.new(:nps).add(0, 3).add(6).add(9, 10).add(10, 4)
    assert_equal "nps{0:3,6:1,9:10,10:4}", acc.to_s
    assert_equal acc, Accumulator.parse("nps{0:3,6:1,9:10,10:4}")
    assert_equal "nps{}", Accumulator.new(:nps).to_s
    assert_equal "csat5{5:2}", Accumulator.parse("1..5/4..5/1..2/share{5:2}").to_s
    assert_equal "csat5{1:18446744073709551615}", Accumulator.new(:csat5).add(1, UINT64_MAX).to_s
    assert_match(/nps\{0:3/, acc.inspect)
    ["nps{9:0}", "nps{10:1,9:1}", "nps{ 9:1}", "nps{9:01}", "nps{-0:1}", "nps{9:+1}", "nps{9:1}x",
     "nps{0:18446744073709551615,1:1}"].each do |bad|
      assert_raises(FormatError, bad) { Accumulator.parse(bad) }
    end
  end

  def test_threads_then_merge
    random = Random.new(20_240_611)
    parts = Array.new(4) { Array.new(20_000) { random.rand(0..10) } }
    accs = parts.map { Accumulator.new(:nps) }
    threads = accs.zip(parts).map do |acc, ratings|
      Thread.new do
        ratings.each_slice(1000) { |slice| acc.add_many(slice.pack("C*")) }
        acc.add(ratings.first).remove(ratings.first)
      end
    end
    threads.each(&:join)
    total = accs.reduce(Accumulator.new(:nps)) { |sum, acc| sum.merge(acc) }
    expected = parts.flatten.tally
    assert_equal (0..10).to_h { |r| [r, expected.fetch(r, 0)] }, total.counts
  end
end

class TestBatches < Minitest::Test
  include Helpers

  N = 11 * 200_000 # 2.2 million ratings, each rating of NPS 200 000 times

  module Libc
    extend FFI::Library
    ffi_lib FFI::Library::LIBC
    attach_function :memchr, %i[pointer int size_t], :pointer
  end

  def test_string_batch_is_passed_where_it_lies
    data = (0..10).to_a.pack("C*") * (N / 11)
    acc = Accumulator.new(:nps).add_many(data)
    assert_equal (0..10).to_h { |r| [r, N / 11] }, acc.counts
    function, pointer, n = acc.send(:batch, data)
    assert_equal [:cxm_acc_add_many_u8, N], [function, n]
    assert_same data, pointer # the String itself goes to FFI ...
    # ... and FFI hands the C function the String's own bytes: a write
    # through the pointer C sees shows up in the Ruby String.
    probe = +"abcdef"
    Libc.memchr(probe, "c".ord, probe.bytesize).put_uint8(0, "Z".ord)
    assert_equal "abZdef", probe
  end

  def test_memory_pointer_batches
    bytes = FFI::MemoryPointer.new(:uint8, 1100).put_array_of_uint8(0, (0..10).to_a * 100)
    ints = FFI::MemoryPointer.new(:int32, 1100).put_array_of_int32(0, (0..10).to_a * 100)
    acc = Accumulator.new(:nps).add_many(bytes).add_many(ints)
    assert_equal (0..10).to_h { |r| [r, 200] }, acc.counts
    assert_equal [:cxm_acc_add_many, ints, 1100], acc.send(:batch, ints)
    assert_raises(TypeError) { acc.add_many(FFI::Pointer.new(:uint8, bytes.address)) } # size unknown
    acc.add_many(bytes.slice(0, 11))
    assert_equal 201, acc.count(10)
  end

  def test_all_or_nothing
    data = ((0..10).to_a.pack("C*") * 1000).b
    data.setbyte(5000, 200)
    acc = Accumulator.new(:nps)
    error = assert_raises(RatingRangeError) { acc.add_many(data) }
    assert_equal 5000, error.index
    assert_equal 0, acc.total
    acc.add_many("").add_many([]).add_many((9..10).each)
    assert_equal 2, acc.total
  end
end

class TestSeries < Minitest::Test
  include Helpers

  # Days 100..106 of a 7-day series (hand-worked: each sum is the ratings
  # listed for the days in range).
  def week
    Series.new(:nps, capacity: 7, head: 106)
          .add(100, 10).add(101, 9, 3).add(104, 0).add(106, 7, 2).add(106, 10)
  end

  def test_window_sums
    s = week
    assert_equal [7, 106, 100..106], [s.capacity, s.head, s.buckets]
    assert_equal Scale.preset(:nps), s.scale
    assert_equal({ 0 => 1, 7 => 2, 9 => 3, 10 => 2 }, s.sum(100..106).counts.reject { |_, c| c.zero? })
    assert_equal 4, s.sum(101...105).total # 3 nines + 1 zero
    assert_equal 3, s[106].total
    into = Accumulator.new(:nps).add(5)
    assert_same into, s.sum(106..106, into: into)
    assert_equal 4, into.total
    assert_equal [[100, 1], [101, 3], [104, 1], [106, 3]],
                 s.each_bucket.map { |b, acc| [b, acc.total] }.reject { |_, t| t.zero? }
    assert_equal 3, s.sum(106..110).total # buckets after the head are empty
  end

  def test_advance_expires_and_errors_change_nothing
    s = week.advance(108) # keeps 102..108: drops day 100 and 101
    assert_equal 102..108, s.buckets
    assert_equal 4, s.sum(102..108).total
    assert_raises(WindowError) { s.sum(101..108) }
    assert_raises(InvalidArgumentError) { s.sum(105..104) }
    assert_raises(InvalidArgumentError) { s.advance((1 << 62) + 1) }
    assert_raises(AbsentError) { s.remove(106, 9) }
    assert_raises(MismatchError) { s.add_accumulator(106, Accumulator.new(:csat5)) }
    assert_raises(InvalidArgumentError) { Series.new(:nps, capacity: 0, head: 0) }
    assert_raises(InvalidArgumentError) { Series.new(:nps, capacity: SERIES_MAX_CAPACITY + 1, head: 0) }
    assert_equal 108, s.advance(50).head # backwards is a no-op
    s.remove(106, 7, 2).add_accumulator(107, nps(2, 0, 0))
    assert_equal 4, s.sum(102..108).total
  end

  def test_golden_encodings
    # docs/format.md, "Series", "Worked examples": NPS, capacity 7, head day
    # 20 000; day 20 000 holds one 0 and three 10s, day 19 998 two 7s.
    golden = hex("43 58 4D 53 01 00 00 00 00 0A 00 00 00 09 00 00 00 0A 00 00 00 00 00 00 00 06 00 00 00 02
                  07 00 00 00 20 4E 00 00 00 00 00 00 02 00 02 00 01 09 03 01 01 07 02 6F C0 D0 41")
    s = Series.new(:nps, capacity: 7, head: 20_000).add(20_000, 0).add(20_000, 10, 3).add(19_998, 7, 2)
    assert_equal golden, s.encode
    back = Series.decode(golden)
    assert_equal [7, 20_000], [back.capacity, back.head]
    assert_equal({ 0 => 1, 10 => 3 }, back[20_000].counts.reject { |_, c| c.zero? })
    assert_equal({ 7 => 2 }, back[19_998].counts.reject { |_, c| c.zero? })
    # the empty CSAT 5-point series of capacity 1 at head 0, 47 bytes
    empty = hex("43 58 4D 53 01 01 00 00 00 05 00 00 00 04 00 00 00 05 00 00 00 01 00 00 00 02 00 00 00 01
                 01 00 00 00 00 00 00 00 00 00 00 00 00 6B 7E C6 C0")
    assert_equal empty, Series.new(:csat5, capacity: 1, head: 0).encode
    # -3..3, capacity 400, head -2^62 + 1; bucket -2^62 holds 2^62 ratings of -3 and five 3s
    edge = hex("43 58 4D 53 01 FD FF FF FF 03 00 00 00 01 00 00 00 03 00 00 00 FD FF FF FF FF FF FF FF 03
                90 01 00 00 01 00 00 00 00 00 00 C0 01 01 02 00 80 80 80 80 80 80 80 80 40 05 05 E2 48 0C DB")
    scale = Scale.new(ratings: -3..3, positive: 1..3, negative: -3..-1, headline: HEADLINE_MEAN)
    s = Series.new(scale, capacity: 400, head: -(1 << 62) + 1).add(-(1 << 62), -3, 1 << 62).add(-(1 << 62), 3, 5)
    assert_equal edge, s.encode
    assert_equal (1 << 62) + 5, Series.decode(edge)[-(1 << 62)].total
    corrupt = golden.dup
    corrupt.setbyte(45, 0x03)
    assert_raises(FormatError) { Series.decode(corrupt) }
  end

  def test_merge_copies_and_bytes
    a = week
    b = Series.new(:nps, capacity: 7, head: 110).add(110, 10, 5).add(104, 9)
    a.merge(b) # head 110: keeps 104..110
    assert_equal 110, a.head
    assert_equal 1 + 1 + 3 + 5, a.sum(104..110).total
    copy = a.dup
    assert_equal a.encode, copy.encode
    back = Series.decode(a.encode)
    assert_equal a.sum(104..110), back.sum(104..110)
    assert_equal a.encode, Marshal.load(Marshal.dump(a)).encode
    assert_raises(FormatError) { Series.decode(Accumulator.new(:nps).encode) }
    assert_raises(FormatError) { Accumulator.decode(a.encode) }
    mem = Series.in_memory(:nps, capacity: 3, head: 5).add(5, 9)
    assert_equal 1, mem.sum(3..5).total
    assert_operator Series.footprint(:nps, 3), :>=, 3 * 11 * 8 # 3 buckets of 11 uint64 counts
  end
end

class TestMemory < Minitest::Test
  include Helpers

  def rss_kib = File.read("/proc/self/status")[/^VmRSS:\s+(\d+)/, 1].to_i

  # A million accumulators made and dropped. Leaked, each would keep its
  # native block (136 bytes on NPS, about 150 with malloc's header: some
  # 150 MB in all); freed, the resident size stays where the warm-up left it.
  def test_a_million_accumulators_stay_flat
    scale = Scale.preset(PRESET_NPS)
    100_000.times { Accumulator.new(scale).add(9) } # the garbage collector's finalizers
    GC.start
    before = rss_kib
    1_000_000.times { Accumulator.new(scale).add(9) }
    GC.start
    grown_by_gc = rss_kib - before
    500_000.times { Accumulator.open(scale) { |acc| acc.add(9) } } # close, deterministic
    grown = rss_kib - before
    assert_operator grown_by_gc, :<, 20_000, "RSS grew by #{grown_by_gc} KiB over 10^6 finalized accumulators"
    assert_operator grown, :<, 20_000, "RSS grew by #{grown} KiB"
  end
end
