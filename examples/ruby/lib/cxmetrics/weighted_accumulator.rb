# frozen_string_literal: true

module Cxmetrics
  # A weighted accumulator (cxm_wacc), for revenue-weighted NPS, account
  # weights, or survey weights: each response carries a positive Integer
  # weight in a unit the caller chooses (dollars of ARR, a survey weight
  # times 1000). Per rating it keeps the count, the weight total and the sum
  # of squared weights, exactly, so it merges, subtracts, encodes and parses
  # like an Accumulator, and its intervals and comparisons are design-based
  # (docs/statistics.md, "Weighted responses"). A weight says how much one
  # respondent stands for, never how many respondents there were: k
  # identical answers are Accumulator#add(rating, k), not a weight.
  #
  # Free it with #close, or use WeightedAccumulator.open with a block;
  # otherwise the garbage collector frees it. Errors and arguments as for
  # Accumulator; threads as in C.
  class WeightedAccumulator
    include Owner

    FREE = :cxm_wacc_free
    CLONE = :cxm_wacc_clone
    ENCODED_MAX = WACC_ENCODED_MAX
    TEXT_MAX = WACC_TEXT_MAX

    # A new empty weighted accumulator on a Scale or a preset (:nps).
    def initialize(scale)
      out = Buffers.out_pointer
      Error.check(Native.cxm_wacc_new(Scale.coerce(scale).to_native, out))
      own(out.read_pointer)
    end

    # Bytes a weighted accumulator on this scale occupies (cxm_wacc_footprint).
    def self.footprint(scale)
      scale = Scale.coerce(scale)
      size = Native.cxm_wacc_footprint(scale.to_native)
      scale.check if size.zero? # raises the reason
      size
    end

    # One in Ruby-owned memory (cxm_wacc_init): the library allocates nothing.
    def self.in_memory(scale)
      scale = Scale.coerce(scale)
      size = footprint(scale)
      raw, mem = Buffers.aligned(size)
      out = Buffers.out_pointer
      Error.check(Native.cxm_wacc_init(mem, size, scale.to_native, out))
      adopt(out.read_pointer, raw)
    end

    # From #encode's bytes (cxm_wacc_decode); FormatError for anything else,
    # an accumulator's or a series' encoding included.
    def self.decode(bytes)
      Arguments.text(bytes, "encoding")
      out = Buffers.out_pointer
      Error.check(Native.cxm_wacc_decode(bytes, bytes.bytesize, out))
      adopt(out.read_pointer)
    end

    # From the text form of #to_s, e.g. "nps[6:1/40/1600,9:2/150/12500]".
    def self.parse(text)
      Arguments.text(text, "weighted accumulator")
      out = Buffers.out_pointer
      Error.check(Native.cxm_wacc_parse(text, text.bytesize, out)) { "weighted accumulator #{text.inspect}" }
      adopt(out.read_pointer)
    end

    def _dump(_level) = encode
    def self._load(bytes) = decode(bytes)

    # Records one response with its weight, 1 .. 2**32 - 1 (cxm_wacc_add).
    def add(rating, weight)
      status = Native.cxm_wacc_add(handle, Arguments.rating(rating), Arguments.weight(weight))
      Error.check(status) { "rating #{rating}, weight #{weight}" }
      self
    end

    # Removes one response recorded earlier with this rating and weight.
    def remove(rating, weight)
      status = Native.cxm_wacc_remove(handle, Arguments.rating(rating), Arguments.weight(weight))
      Error.check(status) { "rating #{rating}, weight #{weight}" }
      self
    end

    def reset
      Error.check(Native.cxm_wacc_reset(handle))
      self
    end

    # self += other, rating by rating (same scale); returns self.
    def merge(other)
      Error.check(Native.cxm_wacc_merge(handle, Arguments.handle(other, WeightedAccumulator)))
      self
    end

    # self -= other, the exact inverse of merge; returns self.
    def subtract(other)
      Error.check(Native.cxm_wacc_subtract(handle, Arguments.handle(other, WeightedAccumulator)))
      self
    end

    def +(other) = dup.merge(other)
    def -(other) = dup.subtract(other)

    def scale
      struct = Native.init(Native::ScaleStruct)
      Error.check(Native.cxm_wacc_scale(handle, struct))
      Scale.from_native(struct)
    end

    # One rating's sums: Cell(count:, weight:, squares:).
    def cell(rating)
      sums(:cxm_wacc_cell, Arguments.rating(rating)) { "rating #{rating}" }
    end

    # The sums over every rating.
    def totals = sums(:cxm_wacc_totals)

    # {rating => Cell} for every rating of the scale.
    def cells = scale.ratings.to_h { |rating| [rating, cell(rating)] }

    # The counts without their weights, added to `into:` (an Accumulator of
    # the same scale, returned) or to a new Accumulator (cxm_wacc_unweighted).
    def unweighted(into: nil)
      target = into.nil? ? Accumulator.new(scale) : Arguments.instance(into, Accumulator)
      Error.check(Native.cxm_wacc_unweighted(handle, Arguments.handle(target, Accumulator)))
      target
    end

    def ==(other)
      other.is_a?(WeightedAccumulator) && encode == other.encode
    end

    # Every weighted metric (cxm_wacc_snapshot): counts of responses, shares,
    # net and mean weighted, the headline's interval by the weighted default
    # method, weight_total and n_effective.
    def snapshot
      out = Native.init(Native::SnapshotStruct)
      Error.check(Native.cxm_wacc_snapshot(handle, out))
      Results.snapshot(out)
    end

    # The design-based interval of a quantity (:headline, :positive_share,
    # :negative_share, :net, :mean) by a method (shares :clopper_pearson,
    # the default (Korn and Graubard), :wald or :logit; net :wald; mean :t).
    def interval(quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::IntervalStruct)
      status = Native.cxm_wacc_interval(handle, Arguments.quantity_number(quantity),
                                        Arguments.method_number(method),
                                        Arguments.confidence(confidence), out)
      Error.check(status)
      Results.of(Interval, out)
    end

    # self - other for two independent weighted samples (Welch-type t test).
    def compare(other, quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::ComparisonStruct)
      status = Native.cxm_wacc_compare(handle, Arguments.handle(other, WeightedAccumulator),
                                       Arguments.quantity_number(quantity),
                                       Arguments.method_number(method),
                                       Arguments.confidence(confidence), out)
      Error.check(status)
      Results.of(Comparison, out)
    end

    # The portable bytes (cxm_wacc_encode), a binary String.
    def encode = Buffers.encoded(handle, :cxm_wacc_encoded_size, :cxm_wacc_encode)

    # The canonical text form, e.g. "nps[6:1/40/1600,9:2/150/12500]".
    def to_s
      h = handle
      Buffers.formatted(TEXT_MAX) { |buf, capacity, written| Native.cxm_wacc_format(h, buf, capacity, written) }
    end

    def inspect
      closed? ? "#<#{self.class} (closed)>" : "#<#{self.class} #{self}>"
    end

    private

    # A Cell from cxm_wacc_cell or cxm_wacc_totals; squares come as {high,
    # low} 64-bit words.
    def sums(function, *arguments, &detail)
      out = FFI::MemoryPointer.new(:uint64, 4)
      status = Native.public_send(function, handle, *arguments, out, out + 8, out + 16)
      Error.check(status, &detail)
      count, weight, high, low = out.read_array_of_uint64(4)
      Cell.new(count: count, weight: weight, squares: (high << 64) | low)
    end
  end
end
