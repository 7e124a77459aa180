# frozen_string_literal: true

# The gem of the Ruby binding: `gem build cxmetrics.gemspec` here, then
# `gem install --local cxmetrics-VERSION.gem` (README.md, "Install"). It ships
# the library's binding, its RBS signatures, the README and the LICENSE (a
# copy of the project's, checked byte for byte by tests/check_gem.rb), not
# the tests or the benchmark; libcxmetrics.so.1 itself comes from the Debian package
# libcxmetrics1 or `cmake --install`.
require_relative "lib/cxmetrics/version"

Gem::Specification.new do |spec|
  spec.name = "cxmetrics"
  spec.version = Cxmetrics::VERSION # lib/cxmetrics/version.rb, the one place the binding sets it
  spec.summary = "CSAT, NPS and CES from survey ratings, exactly, with honest statistics"
  spec.description = "The Ruby binding of libcxmetrics through the ffi gem, no compiled glue: " \
                     "exact accumulators of ratings, their metrics, confidence intervals and " \
                     "comparisons, the portable encoding and text forms, series of buckets, and " \
                     "the 1.2 additions."
  spec.authors = ["The cxmetrics authors"]
  spec.license = "MIT"
  # Class#subclasses (lib/cxmetrics/errors.rb) is Ruby 3.1's; endless
  # methods need 3.0.
  spec.required_ruby_version = ">= 3.1"
  # Debian's ruby-ffi (1.15.5) satisfies it, so `gem install --local` needs
  # no network.
  spec.add_dependency "ffi", "~> 1.15"
  spec.files = %w[
    LICENSE
    README.md
    lib/cxmetrics.rb
    lib/cxmetrics/accumulator.rb
    lib/cxmetrics/adjust.rb
    lib/cxmetrics/arguments.rb
    lib/cxmetrics/buffers.rb
    lib/cxmetrics/constants.rb
    lib/cxmetrics/encoded.rb
    lib/cxmetrics/errors.rb
    lib/cxmetrics/library.rb
    lib/cxmetrics/names.rb
    lib/cxmetrics/on_scale.rb
    lib/cxmetrics/owner.rb
    lib/cxmetrics/plan.rb
    lib/cxmetrics/recorder.rb
    lib/cxmetrics/results.rb
    lib/cxmetrics/scale.rb
    lib/cxmetrics/series.rb
    lib/cxmetrics/state.rb
    lib/cxmetrics/version.rb
    lib/cxmetrics/weighted_accumulator.rb
    sig/cxmetrics.rbs
  ]
  spec.require_paths = ["lib"]
end
