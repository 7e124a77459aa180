# frozen_string_literal: true

module Cxmetrics
  # An exact histogram of ratings (cxm_acc). Free it with #close, or use
  # Accumulator.open with a block; otherwise the garbage collector frees it.
  #
  # Reads (snapshot, interval, compare, counts, encode, use as a merge source)
  # may run in several threads at once; a call that changes it needs
  # exclusive access, as in C.
  class Accumulator
    include Owner

    FREE = :cxm_acc_free
    CLONE = :cxm_acc_clone

    # A new empty accumulator on a Scale or a preset (:nps, PRESET_NPS).
    def initialize(scale)
      out = Buffers.out_pointer
      Error.check(Native.cxm_acc_new(Scale.coerce(scale).to_native, out))
      own(out.read_pointer)
    end

    # An accumulator placed in Ruby-owned memory (cxm_acc_init): the library
    # allocates nothing for it; the memory goes with this object.
    def self.in_memory(scale)
      scale = Scale.coerce(scale)
      size = scale.footprint
      raw, mem = Buffers.aligned(size)
      out = Buffers.out_pointer
      Error.check(Native.cxm_acc_init(mem, size, scale.to_native, out))
      adopt(out.read_pointer, raw)
    end

    # From #encode's bytes (cxm_acc_decode); FormatError for anything else.
    def self.decode(bytes)
      Arguments.text(bytes, "encoding")
      out = Buffers.out_pointer
      Error.check(Native.cxm_acc_decode(bytes, bytes.bytesize, out))
      adopt(out.read_pointer)
    end

    # From the text form of #to_s, e.g. "nps{0:3,9:10,10:4}" (cxm_acc_parse).
    def self.parse(text)
      Arguments.text(text, "accumulator")
      out = Buffers.out_pointer
      Error.check(Native.cxm_acc_parse(text, text.bytesize, out)) { "accumulator #{text.inspect}" }
      adopt(out.read_pointer)
    end

    # Marshal support through the portable encoding.
    def _dump(_level) = encode
    def self._load(bytes) = decode(bytes)

    # -- recording --

    # Records one rating, or `count` copies of it (cxm_acc_add[_count]).
    # (`omitted` is true only when count is left out: the one-rating path
    # then needs no test of count, and an explicit count, 1.0 included, is
    # always checked. The same in #remove and Series#add.)
    def add(rating, count = (omitted = true; 1))
      status = if omitted
                 Native.cxm_acc_add(handle, Arguments.rating(rating))
               else
                 Native.cxm_acc_add_count(handle, Arguments.rating(rating), Arguments.count(count))
               end
      Error.check(status) { "rating #{rating}" }
      self
    end

    def <<(rating) = add(rating)

    # Records a batch, all or nothing:
    # - a String is taken as bytes, one rating each (0..255), and handed to
    #   cxm_acc_add_many_u8 where it lies, without a copy;
    # - an FFI::Pointer with a type_size of 1 or 4 (an FFI::MemoryPointer of
    #   :uint8 or :int32) goes to cxm_acc_add_many[_u8] where it lies;
    # - any other Enumerable of Integers is packed into int32s first.
    # On RatingRangeError, #index is the position of the first invalid rating.
    def add_many(ratings)
      function, pointer, n = batch(ratings)
      bad = FFI::MemoryPointer.new(:size_t)
      status = Native.public_send(function, handle, pointer, n, bad)
      if status == RatingRangeError::STATUS
        index = bad.read(:size_t)
        raise Error.for(status, "rating at index #{index}", index: index)
      end
      Error.check(status)
      self
    end

    # Removes previously recorded ratings (cxm_acc_remove[_count]).
    def remove(rating, count = (omitted = true; 1))
      status = if omitted
                 Native.cxm_acc_remove(handle, Arguments.rating(rating))
               else
                 Native.cxm_acc_remove_count(handle, Arguments.rating(rating), Arguments.count(count))
               end
      Error.check(status) { "rating #{rating}" }
      self
    end

    def reset
      Error.check(Native.cxm_acc_reset(handle))
      self
    end

    # self += other (same scale); returns self.
    def merge(other)
      Error.check(Native.cxm_acc_merge(handle, Arguments.handle(other, Accumulator)))
      self
    end

    # self -= other, the exact inverse of merge; returns self.
    def subtract(other)
      Error.check(Native.cxm_acc_subtract(handle, Arguments.handle(other, Accumulator)))
      self
    end

    # New accumulators: a + b, a - b (a += b rebinds a to a new one).
    def +(other) = dup.merge(other)
    def -(other) = dup.subtract(other)

    # -- reading --

    def scale
      struct = Native.init(Native::ScaleStruct)
      Error.check(Native.cxm_acc_scale(handle, struct))
      Scale.from_native(struct)
    end

    def total
      out = FFI::MemoryPointer.new(:uint64)
      Error.check(Native.cxm_acc_total(handle, out))
      out.read_uint64
    end

    # How many times `rating` is recorded.
    def count(rating)
      out = FFI::MemoryPointer.new(:uint64)
      Error.check(Native.cxm_acc_count(handle, Arguments.rating(rating), out)) { "rating #{rating}" }
      out.read_uint64
    end

    # Yields every rating of the scale, in order, with its count (zero
    # included); an Enumerator without a block.
    def each_count
      return enum_for(:each_count) unless block_given?

      range = scale.ratings
      out = FFI::MemoryPointer.new(:uint64, range.size)
      Error.check(Native.cxm_acc_counts(handle, out, range.size))
      range.zip(out.read_array_of_uint64(range.size)) { |rating, count| yield rating, count }
      self
    end

    # {rating => count} for every rating of the scale.
    def counts = each_count.to_h

    def ==(other)
      other.is_a?(Accumulator) && scale == other.scale && counts == other.counts
    end

    def snapshot
      out = Native.init(Native::SnapshotStruct)
      Error.check(Native.cxm_acc_snapshot(handle, out))
      Results.snapshot(out)
    end

    # The confidence interval of a quantity (:headline, :positive_share,
    # :negative_share, :net, :mean) by a method (:default, :wilson,
    # :wilson_cc, :agresti_coull, :clopper_pearson, :wald, :adjusted_wald,
    # :score, :t, :jeffreys); names are the library's, "-" or "_" alike.
    def interval(quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::IntervalStruct)
      status = Native.cxm_acc_interval(handle, Arguments.quantity_number(quantity),
                                       Arguments.method_number(method),
                                       Arguments.confidence(confidence), out)
      Error.check(status)
      Results.of(Interval, out)
    end

    # self - other for two independent samples.
    def compare(other, quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::ComparisonStruct)
      status = Native.cxm_acc_compare(handle, Arguments.handle(other, Accumulator),
                                      Arguments.quantity_number(quantity),
                                      Arguments.method_number(method),
                                      Arguments.confidence(confidence), out)
      Error.check(status)
      Results.of(Comparison, out)
    end

    # The portable bytes of scale and counts (cxm_acc_encode), a binary String.
    def encode = Buffers.encoded(handle, :cxm_acc_encoded_size, :cxm_acc_encode)

    # The canonical text form, e.g. "nps{0:3,6:1,9:10,10:4}" (cxm_acc_format).
    def to_s
      h = handle
      Buffers.formatted { |buf, capacity, written| Native.cxm_acc_format(h, buf, capacity, written) }
    end

    def inspect
      closed? ? "#<#{self.class} (closed)>" : "#<#{self.class} #{self}>"
    end

    private

    # [function, pointer, n] over the caller's memory where there is some.
    def batch(ratings)
      case ratings
      when String
        [:cxm_acc_add_many_u8, ratings, ratings.bytesize]
      when FFI::Pointer
        pointer_batch(ratings)
      when Enumerable
        packed_batch(ratings.to_a)
      else
        raise TypeError, "a batch #{ratings.inspect} is not a String, an FFI::Pointer or an Enumerable"
      end
    end

    # Only a pointer that knows its size (a MemoryPointer, a slice): the
    # batch length comes from it.
    def pointer_batch(pointer)
      raise TypeError, "a batch pointer must know its size (FFI::MemoryPointer, #slice)" unless pointer.size_limit?

      case pointer.type_size
      when 1 then [:cxm_acc_add_many_u8, pointer, pointer.size]
      when 4 then [:cxm_acc_add_many, pointer, pointer.size / 4]
      else raise TypeError, "a batch pointer holds uint8 or int32 (type_size #{pointer.type_size})"
      end
    end

    def packed_batch(values)
      values.each_with_index do |value, index|
        next if value.is_a?(Integer) && value.bit_length < 32
        raise TypeError, "rating #{value.inspect} at index #{index} is not an Integer" unless value.is_a?(Integer)

        raise Error.for(RatingRangeError::STATUS, "rating at index #{index}", index: index)
      end
      [:cxm_acc_add_many, values.pack("l*"), values.size]
    end
  end
end
