# frozen_string_literal: true

# What every test file of the Ruby binding shares: the skip when the runtime
# cannot run the suite, the binding under test, the interface document and
# helpers. ctest's ruby_binding runs them all (suite.rb) against the library
# just built: CXM_LIBRARY names it, CXM_INTERFACE the interface document
# (tests/abi/interface.py), CXM_OTHER_LIBRARY a stand-in of another version.
#
# Expected numbers come from outside the library: the worked examples of
# docs/metrics.md and R 4.2.2 (prop.test, t.test, sd; tests/reference/
# snapshot.R and statistics.R) as tabulated in tests/test_snapshot.c and
# tests/test_stats.c; the golden bytes of docs/format.md ("Worked example");
# the text forms written out in include/cxmetrics.h; counts made by Ruby's
# own Array#tally; series sums worked by hand in the comments.

# ctest treats exit status 77 as "skipped": a Ruby without the ffi gem or
# minitest cannot run this suite.
begin
  require "ffi"
  require "minitest"
rescue LoadError => e
  warn "ruby_binding: skipped: #{e.message} (Debian: ruby ruby-ffi)"
  exit 77
end
require "json"
require "minitest/autorun"

# The tree's binding, unless CXM_RUBY_INSTALLED says to test the installed
# gem (tests/check_gem.rb does, from another directory).
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__)) unless ENV["CXM_RUBY_INSTALLED"]
require "cxmetrics"

REL = 1e-12 # R prints 17 significant digits; formulas differ in form
ULPS = 1e-15

# The interface document of tests/abi/interface.py, or nil outside ctest.
def interface
  path = ENV.fetch("CXM_INTERFACE", nil)
  path && File.exist?(path) ? JSON.parse(File.read(path)) : nil
end

module Helpers
  include Cxmetrics

  def assert_rel(want, got, rel = REL)
    assert (got - want).abs <= rel * want.abs, "#{got.inspect} != #{want.inspect} (rel #{rel})"
  end

  def nps(promoters, passives, detractors)
    Accumulator.new(:nps).add(10, promoters).add(8, passives).add(0, detractors)
  end

  def share(positive, n)
    Accumulator.new(PRESET_CSAT_BINARY).add(2, positive).add(1, n - positive)
  end

  def hex(text) = [text.delete(" \n")].pack("H*")

  # Runs Ruby code in a fresh interpreter that loads the binding as this
  # suite does, with the environment changed as given (nil removes a
  # variable); [stdout, stderr, status].
  def run_ruby(code, **environment)
    require "open3"
    env = environment.to_h { |name, value| [name.to_s, value] }
    lib = $LOAD_PATH.find { |dir| File.exist?(File.join(dir, "cxmetrics.rb")) }
    Open3.capture3(env, RbConfig.ruby, "-I", lib, "-rcxmetrics", "-e", code)
  end
end
