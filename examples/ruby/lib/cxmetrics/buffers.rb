# frozen_string_literal: true

module Cxmetrics
  # Native memory the calls write into: out-parameters, text, encodings and
  # the aligned blocks of the in_memory constructors.
  module Buffers
    module_function

    ALIGNMENT = 16 # alignof(max_align_t) on the platforms the library builds for

    def out_pointer
      FFI::MemoryPointer.new(:pointer)
    end

    # Text written by a cxm_*_format call into a buffer of `capacity` bytes.
    def formatted(capacity = TEXT_MAX)
      buf = FFI::MemoryPointer.new(:char, capacity)
      written = FFI::MemoryPointer.new(:size_t)
      Error.check(yield(buf, capacity, written))
      buf.read_bytes(written.read(:size_t)).force_encoding(Encoding::US_ASCII)
    end

    # Bytes written by a cxm_*_encode call, sized by its encoded_size.
    def encoded(handle, sizer, encoder)
      size = FFI::MemoryPointer.new(:size_t)
      Error.check(Native.public_send(sizer, handle, size))
      n = size.read(:size_t)
      buf = FFI::MemoryPointer.new(:uint8, [n, 1].max)
      Error.check(Native.public_send(encoder, handle, buf, n, size))
      buf.read_bytes(size.read(:size_t))
    end

    # Memory aligned for the cxm_*_init functions: [MemoryPointer (keep it
    # alive), aligned pointer into it].
    def aligned(size)
      raw = FFI::MemoryPointer.new(:uint8, size + ALIGNMENT)
      [raw, raw + (-raw.address % ALIGNMENT)]
    end
  end
  private_constant :Buffers
end
