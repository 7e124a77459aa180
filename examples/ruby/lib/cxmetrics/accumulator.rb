# frozen_string_literal: true

module Cxmetrics
  # An exact histogram of ratings (cxm_acc). Free it with #close, or use
  # Accumulator.open with a block; otherwise the garbage collector frees it.
  #
  # Creating (new, open, in_memory, footprint, decode, parse, dup), merging
  # and subtracting (also a + b, a - b), the statistics (snapshot, interval
  # and compare by :default, :wilson, :wilson_cc, :agresti_coull,
  # :clopper_pearson, :wald, :adjusted_wald, :score, :t or :jeffreys), the
  # encoding (also Marshal) and the text form ("nps{0:3,6:1,9:10,10:4}") are
  # shared with WeightedAccumulator (State, OnScale, Encoded, Owner);
  # recording and the counts are its own.
  #
  # Reads (snapshot, interval, compare, counts, encode, use as a merge source)
  # may run in several threads at once; a call that changes it needs
  # exclusive access, as in C.
  class Accumulator
    include Owner
    include OnScale
    include Encoded
    include State

    FUNCTIONS = Owner.functions(:cxm_acc)
    TEXT_MAX = Cxmetrics::TEXT_MAX

    # -- recording --

    # Records one rating, or `count` copies of it (cxm_acc_add[_count]).
    # (`omitted` is true only when count is left out: Arguments.record.)
    def add(rating, count = (omitted = true; 1))
      Arguments.record(:cxm_acc_add, :cxm_acc_add_count, count, omitted, handle, Arguments.rating(rating)) do
        "rating #{rating}"
      end
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
      Arguments.record(:cxm_acc_remove, :cxm_acc_remove_count, count, omitted, handle, Arguments.rating(rating)) do
        "rating #{rating}"
      end
      self
    end

    # -- counts --

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
