# frozen_string_literal: true

module Cxmetrics
  # A rating scale (cxm_scale): the valid ratings, a positive and a negative
  # band (inclusive Integer ranges), and the headline (HEADLINE_*). Frozen.
  class Scale
    attr_reader :ratings, :positive, :negative, :headline

    def initialize(ratings:, positive:, negative:, headline:)
      @ratings, @positive, @negative = [ratings, positive, negative].map { |r| band(r) }
      @headline = Arguments.int32(headline, "headline", ScaleError::STATUS)
      @native = native_struct
      freeze
    end

    # A preset: its PRESET_* number, or its name in the library's text form
    # (:nps, :csat5, "ces7", :neteasy7; aliases :csat and :ces).
    def self.preset(preset)
      return parse(preset.to_s) if preset.is_a?(Symbol) || preset.is_a?(String)

      number = Arguments.int32(preset, "preset", InvalidArgumentError::STATUS)
      struct = Native.init(Native::ScaleStruct)
      Error.check(Native.cxm_scale_preset(number, struct)) { "preset #{preset}" }
      from_native(struct)
    end

    # The library's text form: a preset name or "MIN..MAX/PMIN..PMAX/NMIN..NMAX/HEADLINE".
    def self.parse(text)
      Arguments.text(text, "scale")
      struct = Native.init(Native::ScaleStruct)
      Error.check(Native.cxm_scale_parse(text, text.bytesize, struct)) { "scale #{text.inspect}" }
      from_native(struct)
    end

    # The scale itself for a Scale, else Scale.preset of a name or number.
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
      Error.check(Native.cxm_scale_check(to_native))
      self
    end

    def valid?
      Native.cxm_scale_check(to_native).zero?
    end

    # The canonical text form ("nps", "-3..3/2..3/-3..-2/net").
    def to_s
      native = to_native
      Buffers.formatted { |buf, capacity, written| Native.cxm_scale_format(native, buf, capacity, written) }
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
    def footprint = Accumulator.footprint(self)

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

  # The bytes an accumulator on a scale (a Scale, a preset's name or number)
  # occupies (cxm_acc_footprint); ACC_FOOTPRINT_MAX holds any of them.
  def self.footprint(scale) = Accumulator.footprint(scale)
end
