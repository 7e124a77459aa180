# frozen_string_literal: true

# The gem installed as Ruby installs gems (ctest ruby_package): `gem build`
# of cxmetrics.gemspec, its files checked (the binding, the signatures, the
# README and the LICENSE, the project's byte for byte; no tests, no
# benchmark), `gem install --local` into a fresh
# GEM_HOME with no network (its one dependency, ffi, is satisfied by the
# system's gem, Debian's ruby-ffi), then from another directory the README's
# example, whose output must be the README's, and the suite against the
# installed gem. Exit 77 (skipped) without the gem command or the ffi gem.

require "fileutils"
require "open3"
require "rbconfig"
require "rubygems/package"
require "tmpdir"

HERE = File.expand_path("..", __dir__)

def skip(why)
  puts "ruby_package: skipped: #{why}"
  exit 77
end

def fail!(what)
  warn "ruby_package: FAILED: #{what}"
  exit 1
end

# Runs a command, failing with its output unless it succeeds.
def run(env, *command, chdir:)
  out, err, status = Open3.capture3(env, *command, chdir: chdir)
  fail!("#{command.join(' ')}:\n#{out}#{err}") unless status.success?
  [out, err]
end

# The first ```ruby block of README.md and the ``` block after "prints".
def readme_example
  text = File.read(File.join(HERE, "README.md"))
  code = text[/^```ruby\n(.*?)^```$/m, 1] or fail!("README.md has no ```ruby block")
  printed = text[/^```ruby\n.*?^```$.*?^prints\n\n```\n(.*?)^```$/m, 1] or fail!("README.md: no output after the example")
  [code, printed]
end

gem = File.join(RbConfig::CONFIG["bindir"], "gem")
skip("no gem command at #{gem} (Debian: ruby)") unless File.executable?(gem)
begin
  require "ffi"
rescue LoadError
  skip("the ffi gem is not installed (Debian: ruby-ffi)")
end

Dir.mktmpdir("cxm-gem") do |tmp|
  spec = Gem::Specification.load(File.join(HERE, "cxmetrics.gemspec"))
  package = File.join(tmp, "#{spec.full_name}.gem")
  # A clean environment for gem: a fresh GEM_HOME, the default GEM_PATH
  # (where Debian's ruby-ffi lives), no configuration of the caller's.
  env = { "GEM_HOME" => File.join(tmp, "gems"), "GEM_PATH" => nil, "GEMRC" => File.join(tmp, "gemrc"),
          "HOME" => tmp, "RUBYOPT" => nil, "RUBYLIB" => nil }
  File.write(env["GEMRC"], "")

  _, err = run(env, gem, "build", "cxmetrics.gemspec", "--output", package, chdir: HERE)
  # The one warning left: the project has no home page to name.
  warnings = err.lines.grep(/WARNING/).reject { |line| line.include?("no homepage specified") || line.include?("See https://") }
  fail!("gem build warns:\n#{warnings.join}") unless warnings.empty?

  shipped = Gem::Package.new(package).contents.sort
  fail!("the gem ships #{shipped}, not the gemspec's files #{spec.files.sort}") unless shipped == spec.files.sort
  fail!("the gem ships tests or benchmarks: #{shipped}") if shipped.any? { |f| f.start_with?("tests/") || f.include?("bench") }
  listed = Dir.chdir(HERE) { Dir["lib/**/*.rb"] + Dir["sig/*.rbs"] }.sort
  fail!("files of lib/ or sig/ the gemspec does not list: #{listed - shipped}") unless (listed - shipped).empty?

  run(env, gem, "install", "--local", "--no-document", package, chdir: tmp)
  installed = File.join(env["GEM_HOME"], "gems", spec.full_name)
  fail!("nothing installed at #{installed}") unless File.directory?(installed)
  fresh = Dir[File.join(env["GEM_HOME"], "gems", "*")].map { |dir| File.basename(dir) }
  fail!("gem install brought more than the gem: #{fresh}") unless fresh == [spec.full_name]
  # The gem's LICENSE is a copy of the project's, which must not drift from it.
  license = File.join(installed, "LICENSE")
  fail!("the installed gem has no LICENSE") unless File.file?(license)
  fail!("the gem's LICENSE is not the project's") unless File.binread(license) == File.binread(File.join(HERE, "..", "..", "LICENSE"))

  elsewhere = File.join(tmp, "elsewhere")
  FileUtils.mkdir_p(elsewhere)
  out, = run(env, RbConfig.ruby, "-e", 'require "cxmetrics"; puts $LOADED_FEATURES.grep(%r{/cxmetrics\.rb\z})',
             chdir: elsewhere)
  fail!("require loaded #{out.strip}, not the installed gem") unless out.strip == File.join(installed, "lib", "cxmetrics.rb")

  code, printed = readme_example
  out, = run(env, RbConfig.ruby, "-w", "-e", code, chdir: elsewhere)
  fail!("the README example printed\n#{out}instead of\n#{printed}") unless out == printed

  run(env.merge("CXM_RUBY_INSTALLED" => "1"), RbConfig.ruby, File.join(__dir__, "suite.rb"), "-e", "/million/",
      chdir: elsewhere)
  puts "ruby_package: #{spec.full_name} built, installed into a fresh GEM_HOME (ffi from " \
       "#{Gem::Specification.find_by_name('ffi').full_gem_path}), README example and suite passed"
end
