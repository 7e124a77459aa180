# frozen_string_literal: true

module Cxmetrics
  # Ratings recorded from many threads at once, without locks, and collected
  # exactly by one collector (cxm_recorder): for a server whose threads (Puma,
  # Sidekiq) record answers as they come. #add may run in any number of
  # threads at the same time, and at the same time as one #collect: the
  # recorder's calls release the GVL, so they truly run in parallel, and the
  # library takes no lock. #collect moves everything recorded so far into an
  # accumulator: a rating whose #add returned before #collect began is in
  # this collection; one added meanwhile is in this one or the next, never
  # both, never neither. One collector at a time (a Mutex around #collect, or
  # one collecting thread); #close needs every other thread done with it.
  #
  # A single Accumulator behind a Mutex, or one per thread merged later, are
  # the other patterns (README.md, "Threads").
  class Recorder
    include Owner
    include OnScale

    FUNCTIONS = Owner.functions(:cxm_recorder)

    attr_reader :scale

    # Records one rating, or `count` copies of it, from any thread
    # (cxm_recorder_add[_count]). RatingRangeError, CountOverflowError (the
    # recorder holds at most 2**64 - 1 ratings); nothing recorded on error.
    def add(rating, count = (omitted = true; 1))
      Arguments.record(:cxm_recorder_add, :cxm_recorder_add_count, count, omitted, handle,
                       Arguments.rating(rating)) { "rating #{rating}" }
      self
    end

    def <<(rating) = add(rating)

    # Moves everything recorded so far into `into` (an Accumulator of the same
    # scale, into += it) or into a new Accumulator; returns it. On
    # MismatchError or CountOverflowError `into` is unchanged and every
    # rating stays in the recorder (cxm_recorder_collect).
    def collect(into = nil)
      target = into.nil? ? Accumulator.new(@scale) : Arguments.instance(into, Accumulator)
      status = Native.cxm_recorder_collect(handle, Arguments.handle(target, Accumulator))
      target.close if !status.zero? && into.nil?
      Error.check(status)
      target
    end

    # A recorder has no copy: a copy taken while threads add would be no
    # state anyone recorded.
    def initialize_copy(_source)
      disown # what Ruby copied from the source, which stays the pointer's one owner
      raise TypeError, "a Recorder cannot be copied; collect it into an Accumulator"
    end

    def inspect
      closed? ? "#<#{self.class} (closed)>" : "#<#{self.class} #{@scale}>"
    end

    private

    # The recorder keeps its scale: the library has no cxm_recorder_scale.
    def place(scale, pointer, memory = nil)
      @scale = scale
      super
    end
  end
end
