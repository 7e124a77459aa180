# frozen_string_literal: true

# The RBS signatures against the code (ctest ruby_types): `rbs validate` of
# sig/cxmetrics.rbs, then RBS's runtime checker (`rbs test`, which hooks every
# method of Cxmetrics and checks each call's arguments, block and result
# against the signatures) over the suite and the README example, then
# typecheck/misuse.rb, which it must refuse with the error written there.
# rbs 2.1 is a gem bundled with Debian's Ruby 3.1 (libruby3.1); there is no
# Debian package of Steep, which would check the code statically. Exit 77
# (skipped) without rbs or the ffi gem.

require "open3"
require "rbconfig"
require "tmpdir"

HERE = File.expand_path("..", __dir__)
SUITE_EXCLUDED = [
  "million",       # 1.5 million objects through the hooks: minutes, and nothing typed to learn
  "type_errors",   # wrong types on purpose: the checker refuses them (as misuse.rb shows)
  "TestOneRule",   # the same
  "TestInterface", # reads the binding's internals, which the signatures leave out
  "TestFindingTheLibrary"
].freeze

def skip(why)
  puts "ruby_types: skipped: #{why}"
  exit 77
end

def fail!(what)
  warn "ruby_types: FAILED: #{what}"
  exit 1
end

begin
  require "ffi"
  rbs = Gem::Specification.find_by_name("rbs")
rescue LoadError, Gem::MissingSpecError => e
  skip("#{e.message} (Debian: ruby, ruby-ffi)")
end

signatures = ["-I", File.join(HERE, "sig"), "-I", File.join(__dir__, "sig")]
checker = { "RBS_TEST_TARGET" => "Cxmetrics::*", "RBS_TEST_OPT" => signatures.join(" "),
            "RBS_TEST_LOGLEVEL" => "error", "RBS_TEST_RAISE" => "true" }
under_checker = [RbConfig.ruby, "-I", File.join(rbs.full_gem_path, "lib"), "-I", File.join(HERE, "lib"),
                 "-rrbs/test/setup"]

out, status = Open3.capture2e(RbConfig.ruby, File.join(rbs.full_gem_path, "exe", "rbs"), *signatures, "validate")
fail!("rbs validate:\n#{out.lines.grep_v(/\AValidating /).join}") unless status.success?

out, status = Open3.capture2e(checker, *under_checker, File.join(__dir__, "suite.rb"),
                              "-e", "/#{SUITE_EXCLUDED.join('|')}/")
fail!("the suite under rbs test:\n#{out}") unless status.success? && out.include?(" 0 failures, 0 errors")

example = File.read(File.join(HERE, "README.md"))[/^```ruby\n(.*?)^```$/m, 1]
Dir.mktmpdir("cxm-rbs") do |tmp|
  out, status = Open3.capture2e(checker, *under_checker, "-e", example, chdir: tmp)
  fail!("the README example under rbs test:\n#{out}") unless status.success?
end

misuse = File.join(__dir__, "typecheck", "misuse.rb")
expected = File.readlines(misuse).last.delete_prefix("# ").chomp
out, status = Open3.capture2e(checker, *under_checker, misuse)
fail!("misuse.rb passed the checker:\n#{out}") if status.success?
fail!("misuse.rb: expected #{expected.inspect} in\n#{out}") unless out.include?(expected)
puts "ruby_types: rbs #{rbs.version}: signatures valid, suite and README example conform, misuse refused"
