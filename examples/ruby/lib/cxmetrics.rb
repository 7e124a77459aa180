# frozen_string_literal: true

# cxmetrics from Ruby through the ffi gem (Debian: ruby-ffi): no compiled
# glue of our own.
#
#   require "cxmetrics"
#   Cxmetrics::Accumulator.open(:nps) do |acc|
#     acc.add_many([10, 9, 9, 8, 7, 10, 3, 9, 6, 10])
#     snap = acc.snapshot
#     puts format("NPS %.1f (%.1f to %.1f)", snap.score, snap.score_low, snap.score_high)
#   end
#
# Every function of include/cxmetrics.h is attached with its exact types
# (cxmetrics/library.rb); the structs are mirrored field for field, each
# starting with its `size`; every non-OK status raises a Cxmetrics::Error
# subclass (cxmetrics/errors.rb); arguments are checked by one rule before
# they reach C (cxmetrics/arguments.rb); each native object is owned by one
# Ruby object that frees it exactly once (cxmetrics/owner.rb). Names of
# scales, methods and quantities and the text forms come from the library
# itself: the binding keeps no table of its own.
#
# The library is $CXM_LIBRARY if set, else libcxmetrics.so.1 through the
# system loader, loaded by the first call that needs it (Cxmetrics.load
# chooses another).

require "ffi"

require_relative "cxmetrics/version"
require_relative "cxmetrics/constants"
require_relative "cxmetrics/library"
require_relative "cxmetrics/errors"
require_relative "cxmetrics/arguments"
require_relative "cxmetrics/buffers"
require_relative "cxmetrics/names"
require_relative "cxmetrics/results"
require_relative "cxmetrics/scale"
require_relative "cxmetrics/owner"
require_relative "cxmetrics/on_scale"
require_relative "cxmetrics/encoded"
require_relative "cxmetrics/state"
require_relative "cxmetrics/accumulator"
require_relative "cxmetrics/series"
require_relative "cxmetrics/weighted_accumulator"
require_relative "cxmetrics/recorder"
require_relative "cxmetrics/adjust"
require_relative "cxmetrics/plan"

module Cxmetrics
  # Loads the library: `path`, else $CXM_LIBRARY, else libcxmetrics.so.1
  # through the system loader; returns the path. The first call that needs
  # the library does this by itself. LibraryError if it cannot be used; the
  # library loaded before, if any, then stays in use.
  def self.load(path = nil) = Native.load(path)

  # The path of the library in use.
  def self.library = Native.path

  # The loaded library's version: [string, number], e.g. ["1.2.0", 10200].
  def self.version = [Native.cxm_version_string, Native.cxm_version_number]

  def self.status_name(status) = Native.cxm_status_name(Arguments.int32(status, "status", InvalidArgumentError::STATUS))
  def self.status_message(status) = Native.cxm_status_message(Arguments.int32(status, "status", InvalidArgumentError::STATUS))
end
