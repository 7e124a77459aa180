# frozen_string_literal: true

module Cxmetrics
  # What the objects made from a scale alone share (Accumulator,
  # WeightedAccumulator, Recorder): a new one on the library's heap
  # (cxm_*_new), the bytes one occupies (cxm_*_footprint), and one placed in
  # Ruby-owned memory (cxm_*_init), for which the library allocates nothing
  # and which goes with the object. The class includes Owner too.
  module OnScale
    def self.included(kind)
      kind.extend(ClassMethods)
    end

    # A new empty one on a Scale or a preset (:nps, PRESET_NPS).
    def initialize(scale)
      scale = Scale.coerce(scale)
      out = Buffers.out_pointer
      Error.check(Native.public_send(function(:new), scale.to_native, out))
      place(scale, out.read_pointer)
    end

    module ClassMethods
      # Bytes one on this scale occupies (cxm_*_footprint).
      def footprint(scale)
        scale = Scale.coerce(scale)
        size = Native.public_send(function(:footprint), scale.to_native)
        scale.check if size.zero? # raises the reason
        size
      end

      # One in Ruby-owned memory (cxm_*_init).
      def in_memory(scale)
        scale = Scale.coerce(scale)
        size = footprint(scale)
        raw, mem = Buffers.aligned(size)
        out = Buffers.out_pointer
        Error.check(Native.public_send(function(:init), mem, size, scale.to_native, out))
        object = allocate
        object.send(:place, scale, out.read_pointer, raw)
        object
      end
    end

    private

    # Takes the object cxm_*_new or cxm_*_init made on `scale` (in `memory`).
    def place(_scale, pointer, memory = nil) = own(pointer, memory)
  end
  private_constant :OnScale
end
