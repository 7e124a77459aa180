# frozen_string_literal: true

module Cxmetrics
  # What an Accumulator and a WeightedAccumulator share: a state on a scale
  # that the library merges, subtracts, formats and parses, and whose
  # statistics it computes, through functions of one shape under two
  # prefixes (cxm_acc_*, cxm_wacc_*). The class includes Owner, OnScale and
  # Encoded too, and sets TEXT_MAX, the bytes its longest text form takes
  # with a NUL; recording and what it counts are its own.
  module State
    def self.included(kind)
      kind.extend(ClassMethods)
      # The kind `other` must be in #merge, #subtract, #compare and #==: the
      # class that includes State, whose subclasses hold the same C type.
      kind.define_method(:kind) { kind }
      kind.send(:private, :kind)
    end

    module ClassMethods
      # From the text form of #to_s; FormatError for anything else.
      def parse(text)
        Arguments.text(text, "text form")
        out = Buffers.out_pointer
        Error.check(Native.public_send(function(:parse), text, text.bytesize, out)) { "text form #{text.inspect}" }
        adopt(out.read_pointer)
      end
    end

    def reset
      Error.check(Native.public_send(function(:reset), handle))
      self
    end

    # self += other (same scale); returns self.
    def merge(other)
      Error.check(Native.public_send(function(:merge), handle, Arguments.handle(other, kind)))
      self
    end

    # self -= other, the exact inverse of merge; returns self.
    def subtract(other)
      Error.check(Native.public_send(function(:subtract), handle, Arguments.handle(other, kind)))
      self
    end

    # New ones: a + b, a - b (a += b rebinds a to a new one).
    def +(other) = dup.merge(other)
    def -(other) = dup.subtract(other)

    def scale
      struct = Native.init(Native::ScaleStruct)
      Error.check(Native.public_send(function(:scale), handle, struct))
      Scale.from_native(struct)
    end

    # Same scale and same state: the encoding is canonical.
    def ==(other)
      other.is_a?(kind) && encode == other.encode
    end

    # Every metric at once (cxm_*_snapshot).
    def snapshot
      out = Native.init(Native::SnapshotStruct)
      Error.check(Native.public_send(function(:snapshot), handle, out))
      Results.snapshot(out)
    end

    # The confidence interval of a quantity (:headline, :positive_share,
    # :negative_share, :net, :mean) by a method, both by the library's
    # names ("-" or "_" alike) or numbers; resolve_method says which methods
    # each kind of state takes.
    def interval(quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::IntervalStruct)
      status = Native.public_send(function(:interval), handle, Arguments.quantity_number(quantity),
                                  Arguments.method_number(method), Arguments.confidence(confidence), out)
      Error.check(status)
      Results.of(Interval, out)
    end

    # self - other for two independent samples.
    def compare(other, quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::ComparisonStruct)
      status = Native.public_send(function(:compare), handle, Arguments.handle(other, kind),
                                  Arguments.quantity_number(quantity), Arguments.method_number(method),
                                  Arguments.confidence(confidence), out)
      Error.check(status)
      Results.of(Comparison, out)
    end

    # The canonical text form (cxm_*_format).
    def to_s
      h = handle
      format = function(:format)
      Buffers.formatted(self.class::TEXT_MAX) do |buf, capacity, written|
        Native.public_send(format, h, buf, capacity, written)
      end
    end

    def inspect
      closed? ? "#<#{self.class} (closed)>" : "#<#{self.class} #{self}>"
    end
  end
  private_constant :State
end
