# frozen_string_literal: true

# The recorder (cxm_recorder) from Ruby threads: its calls release the GVL,
# so threads add while another collects, truly at the same time; every
# rating must be collected exactly once, checked count for count against
# what the threads recorded (Array#tally). And its refusals: what a refused
# add or collect leaves.

require_relative "support"

class TestRecorder < Minitest::Test
  include Helpers

  def test_threads_add_while_one_collects
    random = Random.new(20_261_206)
    parts = Array.new(4) { Array.new(25_000) { random.rand(0..10) } }
    recorder = Recorder.new(:nps)
    total = Accumulator.new(:nps)
    collections = 0
    adders = parts.map do |ratings|
      Thread.new { ratings.each { |r| recorder.add(r) } }
    end
    collector = Thread.new do
      while adders.any?(&:alive?)
        recorder.collect(total)
        collections += 1
      end
    end
    [*adders, collector].each(&:join)
    recorder.collect(total) # what the last adds left
    expected = parts.flatten.tally
    assert_equal (0..10).to_h { |r| [r, expected.fetch(r, 0)] }, total.counts
    assert_operator collections, :>, 1 # collected while they added
    assert_equal 0, recorder.collect.total
  end

  def test_counts_in_memory_and_collections
    recorder = Recorder.in_memory(:csat5)
    assert_equal Scale.preset(:csat5), recorder.scale
    recorder.add(5).add(4, 3) << 1
    assert_equal({ 1 => 1, 2 => 0, 3 => 0, 4 => 3, 5 => 1 }, recorder.collect.counts)
    assert_equal 0, recorder.collect.total # collected once
    assert_operator Recorder.footprint(:nps), :>, Recorder.footprint(:csat2) # a cell per rating and stripe
    Recorder.open(:nps) { |r| assert_equal 7, r.add(9, 7).collect.count(9) }
  end

  def test_refusals_lose_nothing
    recorder = Recorder.new(:nps).add(10, 3)
    assert_raises(RatingRangeError) { recorder.add(11) }
    assert_raises(RatingRangeError) { recorder.add(1 << 31) }
    assert_raises(InvalidArgumentError) { recorder.add(9, -1) }
    assert_raises(CountOverflowError) { recorder.add(9, 1 << 64) }
    assert_raises(CountOverflowError) { recorder.add(9, UINT64_MAX - 2) } # 3 held already
    csat = Accumulator.new(:csat5)
    assert_raises(MismatchError) { recorder.collect(csat) }
    full = Accumulator.new(:nps).add(0, UINT64_MAX - 1)
    assert_raises(CountOverflowError) { recorder.collect(full) }
    assert_equal [0, UINT64_MAX - 1], [csat.total, full.total] # into unchanged ...
    assert_equal({ 10 => 3 }, recorder.collect.counts.select { |_, c| c.positive? }) # ... and nothing lost
    assert_raises(TypeError) { recorder.dup }
    GC.start # the refused copy is collected, and frees nothing of the recorder's
    assert_equal 0, recorder.collect.total
    recorder.close
    assert_raises(ClosedError) { recorder.add(9) }
  end
end
