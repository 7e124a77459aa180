# frozen_string_literal: true

# The whole suite of the Ruby binding (ctest ruby_binding): every test_*.rb
# beside this file. Minitest's options pass through, e.g. `-e '/million/'`.
Dir[File.join(__dir__, "test_*.rb")].sort.each { |file| require file }
