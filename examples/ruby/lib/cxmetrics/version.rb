# frozen_string_literal: true

module Cxmetrics
  # This binding's version, the library's it is written for: the gemspec
  # carries the same string (tests/package/check_versions.py compares it with
  # include/cxmetrics.h), tests/test_interface.rb compares this one.
  VERSION = "1.2.0"
end
