# frozen_string_literal: true

# A call sig/cxmetrics.rbs must refuse: check_types.rb runs it under RBS's
# runtime checker and expects exactly the error on the last line.
require "cxmetrics"

acc = Cxmetrics::Accumulator.new(:nps)
begin
  acc.add(9, 2.0) # a count is an Integer
rescue TypeError
  nil # the binding refuses it too; the checker must have said so first
end
# [Cxmetrics::Accumulator#add] ArgumentTypeError: expected `::Integer` (count) but given `2.0`
