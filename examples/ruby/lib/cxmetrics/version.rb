# frozen_string_literal: true

module Cxmetrics
  # This binding's version, the library's it is written for, and the gem's
  # (cxmetrics.gemspec reads it from here). tests/package/check_versions.py
  # compares it with include/cxmetrics.h; tests/test_interface.rb with the
  # library loaded.
  VERSION = "1.2.0"
end
