# frozen_string_literal: true

# The binding against the library's interface, and how it finds the library.
#
# The functions, struct layouts and constants come from one source shared by
# every binding's tests: tests/abi/interface.py reads the ABI baseline
# (tests/abi/cxmetrics.abi) and what tests/abi/constants.c prints, and ctest
# hands its document over as CXM_INTERFACE. Functions added since the
# baseline was recorded are attached without being listed there; each must
# still be in the library that was loaded.

require_relative "support"

INTERFACE = interface

class TestInterface < Minitest::Test
  include Helpers

  N = Cxmetrics::Native
  STRUCTS = { "cxm_scale" => N::ScaleStruct, "cxm_snapshot" => N::SnapshotStruct,
              "cxm_interval" => N::IntervalStruct, "cxm_comparison" => N::ComparisonStruct }.freeze
  SCALARS = { "void" => :void, "int" => :int, "int32_t" => :int32, "int64_t" => :int64,
              "uint32_t" => :uint32, "uint64_t" => :uint64, "size_t" => :size_t,
              "double" => :double }.freeze

  def setup
    skip "CXM_INTERFACE is not set (ctest sets it)" unless INTERFACE
  end

  # How the binding declares a C type as interface.py spells it: a public
  # struct's pointer by reference to its mirror, a string result as :string,
  # every other pointer as :pointer.
  def declared(spelling, result: false)
    bare = spelling.delete_prefix("const ")
    return SCALARS.fetch(bare) if SCALARS.key?(bare)
    return :string if result && bare == "char *"

    struct = STRUCTS[bare.delete_suffix(" *")]
    return struct if struct

    assert bare.end_with?("*"), "no FFI type for #{spelling.inspect}"
    :pointer
  end

  # A struct's by_ref type (one per struct, memoized by FFI) as the struct.
  def spelled(type)
    STRUCTS.values.find { |struct| struct.by_ref.equal?(type) } || type
  end

  def test_every_exported_function_is_attached_with_its_prototype
    recorded = INTERFACE["functions"].to_h { |f| [f["name"].to_sym, f] }
    assert_operator recorded.size, :>=, 59 # 1.0 and 1.1 at least
    assert_empty recorded.keys - N::FUNCTIONS.keys, "exported functions the binding does not attach"
    recorded.each do |name, function|
      arguments, result, = N::FUNCTIONS.fetch(name)
      want = [function["parameters"].map { |_, type| declared(type) }, declared(function["returns"], result: true)]
      assert_equal want, [arguments.map { |type| spelled(type) }, result], function["prototype"]
    end
    # attached beyond the baseline (newer than its recording): in the library all the same
    (N::FUNCTIONS.keys - recorded.keys).each do |name|
      assert N.respond_to?(name), "#{name} is not attached"
    end
  end

  def test_struct_layouts
    INTERFACE["structs"].each do |name, layout|
      mirror = STRUCTS.fetch(name) { flunk "the public struct #{name} has no mirror" }
      assert_operator mirror.size, :>=, layout["size"], name
      layout["members"].each do |member, offset, spelling|
        assert_equal offset, mirror.offset_of(member.to_sym), "#{name}.#{member}"
        assert_equal FFI.type_size(declared(spelling)), mirror.new.layout[member.to_sym].size, "#{name}.#{member}"
      end
    end
  end

  def test_every_constant_is_bound_with_its_value
    constants = INTERFACE["constants"]
    assert_includes constants, "CXM_METHOD_JEFFREYS"
    constants.each { |name, value| assert_bound(name.delete_prefix("CXM_"), value) }
  end

  # How the binding carries each family of constants: statuses as error
  # classes, versions as ABI_MAJOR and VERSION, everything else as a
  # module constant of the same name, whose names (methods, quantities,
  # headlines, presets) the library agrees with.
  def assert_bound(name, value)
    family, member = name.split("_", 2)
    case family
    when "OK" then assert_nil Error.check(value)
    when "ERR"
      assert_equal "CXM_#{name}", Error.for(value).status_name
      refute_same Error, Error::BY_STATUS.fetch(value)
    when "VERSION"
      return assert_equal(ABI_MAJOR, value) if member == "MAJOR"

      assert_equal value, VERSION.split(".").map(&:to_i)[%w[MAJOR MINOR PATCH].index(member)], name
    else
      assert_equal value, Cxmetrics.const_get(name), name
      assert_named(family, member, value)
    end
  end

  def assert_named(family, member, value)
    spelled = member.downcase.to_sym
    case family
    when "METHOD" then assert_equal [spelled, value], [Cxmetrics.method_name(value), Cxmetrics.method_number(spelled)]
    when "QUANTITY" then assert_equal [spelled, value], [Cxmetrics.quantity_name(value), Cxmetrics.quantity_number(spelled)]
    when "HEADLINE" then assert_equal value, Cxmetrics.headline_number(Cxmetrics.headline_name(value))
    when "PRESET" # the library's text name: csat5, nps, neteasy7, and csat2 for CSAT_BINARY
      text = member == "CSAT_BINARY" ? :csat2 : member.downcase.delete("_").to_sym
      assert_equal [Scale.preset(text), text.to_s], [Scale.preset(value), Scale.preset(value).to_s]
    end
  end

  def test_version
    constants = INTERFACE["constants"]
    header = %w[MAJOR MINOR PATCH].map { |part| constants["CXM_VERSION_#{part}"] }
    assert_equal [header.join("."), (header[0] * 10_000) + (header[1] * 100) + header[2]], Cxmetrics.version
    assert_equal Cxmetrics.version[0], VERSION
  end
end

# CXM_LIBRARY, the system loader, and the refusals: each error names the
# library it looked for, where, and the variable.
class TestFindingTheLibrary < Minitest::Test
  include Helpers

  def library = ENV.fetch("CXM_LIBRARY") { skip "CXM_LIBRARY not set" }

  def test_explicit_path
    assert_equal library, Cxmetrics.load(library)
    assert_equal library, Cxmetrics.library
  end

  def test_missing_library
    error = assert_raises(Cxmetrics::LibraryError) { Cxmetrics.load("/nonexistent/libcxmetrics.so.1") }
    assert_kind_of LoadError, error
    assert_match(%r{\Acannot load /nonexistent/libcxmetrics.so.1 \(looked up through the path given to Cxmetrics.load: },
                 error.message)
    assert_includes error.message, "set CXM_LIBRARY to the library's path"
    assert_equal 0, Accumulator.new(:nps).total # the previous library stays
    _, err, status = run_ruby("Cxmetrics::Accumulator.new(:nps)", CXM_LIBRARY: "/nonexistent/lib.so")
    refute status.success?
    assert_includes err, "cannot load /nonexistent/lib.so (looked up through $CXM_LIBRARY: "
    assert_includes err, "(Cxmetrics::LibraryError)"
  end

  def test_not_the_library
    error = assert_raises(Cxmetrics::LibraryError) { Cxmetrics.load("libc.so.6") }
    assert_equal "libc.so.6 is not libcxmetrics: it has no cxm_version_number; " \
                 "set CXM_LIBRARY to the path of libcxmetrics.so.1", error.message
  end

  def test_system_loader_finds_the_soname
    # the build directory holds libcxmetrics.so.1, as /usr/lib does once installed
    out, err, status = run_ruby("puts Cxmetrics.version[0], Cxmetrics.library", CXM_LIBRARY: nil,
                                                                               LD_LIBRARY_PATH: File.dirname(File.expand_path(library)))
    assert status.success?, err
    assert_equal [Cxmetrics.version[0], "libcxmetrics.so.1"], out.split("\n")
  end

  def test_another_major_is_refused
    other = ENV.fetch("CXM_OTHER_LIBRARY") { skip "CXM_OTHER_LIBRARY not set" }
    error = assert_raises(Cxmetrics::LibraryError) { Cxmetrics.load(other) } # 2.0.0 (tests/abi/other_version.c)
    assert_equal "#{other} is libcxmetrics 2.0.0, of ABI 2; this binding needs ABI 1 (libcxmetrics.so.1): " \
                 "install libcxmetrics1 or point CXM_LIBRARY at it", error.message
    assert_equal 0, Accumulator.new(:nps).total
    _, err, = run_ruby("Cxmetrics::Accumulator.new(:nps)", CXM_LIBRARY: other, CXM_OTHER_VERSION: "10100")
    assert_includes err, "#{other} is libcxmetrics 1.1.0; this binding needs 1.2 or later (Cxmetrics::LibraryError)"
    # the right version, but not every function: a build between releases
    _, err, = run_ruby("Cxmetrics::Accumulator.new(:nps)", CXM_LIBRARY: other, CXM_OTHER_VERSION: "10200")
    assert_includes err, "#{other} (libcxmetrics 1.2.0) has no cxm_status_name, which this binding needs"
  end
end
