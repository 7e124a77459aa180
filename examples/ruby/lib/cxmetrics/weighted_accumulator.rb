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
  # Creating (new, open, in_memory, footprint, decode, parse, dup), merging
  # and subtracting (also a + b, a - b), the statistics (snapshot with
  # weight_total and n_effective; interval by :clopper_pearson, Korn and
  # Graubard's, the shares' default, :wald or :logit, the net score by
  # :wald, the mean by :t; compare by a Welch-type t test), the encoding
  # (also Marshal) and the text form ("nps[6:1/40/1600,9:2/150/12500]") are
  # shared with Accumulator; recording and the sums are its own. Free it
  # with #close, or use WeightedAccumulator.open with a block; otherwise the
  # garbage collector frees it. Errors and arguments as for Accumulator;
  # threads as in C.
  class WeightedAccumulator
    include Owner
    include OnScale
    include Encoded
    include State

    FUNCTIONS = Owner.functions(:cxm_wacc)
    ENCODED_MAX = WACC_ENCODED_MAX
    TEXT_MAX = WACC_TEXT_MAX

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
