# frozen_string_literal: true

module Cxmetrics
  # Owns one native object and frees it exactly once: at #close (or the end
  # of an .open block) or else when the garbage collector finalizes the
  # owner. The finalizer is a Releaser that holds the pointer, never the
  # owner (a finalizer that referenced its object would keep it alive
  # forever). ObjectSpace.define_finalizer is used rather than
  # FFI::AutoPointer because it costs less than half as much per object (1.4
  # against 3.1 us of CPU here), which matters for code that makes an
  # accumulator per request. An object in Ruby-owned memory (in_memory) has
  # no finalizer: its MemoryPointer is freed by its own, and the library
  # frees nothing.
  #
  # A class that includes it names the library's functions of its C type in
  # FUNCTIONS (Owner.functions(:cxm_acc)), finds one by its verb with
  # #function and .function (function(:merge) is :cxm_acc_merge), and gets
  # .open, #close, #closed?, #dup / #clone (cxm_*_free, cxm_*_clone). Code
  # that several kinds share (OnScale, Encoded, State) calls
  # Native.public_send(function(:merge), ...); a kind's own methods call
  # their functions by name, since the look-up and public_send cost about a
  # thousand instructions a call, as much as the ffi gem's call itself, and
  # Accumulator#add is the hot path.
  module Owner
    Releaser = Struct.new(:function, :pointer) do
      def call(_object_id) = Native.public_send(function, pointer)
    end

    # The library's functions of one C type, by verb, from the names Native
    # declares: functions(:cxm_acc)[:merge] is :cxm_acc_merge.
    def self.functions(prefix)
      start = "#{prefix}_"
      Native::FUNCTIONS.each_key.filter_map do |name|
        [name.to_s.delete_prefix(start).to_sym, name] if name.start_with?(start)
      end.to_h.freeze
    end

    def self.included(owner)
      owner.extend(ClassMethods)
    end

    module ClassMethods
      # new(...) yielded to the block and closed when it ends; returns the
      # block's value. Without a block, the same as new.
      def open(*arguments, **options)
        object = new(*arguments, **options)
        return object unless block_given?

        begin
          yield object
        ensure
          object.close
        end
      end

      private

      # The name of the library's function of this class for a verb.
      def function(verb) = self::FUNCTIONS[verb]

      # Wraps a pointer the library handed over (decode, parse, clone).
      def adopt(pointer, memory = nil)
        object = allocate
        object.send(:own, pointer, memory)
        object
      end
    end

    def close
      return nil unless @handle

      ObjectSpace.undefine_finalizer(self)
      Native.public_send(function(:free), @handle) unless @memory
      @memory&.free
      @handle = @memory = nil
    end

    def closed? = @handle.nil?

    # `dup` and `clone` copy the native object (cxm_*_clone). Ruby has copied
    # the source's finalizer and handle to the copy by now: both go first, so
    # that a copy that fails frees nothing of the source's.
    def initialize_copy(source)
      super
      disown
      out = Buffers.out_pointer
      Error.check(Native.public_send(function(:clone), source.send(:handle), out))
      own(out.read_pointer)
    end

    private

    # dup and clone copy the source's finalizer to the copy (Ruby's
    # init_copy does), which would free the source's pointer a second time:
    # every owner starts without one.
    def own(pointer, memory = nil)
      ObjectSpace.undefine_finalizer(self)
      @handle = pointer
      @memory = memory
      ObjectSpace.define_finalizer(self, Releaser.new(function(:free), pointer)) unless memory
    end

    def disown
      ObjectSpace.undefine_finalizer(self)
      @handle = @memory = nil
    end

    def handle
      @handle or raise ClosedError, "#{self.class} is closed"
    end

    # The name of the library's function of this object's class for a verb.
    def function(verb) = self.class::FUNCTIONS[verb]
  end
  private_constant :Owner
end
