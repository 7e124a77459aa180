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
    code = adjust_number(method)
    raise TypeError, "p-values #{p_values.inspect} are not an Enumerable of numbers" unless p_values.is_a?(Enumerable)

    values = p_values.each_with_index.map { |p, i| Arguments.real(p, "the p-value at index #{i}") }
    buffer = FFI::MemoryPointer.new(:double, [values.size, 1].max).put_array_of_double(0, values)
    status = Native.cxm_adjust_p(buffer, values.size, code, buffer)
    Error.check(status) { Adjust.refusal(values, method, code) if status == InvalidArgumentError::STATUS }
    buffer.read_array_of_double(values.size)
  end

  # The library's name of an ADJUST_* number (:bh), nil if it names none.
  def self.adjust_name(number) = Names.name_of(number, :cxm_adjust_name)

  # The ADJUST_* number of a name (:holm, "bh"); InvalidArgumentError if
  # unknown, naming the methods the library knows.
  def self.adjust_number(name)
    Arguments.named(name, :cxm_adjust_parse, "adjustment") { Adjust.unknown(name) }
  end

  # The details of what cxm_adjust_p refused.
  module Adjust
    module_function

    # A method the library does not know, with those it does (CXM_ADJUST_*
    # count from 1).
    def unknown(method)
      names = (1..).lazy.map { |number| Cxmetrics.adjust_name(number) }.take_while(&:itself).to_a
      "unknown method #{method.inspect}; valid: #{names.join(", ")}"
    end

    # The method, or the first p-value outside [0, 1] that is not NaN (NaN
    # is a p-value the library keeps as it is).
    def refusal(values, method, code)
      return unknown(method) unless Cxmetrics.adjust_name(code)

      index = values.index { |p| !p.nan? && !p.between?(0.0, 1.0) }
      "the p-value at index #{index} is #{values[index]}, outside [0, 1]"
    end
  end
  private_constant :Adjust
end
