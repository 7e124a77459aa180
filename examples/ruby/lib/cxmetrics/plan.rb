# frozen_string_literal: true

module Cxmetrics
  # How many answers a survey needs (cxm_plan_sample_size): the number for
  # the Wald interval of a quantity to be at most `half_width` wide on each
  # side (percentage points for shares and net scores, rating units for the
  # mean), at a confidence, from the variance the `expected` Accumulator
  # shows (a pilot, last period's answers) or, without one, the worst case,
  # with a finite `population` (0: unlimited).
  # plan_sample_size(:nps, 5) is 1537; with population: 2000, 870
  # (docs/statistics.md, "How many answers do you need?").
  def self.plan_sample_size(scale, half_width, quantity: :headline, confidence: 0.95, expected: nil, population: 0)
    native = Scale.coerce(scale).to_native
    pilot = expected.nil? ? nil : Arguments.handle(expected, Accumulator)
    out = FFI::MemoryPointer.new(:uint64)
    status = Native.cxm_plan_sample_size(native, pilot, Arguments.quantity_number(quantity),
                                         Arguments.confidence(confidence), Arguments.real(half_width, "half_width"),
                                         Arguments.uint64(population, "population"), out)
    Error.check(status)
    out.read_uint64
  end
end
