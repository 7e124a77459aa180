# frozen_string_literal: true

module Cxmetrics
  # A frozen value object from a C struct: the members named like its fields.
  def self.value_class(*members, &block)
    Struct.new(*members, keyword_init: true) do
      define_method(:initialize) do |**fields|
        super(**fields)
        freeze
      end
      class_eval(&block) if block
    end
  end
  private_class_method :value_class

  # Every metric at once (cxm_snapshot). Shares in percentage points; NaN
  # where a number is undefined (n = 0; stddev and a mean's interval for
  # n = 1). headline is the scale's HEADLINE_* number. weight_total and
  # n_effective (since 1.2) are a weighted accumulator's sum of weights and
  # Kish's effective sample size, and n (as a Float) for an accumulator.
  Snapshot = value_class(:headline, :n, :positive, :neutral, :negative, :positive_share,
                         :negative_share, :net, :mean, :stddev, :score, :score_low, :score_high,
                         :weight_total, :n_effective)

  # One rating's sums in a weighted accumulator, or their totals
  # (cxm_wacc_cell, cxm_wacc_totals): the responses, the sum of their weights
  # and the sum of their squared weights (below 2**96), all Integers.
  Cell = value_class(:count, :weight, :squares)

  # A confidence interval (cxm_interval); quantity and method as resolved, as
  # symbols (:net, :adjusted_wald).
  Interval = value_class(:quantity, :method, :confidence, :estimate, :se, :low, :high) do
    def to_range = low..high
  end

  # a - b (cxm_comparison): df is Float::INFINITY for z tests; p_value two-sided.
  Comparison = value_class(:quantity, :method, :confidence, :difference, :se, :statistic,
                           :df, :p_value, :low, :high) do
    def to_range = low..high
  end

  # The value objects of the C structs.
  module Results
    module_function

    def snapshot(struct) = Snapshot.new(**Snapshot.members.to_h { |m| [m, struct[m]] })

    # An Interval or Comparison from its struct, names resolved by the library.
    def of(value_class, struct)
      fields = value_class.members.to_h { |m| [m, struct[m]] }
      fields[:quantity] = Names.resolved(struct[:quantity], :cxm_quantity_name)
      fields[:method] = Names.resolved(struct[:method], :cxm_method_name)
      value_class.new(**fields)
    end
  end
  private_constant :Results
end
