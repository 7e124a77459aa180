# frozen_string_literal: true

module Cxmetrics
  ABI_MAJOR = 1 # the SONAME number this binding is written for
  OLDEST = 10_200 # the oldest library (cxm_version_number) with every function below
  SONAME = "libcxmetrics.so.#{ABI_MAJOR}"
  ENVIRONMENT = "CXM_LIBRARY"

  # The library cannot be used: not found (the message names what was looked
  # for, where, and CXM_LIBRARY), not libcxmetrics, of another ABI major,
  # older than this binding, or lacking a function it needs. A LoadError, as
  # the failure to load any other code is.
  class LibraryError < LoadError; end

  # Loading libcxmetrics and declaring its functions exactly as
  # include/cxmetrics.h declares them: the structs field for field (each
  # starting with its `size`), every function with its argument and result
  # types (tests/test_interface.rb compares both with the ABI baseline).
  #
  # The library is found, in this order: the path given to Cxmetrics.load,
  # the environment variable CXM_LIBRARY, then libcxmetrics.so.1 (the SONAME
  # the Debian package libcxmetrics1 installs) through the system loader.
  # The first call that needs it loads it.
  module Native
    extend FFI::Library

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
             :score, :double, :score_low, :double, :score_high, :double,
             :weight_total, :double, :n_effective, :double # since 1.2
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
    # name => [argument types, result type, blocking]. A blocking function
    # releases the GVL while it runs, so that threads run batches in
    # parallel; single ratings keep it (releasing it would cost more than
    # the call). `const char *` arguments are :pointer (a Ruby String's bytes
    # with their length), results :string.
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
      cxm_acc_interval: [[:pointer, :int, :int, :double, IntervalStruct.by_ref], :int],
      cxm_acc_compare: [[:pointer, :pointer, :int, :int, :double, ComparisonStruct.by_ref], :int],
      cxm_acc_encoded_size: [%i[pointer pointer], :int],
      cxm_acc_encode: [%i[pointer pointer size_t pointer], :int],
      cxm_acc_decode: [%i[pointer size_t pointer], :int],
      # 1.1
      cxm_method_name: [[:int], :string],
      cxm_method_parse: [%i[pointer size_t pointer], :int],
      cxm_quantity_name: [[:int], :string],
      cxm_quantity_parse: [%i[pointer size_t pointer], :int],
      cxm_headline_name: [[:int], :string],
      cxm_headline_parse: [%i[pointer size_t pointer], :int],
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
      cxm_series_decode: [%i[pointer size_t pointer], :int],
      # 1.2
      cxm_method_resolve: [[S, :int, :int, :int, :pointer, :pointer], :int],
      cxm_wacc_new: [[S, :pointer], :int],
      cxm_wacc_footprint: [[S], :size_t],
      cxm_wacc_init: [[:pointer, :size_t, S, :pointer], :int],
      cxm_wacc_free: [[:pointer], :void],
      cxm_wacc_clone: [%i[pointer pointer], :int],
      cxm_wacc_reset: [[:pointer], :int],
      cxm_wacc_scale: [[:pointer, S], :int],
      cxm_wacc_add: [%i[pointer int32 uint32], :int],
      cxm_wacc_remove: [%i[pointer int32 uint32], :int],
      cxm_wacc_merge: [%i[pointer pointer], :int],
      cxm_wacc_subtract: [%i[pointer pointer], :int],
      cxm_wacc_cell: [%i[pointer int32 pointer pointer pointer], :int],
      cxm_wacc_totals: [%i[pointer pointer pointer pointer], :int],
      cxm_wacc_unweighted: [%i[pointer pointer], :int],
      cxm_wacc_snapshot: [[:pointer, SnapshotStruct.by_ref], :int],
      cxm_wacc_interval: [[:pointer, :int, :int, :double, IntervalStruct.by_ref], :int],
      cxm_wacc_compare: [[:pointer, :pointer, :int, :int, :double, ComparisonStruct.by_ref], :int],
      cxm_wacc_encoded_size: [%i[pointer pointer], :int],
      cxm_wacc_encode: [%i[pointer pointer size_t pointer], :int],
      cxm_wacc_decode: [%i[pointer size_t pointer], :int],
      cxm_wacc_format: [%i[pointer pointer size_t pointer], :int],
      cxm_wacc_parse: [%i[pointer size_t pointer], :int],
      # The recorder's calls release the GVL (blocking), so that Ruby threads
      # add and collect at the same time, as the recorder is made for.
      cxm_recorder_new: [[S, :pointer], :int],
      cxm_recorder_footprint: [[S], :size_t],
      cxm_recorder_init: [[:pointer, :size_t, S, :pointer], :int],
      cxm_recorder_free: [[:pointer], :void],
      cxm_recorder_add: [%i[pointer int32], :int, true],
      cxm_recorder_add_count: [%i[pointer int32 uint64], :int, true],
      cxm_recorder_collect: [%i[pointer pointer], :int, true],
      cxm_adjust_p: [%i[pointer size_t int pointer], :int],
      cxm_adjust_name: [[:int], :string],
      cxm_adjust_parse: [%i[pointer size_t pointer], :int],
      cxm_plan_sample_size: [[S, :pointer, :int, :double, :double, :uint64, :pointer], :int]
    }.freeze

    @lock = Mutex.new
    @path = nil
    @library = nil # the FFI::DynamicLibrary, kept open while its functions are attached

    class << self
      # The path of the library in use, loading it on first use.
      def path
        @path || (load && @path)
      end

      # Loads the library (`path`, else $CXM_LIBRARY, else the SONAME through
      # the system loader), checks it, and attaches every function to this
      # module, replacing the library in use. Returns the path. On
      # LibraryError the library loaded before stays in use.
      def load(path = nil)
        @lock.synchronize do
          file = path || ENV.fetch(ENVIRONMENT, nil) || SONAME
          where = if path then "the path given to Cxmetrics.load"
                  elsif ENV.key?(ENVIRONMENT) then "$#{ENVIRONMENT}"
                  else "the system loader"
                  end
          attach(open(file, where), file)
        end
      end

      private

      def open(file, where)
        FFI::DynamicLibrary.open(file, FFI::DynamicLibrary::RTLD_LAZY | FFI::DynamicLibrary::RTLD_LOCAL)
      rescue LoadError => e
        raise LibraryError, "cannot load #{file} (looked up through #{where}: #{e.message}). " \
                            "Install libcxmetrics#{ABI_MAJOR} (the Debian package), run ldconfig " \
                            "after `cmake --install` to /usr/local, or set #{ENVIRONMENT} to the library's path"
      end

      # The version first: another major's other functions may not even exist.
      def attach(library, file)
        number, text = %i[cxm_version_number cxm_version_string].map do |name|
          symbol = library.find_function(name.to_s)
          unless symbol
            raise LibraryError, "#{file} is not libcxmetrics: it has no #{name}; " \
                                "set #{ENVIRONMENT} to the path of #{SONAME}"
          end
          FFI::Function.new(find_type(FUNCTIONS[name][1]), [], symbol).call
        end
        check_version(file, number, text)
        functions = FUNCTIONS.to_h { |name, prototype| [name, function(library, file, text, name, prototype)] }
        functions.each do |name, function|
          forget(name)
          function.attach(self, name.to_s)
        end
        @library = library
        @path = file
      end

      # Removes the stand-in or the function of a library loaded before, which
      # attach would otherwise redefine with a warning.
      def forget(name)
        singleton_class.send(:remove_method, name) if singleton_class.method_defined?(name, false)
        remove_method(name) if method_defined?(name, false)
      end

      def check_version(file, number, text)
        major = number / 10_000
        if major != ABI_MAJOR
          raise LibraryError, "#{file} is libcxmetrics #{text}, of ABI #{major}; this binding needs " \
                              "ABI #{ABI_MAJOR} (#{SONAME}): install libcxmetrics#{ABI_MAJOR} or point " \
                              "#{ENVIRONMENT} at it"
        end
        return if number >= OLDEST

        raise LibraryError, "#{file} is libcxmetrics #{text}; this binding needs " \
                            "#{OLDEST / 10_000}.#{OLDEST / 100 % 100} or later"
      end

      def function(library, file, text, name, (arguments, result, blocking))
        symbol = library.find_function(name.to_s)
        # a build between releases, or not libcxmetrics at all
        raise LibraryError, "#{file} (libcxmetrics #{text}) has no #{name}, which this binding needs" unless symbol

        FFI::Function.new(find_type(result), arguments.map { |type| find_type(type) }, symbol,
                          blocking: blocking || false)
      end
    end

    # Until the library is loaded, each function is a stand-in that loads it
    # (which attaches the real function in its place) and calls it: the first
    # call pays for the loading, every later one goes straight to C.
    FUNCTIONS.each_key do |name|
      define_singleton_method(name) do |*arguments|
        load if @path.nil?
        public_send(name, *arguments)
      end
    end
  end
end
