# frozen_string_literal: true

# cxmetrics from Ruby through the ffi gem (Debian: ruby-ffi): no compiled
# glue of our own, one file.
#
#   require_relative "cxmetrics"
#   Cxmetrics::Accumulator.open(:nps) do |acc|
#     acc.add_many([10, 9, 9, 8, 7, 10, 3, 9, 6, 10])
#     snap = acc.snapshot
#     puts format("NPS %.1f (%.1f to %.1f)", snap.score, snap.score_low, snap.score_high)
#   end
#
# Every function of include/cxmetrics.h is attached below with its exact
# types; the structs are mirrored field for field, each starting with its
# `size`; every non-OK status raises a Cxmetrics::Error subclass; each native
# object is owned by one Ruby object that frees it exactly once, at #close
# (or the end of an .open block) or else when the garbage collector finalizes
# it. Names of scales, methods and quantities and the text forms come from the
# library itself: this file keeps no table of its own.
#
# The library is $CXM_LIBRARY if set, else libcxmetrics.so.1 through the
# system loader (LD_LIBRARY_PATH, ld.so.cache).

require "ffi"

module Cxmetrics
  ABI_MAJOR = 1 # the SONAME number this file is written for

  # ---- constants: the values of include/cxmetrics.h -------------------------

  HEADLINE_POSITIVE_SHARE = 1
  HEADLINE_NET = 2
  HEADLINE_MEAN = 3

  PRESET_CSAT_5 = 1
  PRESET_CSAT_3 = 2
  PRESET_CSAT_10 = 3
  PRESET_CSAT_BINARY = 4
  PRESET_NPS = 5
  PRESET_CES_7 = 6
  PRESET_CES_5 = 7
  PRESET_NET_EASY_7 = 8

  QUANTITY_HEADLINE = 0
  QUANTITY_POSITIVE_SHARE = 1
  QUANTITY_NEGATIVE_SHARE = 2
  QUANTITY_NET = 3
  QUANTITY_MEAN = 4

  METHOD_DEFAULT = 0
  METHOD_WILSON = 1
  METHOD_WILSON_CC = 2
  METHOD_AGRESTI_COULL = 3
  METHOD_CLOPPER_PEARSON = 4
  METHOD_WALD = 5
  METHOD_ADJUSTED_WALD = 6
  METHOD_SCORE = 7
  METHOD_T = 8

  TEXT_MAX = 4096
  ENCODED_MAX = 1046
  SERIES_MAX_CAPACITY = 1_048_576
  SERIES_BUCKET_LIMIT = 1 << 62

  UINT64_MAX = (1 << 64) - 1
  ALIGNMENT = 16 # alignof(max_align_t) on the platforms the library builds for

  # ---- the C side, declared exactly ------------------------------------------

  # The structs, field for field; `size` is set to FFI's size of each, which
  # is the C sizeof on every ABI the library supports.
  module Native
    extend FFI::Library
    ffi_lib ENV.fetch("CXM_LIBRARY", "libcxmetrics.so.#{ABI_MAJOR}")

    class ScaleStruct < FFI::Struct
      layout :size, :uint32, :min, :int32, :max, :int32,
             :positive_min, :int32, :positive_max, :int32,
             :negative_min, :int32, :negative_max, :int32, :headline, :int32
    end

    class SnapshotStruct < FFI::Struct
      layout :size, :uint32, :headline, :int32,
             :n, :uint64, :positive, :uint64, :neutral, :uint64, :negative, :uint64,
             :positive_share, :double, :negative_share, :double, :net, :double,
             :mean, :double, :stddev, :double,
             :score, :double, :score_low, :double, :score_high, :double
    end

    class IntervalStruct < FFI::Struct
      layout :size, :uint32, :quantity, :int32, :method, :int32, :confidence, :double,
             :estimate, :double, :se, :double, :low, :double, :high, :double
    end

    class ComparisonStruct < FFI::Struct
      layout :size, :uint32, :quantity, :int32, :method, :int32, :confidence, :double,
             :difference, :double, :se, :double, :statistic, :double, :df, :double,
             :p_value, :double, :low, :double, :high, :double
    end

    # A zeroed struct with its size set, as the CXM_*_INIT macros do.
    def self.init(struct_class)
      struct = struct_class.new
      struct[:size] = struct_class.size
      struct
    end

    S = ScaleStruct.by_ref
    # name => [argument types, result type]; batches are `blocking` so that
    # Ruby releases the GVL for them and threads run in parallel.
    FUNCTIONS = {
      cxm_version_number: [[], :uint32],
      cxm_version_string: [[], :string],
      cxm_status_name: [[:int], :string],
      cxm_status_message: [[:int], :string],
      cxm_scale_preset: [[:int, S], :int],
      cxm_scale_check: [[S], :int],
      cxm_scale_equal: [[S, S], :int],
      cxm_acc_new: [[S, :pointer], :int],
      cxm_acc_free: [[:pointer], :void],
      cxm_acc_clone: [%i[pointer pointer], :int],
      cxm_acc_reset: [[:pointer], :int],
      cxm_acc_scale: [[:pointer, S], :int],
      cxm_acc_footprint: [[S], :size_t],
      cxm_acc_init: [[:pointer, :size_t, S, :pointer], :int],
      cxm_acc_add: [%i[pointer int32], :int],
      cxm_acc_add_count: [%i[pointer int32 uint64], :int],
      cxm_acc_add_many: [%i[pointer pointer size_t pointer], :int, true],
      cxm_acc_add_many_u8: [%i[pointer pointer size_t pointer], :int, true],
      cxm_acc_remove: [%i[pointer int32], :int],
      cxm_acc_remove_count: [%i[pointer int32 uint64], :int],
      cxm_acc_merge: [%i[pointer pointer], :int],
      cxm_acc_subtract: [%i[pointer pointer], :int],
      cxm_acc_total: [%i[pointer pointer], :int],
      cxm_acc_count: [%i[pointer int32 pointer], :int],
      cxm_acc_counts: [%i[pointer pointer size_t], :int],
      cxm_acc_snapshot: [[:pointer, SnapshotStruct.by_ref], :int],
      cxm_method_name: [[:int], :string],
      cxm_method_parse: [%i[pointer size_t pointer], :int],
      cxm_quantity_name: [[:int], :string],
      cxm_quantity_parse: [%i[pointer size_t pointer], :int],
      cxm_headline_name: [[:int], :string],
      cxm_headline_parse: [%i[pointer size_t pointer], :int],
      cxm_acc_interval: [[:pointer, :int, :int, :double, IntervalStruct.by_ref], :int],
      cxm_acc_compare: [[:pointer, :pointer, :int, :int, :double, ComparisonStruct.by_ref], :int],
      cxm_acc_encoded_size: [%i[pointer pointer], :int],
      cxm_acc_encode: [%i[pointer pointer size_t pointer], :int],
      cxm_acc_decode: [%i[pointer size_t pointer], :int],
      cxm_scale_parse: [[:pointer, :size_t, S], :int],
      cxm_scale_format: [[S, :pointer, :size_t, :pointer], :int],
      cxm_acc_format: [%i[pointer pointer size_t pointer], :int],
      cxm_acc_parse: [%i[pointer size_t pointer], :int],
      cxm_series_new: [[S, :uint32, :int64, :pointer], :int],
      cxm_series_footprint: [[S, :uint32], :size_t],
      cxm_series_init: [[:pointer, :size_t, S, :uint32, :int64, :pointer], :int],
      cxm_series_free: [[:pointer], :void],
      cxm_series_clone: [%i[pointer pointer], :int],
      cxm_series_scale: [[:pointer, S], :int],
      cxm_series_capacity: [%i[pointer pointer], :int],
      cxm_series_head: [%i[pointer pointer], :int],
      cxm_series_advance: [%i[pointer int64], :int],
      cxm_series_add: [%i[pointer int64 int32], :int],
      cxm_series_add_count: [%i[pointer int64 int32 uint64], :int],
      cxm_series_remove_count: [%i[pointer int64 int32 uint64], :int],
      cxm_series_add_acc: [%i[pointer int64 pointer], :int],
      cxm_series_sum: [%i[pointer int64 int64 pointer], :int],
      cxm_series_merge: [%i[pointer pointer], :int],
      cxm_series_encoded_size: [%i[pointer pointer], :int],
      cxm_series_encode: [%i[pointer pointer size_t pointer], :int],
      cxm_series_decode: [%i[pointer size_t pointer], :int]
    }.freeze

    FUNCTIONS.each do |name, (args, result, blocking)|
      attach_function name, args, result, blocking: blocking || false
    end

    major = cxm_version_number / 10_000
    unless major == ABI_MAJOR
      raise LoadError, "#{ffi_libraries.first.name} is libcxmetrics ABI #{major}, " \
                       "cxmetrics.rb needs #{ABI_MAJOR}"
    end
  end

  # ---- errors ----------------------------------------------------------------

  # A non-OK status of the library. #status (alias #code) is the CXM_ERR_*
  # number, #status_name its name ("CXM_ERR_RANGE"), #status_message the
  # library's sentence; #index is the first invalid position of a batch.
  class Error < StandardError
    attr_reader :status, :status_name, :status_message, :index
    alias code status

    def initialize(status, detail = nil, index: nil)
      @status = status
      @status_name = Native.cxm_status_name(status)
      @status_message = Native.cxm_status_message(status)
      @index = index
      text = "#{@status_name}: #{@status_message.chomp('.')}"
      super(detail ? "#{text} (#{detail})" : text)
    end

    # The exception for a status: its own class, or Error for a value the
    # library does not define.
    def self.for(status, detail = nil, index: nil)
      BY_STATUS.fetch(status, Error).new(status, detail, index: index)
    end
  end

  # One class per status. Names avoid Ruby's core RangeError, ArgumentError
  # and NoMemoryError so that a bare `rescue RangeError` inside an
  # application's code still means what Ruby says it means.
  class NullError < Error; STATUS = -1; end
  class ScaleError < Error; STATUS = -2; end
  class RatingRangeError < Error; STATUS = -3; end
  class OutOfMemoryError < Error; STATUS = -4; end
  class CountOverflowError < Error; STATUS = -5; end
  class AbsentError < Error; STATUS = -6; end
  class MismatchError < Error; STATUS = -7; end
  class SizeError < Error; STATUS = -8; end
  class FormatError < Error; STATUS = -9; end
  class InvalidArgumentError < Error; STATUS = -10; end
  class EmptyError < Error; STATUS = -11; end
  class WindowError < Error; STATUS = -12; end

  Error::BY_STATUS = Error.subclasses.to_h { |cls| [cls::STATUS, cls] }.freeze

  # Raised by any call on an accumulator or series after #close, as IO does.
  class ClosedError < IOError; end

  # ---- conversions shared by every class -----------------------------------

  module Convert
    module_function

    # Raises the status's error unless it is CXM_OK; the block, if any,
    # gives the detail, so hot paths build no string when nothing failed.
    def check(status)
      raise Error.for(status, block_given? ? yield : nil) unless status.zero?
    end

    # FFI would truncate 5.7 to 5 and raise Ruby's RangeError beyond int32.
    # (bit_length < 32 is exactly the int32 range, and the cheapest test.)
    def rating(value)
      return value if value.is_a?(Integer) && value.bit_length < 32
      raise TypeError, "rating #{value.inspect} is not an Integer" unless value.is_a?(Integer)

      raise Error.for(RatingRangeError::STATUS, "rating #{value} is not a 32-bit integer")
    end

    # FFI would wrap a negative count to a huge one without a word.
    def count(value)
      raise TypeError, "count #{value.inspect} is not an Integer" unless value.is_a?(Integer)
      raise Error.for(InvalidArgumentError::STATUS, "count #{value} is negative") if value.negative?
      raise Error.for(CountOverflowError::STATUS, "count #{value} exceeds UINT64_MAX") if value > UINT64_MAX

      value
    end

    def bucket(value)
      raise TypeError, "bucket #{value.inspect} is not an Integer" unless value.is_a?(Integer)
      unless value.abs <= SERIES_BUCKET_LIMIT
        raise Error.for(InvalidArgumentError::STATUS, "bucket #{value} beyond +/-2**62")
      end

      value
    end

    def capacity(value)
      raise TypeError, "capacity #{value.inspect} is not an Integer" unless value.is_a?(Integer)
      unless (0..0xFFFF_FFFF).cover?(value)
        raise Error.for(InvalidArgumentError::STATUS, "capacity #{value} is not a uint32")
      end

      value
    end

    # A method or quantity: its CXM_* number, or its name as the library
    # spells it ("adjusted-wald") or as a Ruby symbol (:adjusted_wald).
    def named(value, parser, what)
      return value if value.is_a?(Integer)

      text = value.to_s.tr("_", "-")
      out = FFI::MemoryPointer.new(:int)
      status = Native.public_send(parser, text, text.bytesize, out)
      check(status) { "unknown #{what} #{value.inspect}" }
      out.read_int
    end

    # The library's name of a resolved method or quantity, as a symbol.
    def name_of(number, namer)
      name = Native.public_send(namer, number)
      name ? name.tr("-", "_").to_sym : number
    end

    # An Interval or Comparison from its struct, names resolved by the library.
    def result(value_class, struct)
      fields = value_class.members.to_h { |m| [m, struct[m]] }
      fields[:quantity] = name_of(struct[:quantity], :cxm_quantity_name)
      fields[:method] = name_of(struct[:method], :cxm_method_name)
      value_class.new(**fields)
    end

    def out_pointer
      FFI::MemoryPointer.new(:pointer)
    end

    # Text written by a cxm_*_format call into a TEXT_MAX buffer.
    def formatted
      buf = FFI::MemoryPointer.new(:char, TEXT_MAX)
      written = FFI::MemoryPointer.new(:size_t)
      check(yield(buf, written))
      buf.read_bytes(written.read(:size_t)).force_encoding(Encoding::US_ASCII)
    end

    # Bytes written by a cxm_*_encode call, sized by its encoded_size.
    def encoded(handle, sizer, encoder)
      size = FFI::MemoryPointer.new(:size_t)
      check(Native.public_send(sizer, handle, size))
      n = size.read(:size_t)
      buf = FFI::MemoryPointer.new(:uint8, [n, 1].max)
      check(Native.public_send(encoder, handle, buf, n, size))
      buf.read_bytes(size.read(:size_t))
    end

    # Memory aligned for cxm_acc_init / cxm_series_init: [MemoryPointer
    # (keep it alive), aligned pointer into it].
    def aligned(size)
      raw = FFI::MemoryPointer.new(:uint8, size + ALIGNMENT)
      [raw, raw + (-raw.address % ALIGNMENT)]
    end
  end
  private_constant :Convert

  # ---- results ----------------------------------------------------------------

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
  # n = 1). headline is the scale's HEADLINE_* number.
  Snapshot = value_class(:headline, :n, :positive, :neutral, :negative, :positive_share,
                         :negative_share, :net, :mean, :stddev, :score, :score_low, :score_high)

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

  # ---- scales ------------------------------------------------------------------

  # A rating scale (cxm_scale): the valid ratings, a positive and a negative
  # band (inclusive Integer ranges), and the headline (HEADLINE_*). Frozen.
  class Scale
    attr_reader :ratings, :positive, :negative, :headline

    def initialize(ratings:, positive:, negative:, headline:)
      @ratings, @positive, @negative = [ratings, positive, negative].map { |r| band(r) }
      raise TypeError, "headline #{headline.inspect} is not an Integer" unless headline.is_a?(Integer)

      @headline = headline
      @native = native_struct
      freeze
    end

    # A preset: its CXM_PRESET_* number, or its name in the library's text
    # form (:nps, :csat5, "ces7", :neteasy7; aliases :csat and :ces).
    def self.preset(preset)
      return parse(preset.to_s) unless preset.is_a?(Integer)

      struct = Native.init(Native::ScaleStruct)
      Convert.check(Native.cxm_scale_preset(preset, struct)) { "preset #{preset}" }
      from_native(struct)
    end

    # The library's text form: a preset name or "MIN..MAX/PMIN..PMAX/NMIN..NMAX/HEADLINE".
    def self.parse(text)
      text = String(text)
      struct = Native.init(Native::ScaleStruct)
      Convert.check(Native.cxm_scale_parse(text, text.bytesize, struct)) { "scale #{text.inspect}" }
      from_native(struct)
    end

    # Scale.preset for a name or number, the scale itself for a Scale.
    def self.coerce(value)
      value.is_a?(Scale) ? value : preset(value)
    end

    def self.from_native(s)
      new(ratings: s[:min]..s[:max], positive: s[:positive_min]..s[:positive_max],
          negative: s[:negative_min]..s[:negative_max], headline: s[:headline])
    end

    def min = ratings.begin
    def max = ratings.end
    def span = max - min + 1

    # The cxm_scale, made once: a Scale is frozen, and the library only reads it.
    def to_native = @native

    # Raises ScaleError if the scale is invalid; returns self otherwise.
    def check
      Convert.check(Native.cxm_scale_check(to_native))
      self
    end

    def valid?
      Native.cxm_scale_check(to_native).zero?
    end

    # The canonical text form ("nps", "-3..3/2..3/-3..-2/net").
    def to_s
      native = to_native
      Convert.formatted { |buf, written| Native.cxm_scale_format(native, buf, TEXT_MAX, written) }
    end

    def inspect
      "#<#{self.class} #{valid? ? to_s : fields.inspect}>"
    rescue Error
      "#<#{self.class} #{fields.inspect}>"
    end

    # The library's rule (cxm_scale_equal): every field equal.
    def ==(other)
      other.is_a?(Scale) && Native.cxm_scale_equal(to_native, other.to_native) == 1
    end
    alias eql? ==

    def hash = fields.hash

    # Bytes an accumulator on this scale occupies (cxm_acc_footprint).
    def footprint
      size = Native.cxm_acc_footprint(to_native)
      check if size.zero? # raises the reason
      size
    end

    private

    FIELDS = %i[min max positive_min positive_max negative_min negative_max headline].freeze

    def fields = [min, max, positive.begin, positive.end, negative.begin, negative.end, headline]

    def native_struct
      struct = Native.init(Native::ScaleStruct)
      FIELDS.zip(fields) { |field, value| struct[field] = value }
      struct
    end

    # Scale fields are int32; anything else can only be an invalid scale.
    def band(range)
      raise TypeError, "#{range.inspect} is not a Range" unless range.is_a?(Range)

      first = range.begin
      last = range.exclude_end? && range.end.is_a?(Integer) ? range.end - 1 : range.end
      unless [first, last].all? { |v| v.is_a?(Integer) && v.bit_length < 32 }
        raise Error.for(ScaleError::STATUS, "#{range.inspect} is not a range of 32-bit integers")
      end

      first..last
    end
  end

  # ---- native ownership ---------------------------------------------------------

  # Owns one native object and frees it exactly once: at #close (or the end
  # of an .open block) or else when the garbage collector finalizes the
  # owner. The finalizer is a Releaser that holds the pointer, never the
  # owner (a finalizer that referenced its object would keep it alive
  # forever). ObjectSpace.define_finalizer is used rather than
  # FFI::AutoPointer because it costs less than half as much per object (1.4
  # against 3.1 us of CPU here), which matters for code that makes an
  # accumulator per request. An object in Ruby-owned memory (in_memory) has no finalizer:
  # its MemoryPointer is freed by its own, and the library frees nothing.
  module Owner
    Releaser = Struct.new(:function, :pointer) do
      def call(_object_id) = Native.public_send(function, pointer)
    end

    def close
      return nil unless @handle

      ObjectSpace.undefine_finalizer(self)
      Native.public_send(self.class::FREE, @handle) unless @memory
      @memory&.free
      @handle = @memory = nil
    end

    def closed? = @handle.nil?

    private

    # dup and clone copy the source's finalizer to the copy (Ruby's
    # init_copy does), which would free the source's pointer a second time:
    # every owner starts without one.
    def own(pointer, memory = nil)
      ObjectSpace.undefine_finalizer(self)
      @handle = pointer
      @memory = memory
      ObjectSpace.define_finalizer(self, Releaser.new(self.class::FREE, pointer)) unless memory
    end

    def handle
      @handle or raise ClosedError, "#{self.class} is closed"
    end
  end
  private_constant :Owner

  # ---- the accumulator ------------------------------------------------------------

  # An exact histogram of ratings (cxm_acc). Free it with #close, or use
  # Accumulator.open with a block; otherwise the garbage collector frees it.
  #
  # Reads (snapshot, interval, compare, counts, encode, use as a merge source)
  # may run in several threads at once; a call that changes it needs
  # exclusive access, as in C.
  class Accumulator
    include Owner

    FREE = :cxm_acc_free

    # A new empty accumulator on a Scale or a preset (:nps, PRESET_NPS).
    def initialize(scale)
      out = Convert.out_pointer
      Convert.check(Native.cxm_acc_new(Scale.coerce(scale).to_native, out))
      own(out.read_pointer)
    end

    # Accumulator.new(scale), yielded to the block and closed when it ends;
    # returns the block's value. Without a block, the same as new.
    def self.open(scale)
      acc = new(scale)
      return acc unless block_given?

      begin
        yield acc
      ensure
        acc.close
      end
    end

    # Wraps a pointer the library handed over (decode, parse, clone).
    def self.adopt(pointer, memory = nil)
      acc = allocate
      acc.send(:own, pointer, memory)
      acc
    end
    private_class_method :adopt

    # An accumulator placed in Ruby-owned memory (cxm_acc_init): the library
    # allocates nothing for it; the memory goes with this object.
    def self.in_memory(scale)
      scale = Scale.coerce(scale)
      size = scale.footprint
      raw, mem = Convert.aligned(size)
      out = Convert.out_pointer
      Convert.check(Native.cxm_acc_init(mem, size, scale.to_native, out))
      adopt(out.read_pointer, raw)
    end

    # From #encode's bytes (cxm_acc_decode); FormatError for anything else.
    def self.decode(bytes)
      bytes = String(bytes)
      out = Convert.out_pointer
      Convert.check(Native.cxm_acc_decode(bytes, bytes.bytesize, out))
      adopt(out.read_pointer)
    end

    # From the text form of #to_s, e.g. "nps{0:3,9:10,10:4}" (cxm_acc_parse).
    def self.parse(text)
      text = String(text)
      out = Convert.out_pointer
      Convert.check(Native.cxm_acc_parse(text, text.bytesize, out)) { "accumulator #{text.inspect}" }
      adopt(out.read_pointer)
    end

    # `dup` and `clone` copy the native accumulator (cxm_acc_clone).
    def initialize_copy(source)
      super
      out = Convert.out_pointer
      Convert.check(Native.cxm_acc_clone(source.send(:handle), out))
      own(out.read_pointer)
    end

    # Marshal support through the portable encoding.
    def _dump(_level) = encode
    def self._load(bytes) = decode(bytes)

    # -- recording --

    # Records one rating, or `count` copies of it (cxm_acc_add[_count]).
    def add(rating, count = 1)
      status = if count == 1
                 Native.cxm_acc_add(handle, Convert.rating(rating))
               else
                 Native.cxm_acc_add_count(handle, Convert.rating(rating), Convert.count(count))
               end
      Convert.check(status) { "rating #{rating}" }
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
      Convert.check(status)
      self
    end

    # Removes previously recorded ratings (cxm_acc_remove[_count]).
    def remove(rating, count = 1)
      status = if count == 1
                 Native.cxm_acc_remove(handle, Convert.rating(rating))
               else
                 Native.cxm_acc_remove_count(handle, Convert.rating(rating), Convert.count(count))
               end
      Convert.check(status) { "rating #{rating}" }
      self
    end

    def reset
      Convert.check(Native.cxm_acc_reset(handle))
      self
    end

    # self += other (same scale); returns self.
    def merge(other)
      Convert.check(Native.cxm_acc_merge(handle, other.send(:handle)))
      self
    end

    # self -= other, the exact inverse of merge; returns self.
    def subtract(other)
      Convert.check(Native.cxm_acc_subtract(handle, other.send(:handle)))
      self
    end

    # New accumulators: a + b, a - b (a += b rebinds a to a new one).
    def +(other) = dup.merge(other)
    def -(other) = dup.subtract(other)

    # -- reading --

    def scale
      struct = Native.init(Native::ScaleStruct)
      Convert.check(Native.cxm_acc_scale(handle, struct))
      Scale.from_native(struct)
    end

    def total
      out = FFI::MemoryPointer.new(:uint64)
      Convert.check(Native.cxm_acc_total(handle, out))
      out.read_uint64
    end

    # How many times `rating` is recorded.
    def count(rating)
      out = FFI::MemoryPointer.new(:uint64)
      Convert.check(Native.cxm_acc_count(handle, Convert.rating(rating), out)) { "rating #{rating}" }
      out.read_uint64
    end

    # Yields every rating of the scale, in order, with its count (zero
    # included); an Enumerator without a block.
    def each_count
      return enum_for(:each_count) unless block_given?

      range = scale.ratings
      out = FFI::MemoryPointer.new(:uint64, range.size)
      Convert.check(Native.cxm_acc_counts(handle, out, range.size))
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
      Convert.check(Native.cxm_acc_snapshot(handle, out))
      Snapshot.new(**Snapshot.members.to_h { |m| [m, out[m]] })
    end

    # The confidence interval of a quantity (:headline, :positive_share,
    # :negative_share, :net, :mean) by a method (:default, :wilson,
    # :wilson_cc, :agresti_coull, :clopper_pearson, :wald, :adjusted_wald,
    # :score, :t); names are the library's, "-" or "_" alike.
    def interval(quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::IntervalStruct)
      status = Native.cxm_acc_interval(handle, Convert.named(quantity, :cxm_quantity_parse, "quantity"),
                                       Convert.named(method, :cxm_method_parse, "method"),
                                       Float(confidence), out)
      Convert.check(status)
      Convert.result(Interval, out)
    end

    # self - other for two independent samples.
    def compare(other, quantity = :headline, method = :default, confidence: 0.95)
      out = Native.init(Native::ComparisonStruct)
      status = Native.cxm_acc_compare(handle, other.send(:handle),
                                      Convert.named(quantity, :cxm_quantity_parse, "quantity"),
                                      Convert.named(method, :cxm_method_parse, "method"),
                                      Float(confidence), out)
      Convert.check(status)
      Convert.result(Comparison, out)
    end

    # The portable bytes of scale and counts (cxm_acc_encode), a binary String.
    def encode = Convert.encoded(handle, :cxm_acc_encoded_size, :cxm_acc_encode)

    # The canonical text form, e.g. "nps{0:3,6:1,9:10,10:4}" (cxm_acc_format).
    def to_s
      h = handle
      Convert.formatted { |buf, written| Native.cxm_acc_format(h, buf, TEXT_MAX, written) }
    end

    def inspect
      closed? ? "#<#{self.class} (closed)>" : "#<#{self.class} #{self}>"
    rescue Error
      "#<#{self.class} #{scale.inspect} total=#{total}>"
    end

    private

    # [function, pointer, n] over the caller's memory where there is some.
    def batch(ratings)
      case ratings
      when String
        [:cxm_acc_add_many_u8, ratings, ratings.bytesize]
      when FFI::Pointer
        pointer_batch(ratings)
      else
        packed_batch(ratings.to_a)
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

  # ---- series ------------------------------------------------------------------

  # A ring of accumulators indexed by bucket numbers the caller chooses (days,
  # ISO weeks, hours since an epoch): it retains the `capacity` buckets
  # (head - capacity, head]. Free it with #close or Series.open with a block;
  # otherwise the garbage collector frees it.
  class Series
    include Owner

    FREE = :cxm_series_free

    def initialize(scale, capacity:, head:)
      out = Convert.out_pointer
      status = Native.cxm_series_new(Scale.coerce(scale).to_native, Convert.capacity(capacity),
                                     Convert.bucket(head), out)
      Convert.check(status)
      own(out.read_pointer)
    end

    def self.open(scale, capacity:, head:)
      series = new(scale, capacity: capacity, head: head)
      return series unless block_given?

      begin
        yield series
      ensure
        series.close
      end
    end

    def self.adopt(pointer, memory = nil)
      series = allocate
      series.send(:own, pointer, memory)
      series
    end
    private_class_method :adopt

    # Bytes a series of this scale and capacity occupies (cxm_series_footprint).
    def self.footprint(scale, capacity)
      scale = Scale.coerce(scale)
      size = Native.cxm_series_footprint(scale.to_native, Convert.capacity(capacity))
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
      raw, mem = Convert.aligned(size)
      out = Convert.out_pointer
      Convert.check(Native.cxm_series_init(mem, size, scale.to_native, capacity,
                                           Convert.bucket(head), out))
      adopt(out.read_pointer, raw)
    end

    def self.decode(bytes)
      bytes = String(bytes)
      out = Convert.out_pointer
      Convert.check(Native.cxm_series_decode(bytes, bytes.bytesize, out))
      adopt(out.read_pointer)
    end

    def initialize_copy(source)
      super
      out = Convert.out_pointer
      Convert.check(Native.cxm_series_clone(source.send(:handle), out))
      own(out.read_pointer)
    end

    def _dump(_level) = encode
    def self._load(bytes) = decode(bytes)

    def scale
      struct = Native.init(Native::ScaleStruct)
      Convert.check(Native.cxm_series_scale(handle, struct))
      Scale.from_native(struct)
    end

    def capacity
      out = FFI::MemoryPointer.new(:uint32)
      Convert.check(Native.cxm_series_capacity(handle, out))
      out.read_uint32
    end

    def head
      out = FFI::MemoryPointer.new(:int64)
      Convert.check(Native.cxm_series_head(handle, out))
      out.read_int64
    end

    # The buckets retained, oldest first.
    def buckets
      last = head
      (last - capacity + 1)..last
    end

    # Moves the head forward (a head at or before the current one is a no-op).
    def advance(head)
      Convert.check(Native.cxm_series_advance(handle, Convert.bucket(head)))
      self
    end

    def add(bucket, rating, count = 1)
      status = if count == 1
                 Native.cxm_series_add(handle, Convert.bucket(bucket), Convert.rating(rating))
               else
                 Native.cxm_series_add_count(handle, Convert.bucket(bucket), Convert.rating(rating),
                                             Convert.count(count))
               end
      Convert.check(status) { "bucket #{bucket}, rating #{rating}" }
      self
    end

    def remove(bucket, rating, count = 1)
      status = Native.cxm_series_remove_count(handle, Convert.bucket(bucket), Convert.rating(rating),
                                              Convert.count(count))
      Convert.check(status) { "bucket #{bucket}, rating #{rating}" }
      self
    end

    # Adds every count of an accumulator to a bucket (cxm_series_add_acc).
    def add_accumulator(bucket, accumulator)
      status = Native.cxm_series_add_acc(handle, Convert.bucket(bucket), accumulator.send(:handle))
      Convert.check(status) { "bucket #{bucket}" }
      self
    end

    # The buckets of a Range summed (cxm_series_sum): into a new accumulator,
    # or added to `into:`, which is returned.
    def sum(buckets, into: nil)
      first = Convert.bucket(buckets.begin)
      last = Convert.bucket(buckets.exclude_end? ? buckets.end - 1 : buckets.end)
      target = into || Accumulator.new(scale)
      Convert.check(Native.cxm_series_sum(handle, first, last, target.send(:handle))) { "buckets #{first}..#{last}" }
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
      Convert.check(Native.cxm_series_merge(handle, other.send(:handle)))
      self
    end

    def encode = Convert.encoded(handle, :cxm_series_encoded_size, :cxm_series_encode)

    def inspect
      closed? ? "#<#{self.class} (closed)>" : "#<#{self.class} #{scale} buckets=#{buckets}>"
    end
  end

  # ---- module functions ---------------------------------------------------------

  # The loaded library's version: [string, number], e.g. ["1.1.0", 10100].
  def self.version = [Native.cxm_version_string, Native.cxm_version_number]

  # The path of the loaded library.
  def self.library = Native.ffi_libraries.first.name

  def self.status_name(status) = Native.cxm_status_name(status)
  def self.status_message(status) = Native.cxm_status_message(status)

  # The library's names: method_name(METHOD_WILSON_CC) => :wilson_cc,
  # method(:wilson_cc) => METHOD_WILSON_CC (and the same for quantities and
  # for headlines, whose names are the scale text form's words :share, :net, :mean).
  def self.method_name(number) = Convert.name_of(number, :cxm_method_name)
  def self.quantity_name(number) = Convert.name_of(number, :cxm_quantity_name)
  def self.headline_name(number) = Convert.name_of(number, :cxm_headline_name)
  def self.method_number(name) = Convert.named(name, :cxm_method_parse, "method")
  def self.quantity_number(name) = Convert.named(name, :cxm_quantity_parse, "quantity")
  def self.headline_number(name) = Convert.named(name, :cxm_headline_parse, "headline")
end
