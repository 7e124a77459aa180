# frozen_string_literal: true

module Cxmetrics
  # A non-OK status of the library. #status (alias #code) is the CXM_ERR_*
  # number, #status_name its name ("CXM_ERR_RANGE"), #status_message the
  # library's sentence; #index is the first invalid position of a batch.
  class Error < StandardError
    attr_reader :status, :status_name, :status_message, :index
    alias code status

    def initialize(status, detail = nil, index: nil)
      @status = status
      @status_name = Native.cxm_status_name(status)
      @status_message = Native.cxm_status_message(status)
      @index = index
      text = "#{@status_name}: #{@status_message.chomp('.')}"
      super(detail ? "#{text} (#{detail})" : text)
    end

    # The exception for a status: its own class, or Error for a value the
    # library does not define.
    def self.for(status, detail = nil, index: nil)
      BY_STATUS.fetch(status, Error).new(status, detail, index: index)
    end

    # Raises the status's error unless it is CXM_OK; the block, if any, gives
    # the detail, so hot paths build no string when nothing failed.
    def self.check(status)
      raise self.for(status, block_given? ? yield : nil) unless status.zero?
    end
  end

  # One class per status. Names avoid Ruby's core RangeError, ArgumentError
  # and NoMemoryError so that a bare `rescue RangeError` inside an
  # application's code still means what Ruby says it means.
  class NullError < Error; STATUS = -1; end
  class ScaleError < Error; STATUS = -2; end
  class RatingRangeError < Error; STATUS = -3; end
  class OutOfMemoryError < Error; STATUS = -4; end
  class CountOverflowError < Error; STATUS = -5; end
  class AbsentError < Error; STATUS = -6; end
  class MismatchError < Error; STATUS = -7; end
  class SizeError < Error; STATUS = -8; end
  class FormatError < Error; STATUS = -9; end
  class InvalidArgumentError < Error; STATUS = -10; end
  class EmptyError < Error; STATUS = -11; end
  class WindowError < Error; STATUS = -12; end

  Error::BY_STATUS = Error.subclasses.to_h { |cls| [cls::STATUS, cls] }.freeze

  # Raised by any call on an object after #close, as IO does.
  class ClosedError < IOError; end
end
