# frozen_string_literal: true

# What a call costs through the Ruby binding, next to the C library measured
# by cxm-bench in the same run (docs/performance.md, "Bindings").
#
#   CXM_LIBRARY=build/lib/libcxmetrics.so ruby examples/ruby/bench.rb \
#     [build/tests/bench/cxm-bench] [repetitions]
#
# Rows, each the median of the repetitions, run round-robin so that a slow
# spell of a shared machine hits every row alike:
#   add          Accumulator#add, once per rating, 10^6 ratings
#   add (FFI)    the attached function called directly: the ffi gem's own
#                floor, without the binding's checks
#   add_many     Accumulator#add_many of a 10^6-byte String (one call)
#   C add, C add_many_u8   cxm-bench -n 10^6 in the same run, through the
#                shared library
# Ratings are 0..10 from a fixed seed; every result is checked against
# Array#tally before anything is printed.

require_relative "cxmetrics"

N = 1_000_000
bench = ARGV[0] || File.join(__dir__, "..", "..", "build", "tests", "bench", "cxm-bench")
reps = Integer(ARGV[1] || 7)

random = Random.new(20_261_201)
ratings = Array.new(N) { random.rand(0..10) }
bytes = ratings.pack("C*")
expected = (0..10).to_h { |r| [r, 0] }.merge(ratings.tally)

def seconds
  t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  yield
  Process.clock_gettime(Process::CLOCK_MONOTONIC) - t0
end

def check(acc, expected, what)
  raise "#{what}: counts differ from Array#tally" unless acc.counts == expected
end

native = Cxmetrics::Native
paths = {
  "add" => lambda do |acc|
    seconds { ratings.each { |r| acc.add(r) } }
  end,
  "add (FFI)" => lambda do |acc|
    handle = acc.send(:handle)
    seconds { ratings.each { |r| native.cxm_acc_add(handle, r) } }
  end,
  "add_many" => lambda do |acc|
    seconds { acc.add_many(bytes) }
  end
}

times = Hash.new { |h, k| h[k] = [] }
reps.times do
  paths.each do |name, path|
    acc = Cxmetrics::Accumulator.new(Cxmetrics::PRESET_NPS)
    times[name] << path.call(acc)
    check(acc, expected, name)
    acc.close
  end
end
median = ->(xs) { xs.sort[xs.size / 2] }

c = {}
if File.executable?(bench)
  `#{bench} -n #{N} -r #{reps}`.each_line do |line|
    c[Regexp.last_match(1)] = Float(Regexp.last_match(2)) if line =~ /\A(add|add_many_u8)\s+([\d.]+)\s+rating/
  end
end

puts "cxmetrics #{Cxmetrics.version.first}, Ruby #{RUBY_VERSION}, ffi #{FFI::VERSION}, " \
     "10^6 ratings on 0-10, median of #{reps}"
puts format("%-22s %12s %12s", "path", "ns/rating", "x C")
rows = [
  ["Ruby add", median[times["add"]] * 1e9 / N, c["add"]],
  ["Ruby add (bare FFI)", median[times["add (FFI)"]] * 1e9 / N, c["add"]],
  ["Ruby add_many(String)", median[times["add_many"]] * 1e9 / N, c["add_many_u8"]],
  ["C add", c["add"], c["add"]],
  ["C add_many_u8", c["add_many_u8"], c["add_many_u8"]]
]
rows.each do |name, ns, base|
  next unless ns

  puts format("%-22s %12.3f %12s", name, ns, base ? format("%.1f", ns / base) : "-")
end
puts format("batch of 10^6 bytes: %.3f ms per add_many call", median[times["add_many"]] * 1e3)
warn "cxm-bench not found at #{bench}: no C rows" if c.empty?
