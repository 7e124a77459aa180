# frozen_string_literal: true

module Cxmetrics
  # What an object with a portable encoding has (Accumulator,
  # WeightedAccumulator, Series): #encode (cxm_*_encoded_size,
  # cxm_*_encode), .decode (cxm_*_decode), and Marshal through them. The
  # class includes Owner too.
  module Encoded
    def self.included(kind)
      kind.extend(ClassMethods)
    end

    # The portable, canonical bytes, a binary String.
    def encode = Buffers.encoded(handle, function(:encoded_size), function(:encode))

    # Marshal support through the portable encoding.
    def _dump(_level) = encode

    module ClassMethods
      # From #encode's bytes; FormatError for anything else, another kind's
      # encoding included.
      def decode(bytes)
        Arguments.text(bytes, "encoding")
        out = Buffers.out_pointer
        Error.check(Native.public_send(function(:decode), bytes, bytes.bytesize, out))
        adopt(out.read_pointer)
      end

      def _load(bytes) = decode(bytes)
    end
  end
  private_constant :Encoded
end
