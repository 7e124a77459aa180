# frozen_string_literal: true

module Cxmetrics
  # The p-values of many comparisons adjusted at once, exactly as R's
  # p.adjust (cxm_adjust_p): `method` is :bonferroni, :holm, :hochberg, :bh
  # (Benjamini-Hochberg) or :by (Benjamini-Yekutieli), as the library names
  # them, or an ADJUST_* number. Returns a new Array of Floats in the order
  # given; NaN stays NaN and does not count. InvalidArgumentError for a
  # p-value outside [0, 1] or an unknown method; TypeError for anything but
  # real numbers.
  def self.adjust_p(p_values, method)
    code = Arguments.named(method, :cxm_adjust_parse, "adjustment")
    raise TypeError, "p-values #{p_values.inspect} are not an Enumerable of numbers" unless p_values.is_a?(Enumerable)

    values = p_values.each_with_index.map { |p, i| Arguments.real(p, "the p-value at index #{i}") }
    buffer = FFI::MemoryPointer.new(:double, [values.size, 1].max).put_array_of_double(0, values)
    Error.check(Native.cxm_adjust_p(buffer, values.size, code, buffer)) { "method #{method.inspect}" }
    buffer.read_array_of_double(values.size)
  end

  # The library's name of an ADJUST_* number (:bh), nil if it names none.
  def self.adjust_name(number) = Names.name_of(number, :cxm_adjust_name)

  # The ADJUST_* number of a name (:holm, "bh"); InvalidArgumentError if unknown.
  def self.adjust_number(name) = Arguments.named(name, :cxm_adjust_parse, "adjustment")
end
