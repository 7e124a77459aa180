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
#   add_many(Array)  the same ratings as an Array of Integers, which the
#                binding checks and packs into int32s before the call
#   C add, C add_many_u8   cxm-bench -n 10^6 -r 1 after each repetition,
#                through the shared library
# Ratings are 0..10 from a fixed seed; every result is checked against
# Array#tally before anything is printed.

require_relative "lib/cxmetrics"

# --calls N add|bare|batch: only N calls of one path, untimed, for
# callgrind (docs/performance.md: instructions per call from two values of
# N); batch is add_many of 10^6 bytes.
if ARGV[0] == "--calls"
  n = Integer(ARGV[1])
  acc = Cxmetrics::Accumulator.new(Cxmetrics::PRESET_NPS)
  handle = acc.send(:handle)
  case ARGV[2]
  when "bare" then n.times { Cxmetrics::Native.cxm_acc_add(handle, 9) }
  when "batch"
    batch = "\x09" * 1_000_000
    n.times { acc.add_many(batch) }
    n *= 1_000_000
  else n.times { acc.add(9) }
  end
  raise "total #{acc.total}" unless acc.total == n

  exit
end

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
  end,
  "add_many(Array)" => lambda do |acc|
    seconds { acc.add_many(ratings) }
  end
}

# cxm-bench's rows (ns per rating), one repetition: run between the Ruby
# repetitions so that both see the same spells of a busy machine.
def c_rows(bench)
  return {} unless File.executable?(bench)

  `#{bench} -n #{N} -r 1`.each_line.filter_map do |line|
    [Regexp.last_match(1), Float(Regexp.last_match(2))] if line =~ /\A(add|add_many_u8)\s+([\d.]+)\s+rating/
  end.to_h
end

times = Hash.new { |h, k| h[k] = [] }
reps.times do
  paths.each do |name, path|
    acc = Cxmetrics::Accumulator.new(Cxmetrics::PRESET_NPS)
    times[name] << path.call(acc)
    check(acc, expected, name)
    acc.close
  end
  c_rows(bench).each { |name, ns| times["C #{name}"] << ns }
end
median = ->(xs) { xs.sort[xs.size / 2] }
c = %w[add add_many_u8].to_h { |name| [name, times.key?("C #{name}") ? median[times["C #{name}"]] : nil] }

puts "cxmetrics #{Cxmetrics.version.first}, Ruby #{RUBY_VERSION}, ffi #{FFI::VERSION}, " \
     "10^6 ratings on 0-10, median of #{reps}"
puts format("%-22s %12s %12s", "path", "ns/rating", "x C")
rows = [
  ["Ruby add", median[times["add"]] * 1e9 / N, c["add"]],
  ["Ruby add (bare FFI)", median[times["add (FFI)"]] * 1e9 / N, c["add"]],
  ["Ruby add_many(String)", median[times["add_many"]] * 1e9 / N, c["add_many_u8"]],
  ["Ruby add_many(Array)", median[times["add_many(Array)"]] * 1e9 / N, c["add_many_u8"]],
  ["C add", c["add"], c["add"]],
  ["C add_many_u8", c["add_many_u8"], c["add_many_u8"]]
]
rows.each do |name, ns, base|
  next unless ns

  puts format("%-22s %12.3f %12s", name, ns, base ? format("%.1f", ns / base) : "-")
end
puts format("batch of 10^6 bytes: %.3f ms per add_many call", median[times["add_many"]] * 1e3)
warn "cxm-bench not found at #{bench}: no C rows" unless c["add"]
