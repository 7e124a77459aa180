# frozen_string_literal: true

module Cxmetrics
  # A ring of accumulators indexed by bucket numbers the caller chooses (days,
  # ISO weeks, hours since an epoch): it retains the `capacity` buckets
  # (head - capacity, head]. Free it with #close or Series.open with a block;
  # otherwise the garbage collector frees it.
  class Series
    include Owner
    include Encoded

    FUNCTIONS = Owner.functions(:cxm_series)

    def initialize(scale, capacity:, head:)
      out = Buffers.out_pointer
      status = Native.cxm_series_new(Scale.coerce(scale).to_native, Arguments.capacity(capacity),
                                     Arguments.bucket(head, "head"), out)
      Error.check(status)
      own(out.read_pointer)
    end

    # Bytes a series of this scale and capacity occupies (cxm_series_footprint).
    def self.footprint(scale, capacity)
      scale = Scale.coerce(scale)
      size = Native.cxm_series_footprint(scale.to_native, Arguments.capacity(capacity))
      if size.zero?
        scale.check
        raise Error.for(InvalidArgumentError::STATUS, "capacity #{capacity}")
      end
      size
    end

    # A series in Ruby-owned memory (cxm_series_init).
    def self.in_memory(scale, capacity:, head:)
      scale = Scale.coerce(scale)
      size = footprint(scale, capacity)
      raw, mem = Buffers.aligned(size)
      out = Buffers.out_pointer
      Error.check(Native.cxm_series_init(mem, size, scale.to_native, capacity,
                                         Arguments.bucket(head, "head"), out))
      adopt(out.read_pointer, raw)
    end

    def scale
      struct = Native.init(Native::ScaleStruct)
      Error.check(Native.cxm_series_scale(handle, struct))
      Scale.from_native(struct)
    end

    def capacity
      out = FFI::MemoryPointer.new(:uint32)
      Error.check(Native.cxm_series_capacity(handle, out))
      out.read_uint32
    end

    def head
      out = FFI::MemoryPointer.new(:int64)
      Error.check(Native.cxm_series_head(handle, out))
      out.read_int64
    end

    # The buckets retained, oldest first.
    def buckets
      last = head
      (last - capacity + 1)..last
    end

    # Moves the head forward (a head at or before the current one is a no-op).
    def advance(head)
      Error.check(Native.cxm_series_advance(handle, Arguments.bucket(head, "head")))
      self
    end

    def add(bucket, rating, count = (omitted = true; 1))
      Arguments.record(:cxm_series_add, :cxm_series_add_count, count, omitted, handle, Arguments.bucket(bucket),
                       Arguments.rating(rating)) { "bucket #{bucket}, rating #{rating}" }
      self
    end

    def remove(bucket, rating, count = 1)
      status = Native.cxm_series_remove_count(handle, Arguments.bucket(bucket), Arguments.rating(rating),
                                              Arguments.count(count))
      Error.check(status) { "bucket #{bucket}, rating #{rating}" }
      self
    end

    # Adds every count of an accumulator to a bucket (cxm_series_add_acc).
    def add_accumulator(bucket, accumulator)
      status = Native.cxm_series_add_acc(handle, Arguments.bucket(bucket),
                                         Arguments.handle(accumulator, Accumulator))
      Error.check(status) { "bucket #{bucket}" }
      self
    end

    # The buckets of a Range summed (cxm_series_sum): into a new accumulator,
    # or added to `into:`, which is returned.
    def sum(buckets, into: nil)
      raise TypeError, "#{buckets.inspect} is not a Range of bucket numbers" unless buckets.is_a?(Range)

      first = Arguments.bucket(buckets.begin)
      last = Arguments.bucket(buckets.end)
      last -= 1 if buckets.exclude_end?
      target = into.nil? ? Accumulator.new(scale) : Arguments.instance(into, Accumulator)
      status = Native.cxm_series_sum(handle, first, Arguments.bucket(last), Arguments.handle(target, Accumulator))
      Error.check(status) { "buckets #{first}..#{last}" }
      target
    end

    # One bucket as a new accumulator.
    def [](bucket) = sum(bucket..bucket)

    # Yields each retained bucket number with its accumulator, oldest first;
    # an Enumerator without a block.
    def each_bucket
      return enum_for(:each_bucket) unless block_given?

      buckets.each { |bucket| yield bucket, self[bucket] }
      self
    end

    # self += other bucket by bucket (cxm_series_merge); returns self.
    def merge(other)
      Error.check(Native.cxm_series_merge(handle, Arguments.handle(other, Series)))
      self
    end

    def inspect
      closed? ? "#<#{self.class} (closed)>" : "#<#{self.class} #{scale} buckets=#{buckets}>"
    end
  end
end
