# frozen_string_literal: true

module Cxmetrics
  UINT64_MAX = (1 << 64) - 1

  # Arguments checked before they reach C, where the ffi gem would truncate
  # 5.7 to 5, wrap a negative count to a huge one, or raise its own
  # RangeError past a parameter's width.
  #
  # One rule for every method of the binding (docs/bindings.md):
  #  - a value of the wrong type (a Float, a String, nil or true where an
  #    Integer belongs; anything but a real number for a confidence, even
  #    "0.95"; anything but an accumulator where one belongs) is a TypeError;
  #  - an Integer beyond what the C parameter holds is refused with the
  #    error the library gives for an invalid value of that argument
  #    (RatingRangeError for a rating, InvalidArgumentError for a quantity, a
  #    method, a preset, a use, a bucket or a capacity, CountOverflowError
  #    for a count past UINT64_MAX);
  #  - nothing is ever replaced by a default.
  module Arguments
    module_function

    INT32 = -(1 << 31)..((1 << 31) - 1)
    INT64 = -(1 << 63)..((1 << 63) - 1)
    UINT32 = 0..0xFFFF_FFFF

    def integer(value, what)
      return value if value.is_a?(Integer)

      raise TypeError, "#{what} #{value.inspect} is not an Integer"
    end

    # An Integer that a C int32_t (or int) parameter holds; else the
    # library's status for an invalid value of that argument.
    # (bit_length < 32 is exactly the int32 range, and the cheapest test.)
    def int32(value, what, status)
      return value if value.is_a?(Integer) && value.bit_length < 32

      integer(value, what)
      raise Error.for(status, "#{what} #{value} is not a 32-bit integer")
    end

    # The hot path of one-at-a-time recording: the common case in one line.
    def rating(value)
      return value if value.is_a?(Integer) && value.bit_length < 32

      int32(value, "rating", RatingRangeError::STATUS)
    end

    def count(value)
      integer(value, "count")
      raise Error.for(InvalidArgumentError::STATUS, "count #{value} is negative") if value.negative?
      raise Error.for(CountOverflowError::STATUS, "count #{value} exceeds UINT64_MAX") if value > UINT64_MAX

      value
    end

    # Records through the library, as Accumulator#add and #remove,
    # Recorder#add and Series#add do: the one-rating function `single`, or,
    # when a count was given (`omitted` false), the count form `counted`
    # with that count (`number`) checked after the other arguments, which
    # the caller checked: the handle, then the rating, or the bucket and the
    # rating (`second`, never nil once checked). Only an omitted count takes
    # the one-rating path, which tests no count; an explicit one, 1.0
    # included, is always checked. Raises the status's error, its detail
    # from the block (built only then). The arguments are spelled out, not
    # splatted: a splat's array cost each call half as much again as the
    # call itself (callers' CPU time, Accumulator#add).
    def record(single, counted, number, omitted, handle, first, second = nil)
      status = if second.nil?
                 omitted ? Native.__send__(single, handle, first) : Native.__send__(counted, handle, first, count(number))
               elsif omitted
                 Native.__send__(single, handle, first, second)
               else
                 Native.__send__(counted, handle, first, second, count(number))
               end
      raise Error.for(status, yield) unless status.zero?
    end

    # A weight, 1 .. 2**32 - 1 in the caller's unit: the library refuses 0
    # with InvalidArgumentError, and the same answer comes from here past
    # uint32 (the ffi gem would wrap 2**32 + 5 to 5).
    def weight(value)
      integer(value, "weight")
      raise Error.for(InvalidArgumentError::STATUS, "weight #{value} is not in 1 .. 2^32 - 1") unless UINT32.cover?(value)

      value
    end

    # A bucket number or head: the library answers InvalidArgumentError past
    # +/-2**62, and the same answer comes from here past int64.
    def bucket(value, what = "bucket")
      integer(value, what)
      raise Error.for(InvalidArgumentError::STATUS, "#{what} #{value} is not a 64-bit integer") unless INT64.cover?(value)

      value
    end

    def capacity(value)
      integer(value, "capacity")
      raise Error.for(InvalidArgumentError::STATUS, "capacity #{value} is out of range") unless UINT32.cover?(value)

      value
    end

    # A real number (Integer, Float, Rational); the library refuses NaN and
    # anything outside (0, 1). A String is not converted. (fdiv turns an
    # Integer past any double into Infinity, as Float() does, but silently.)
    def confidence(value) = real(value, "confidence")

    def text(value, what)
      return value if value.is_a?(String)

      raise TypeError, "#{what} #{value.inspect} is not a String"
    end

    def instance(value, type)
      return value if value.is_a?(type)

      raise TypeError, "#{value.inspect} is not #{indefinite(type.name)}"
    end

    # The noun with its indefinite article: "an Accumulator", "a Series".
    def indefinite(noun) = "#{noun.match?(/\A[aeiou]/i) ? "an" : "a"} #{noun}"

    # The native pointer of an argument of the binding's `type`; TypeError for
    # anything else, ClosedError for a closed one.
    def handle(value, type) = instance(value, type).send(:handle)

    # A method, quantity or headline: its CXM_* number (an int), or its name
    # as the library spells it ("adjusted-wald") or as a Ruby symbol
    # (:adjusted_wald), parsed by the library. A block gives the detail of
    # an unknown name, in place of "unknown <what> <name>".
    def named(value, parser, what, &unknown)
      return int32(value, what, InvalidArgumentError::STATUS) if value.is_a?(Integer)
      raise TypeError, "#{what} #{value.inspect} is not a name (Symbol, String) or an Integer" \
        unless value.is_a?(Symbol) || value.is_a?(String)

      text = value.to_s.tr("_", "-")
      out = FFI::MemoryPointer.new(:int)
      Error.check(Native.public_send(parser, text, text.bytesize, out)) do
        unknown ? unknown.call : "unknown #{what} #{value.inspect}"
      end
      out.read_int
    end

    # A real number for a C double parameter (a half-width, a p-value): an
    # Integer, Float or Rational, never a String; NaN and infinities go to
    # the library, which says what it accepts.
    def real(value, what)
      return value if value.is_a?(Float)
      raise TypeError, "#{what} #{value.inspect} is not a real number" unless value.is_a?(Numeric) && value.real?

      value.fdiv(1)
    end

    def uint64(value, what)
      integer(value, what)
      raise Error.for(InvalidArgumentError::STATUS, "#{what} #{value} is not a 64-bit unsigned integer") \
        unless (0..UINT64_MAX).cover?(value)

      value
    end

    def quantity_number(value) = named(value, :cxm_quantity_parse, "quantity")
    def method_number(value) = named(value, :cxm_method_parse, "method")
  end
  private_constant :Arguments
end
