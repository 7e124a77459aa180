# frozen_string_literal: true

module Cxmetrics
  # A quantity and a method as the library resolves them (resolve_method),
  # by name: Resolved.new(quantity: :net, method: :adjusted_wald).
  Resolved = Struct.new(:quantity, :method, keyword_init: true) do
    def initialize(**fields)
      super
      freeze
    end
  end

  # The library's names of methods, quantities and headlines, both ways:
  # method_name(METHOD_WILSON_CC) => :wilson_cc, method_number(:wilson_cc) =>
  # METHOD_WILSON_CC; the same for quantities and for headlines, whose names
  # are the scale text form's words (:share, :net, :mean). A number that
  # names nothing gives nil; a name the library does not know raises
  # InvalidArgumentError. The binding keeps no table of them.
  module Names
    module_function

    # The library's name of a number, as a symbol ("wilson-cc" => :wilson_cc),
    # or nil when it names nothing (a number beyond int32 included).
    def name_of(number, namer)
      raise TypeError, "#{number.inspect} is not an Integer" unless number.is_a?(Integer)
      return nil unless number.bit_length < 32

      Native.public_send(namer, number)&.tr("-", "_")&.to_sym
    end

    # The name of a number the library wrote into a result: it always has one.
    def resolved(number, namer)
      name_of(number, namer) or raise Error.for(InvalidArgumentError::STATUS, "the library resolved to #{number}")
    end
  end
  private_constant :Names

  def self.method_name(number) = Names.name_of(number, :cxm_method_name)
  def self.quantity_name(number) = Names.name_of(number, :cxm_quantity_name)
  def self.headline_name(number) = Names.name_of(number, :cxm_headline_name)
  def self.method_number(name) = Arguments.method_number(name)
  def self.quantity_number(name) = Arguments.quantity_number(name)
  def self.headline_number(name) = Arguments.named(name, :cxm_headline_parse, "headline")

  # What an interval (use: USE_INTERVAL), a comparison (USE_COMPARE) or their
  # weighted forms (USE_WEIGHTED_INTERVAL, USE_WEIGHTED_COMPARE) on this scale
  # resolve a quantity and a method to, without any data
  # (cxm_method_resolve): resolve_method(:nps) is
  # Resolved(quantity: :net, method: :adjusted_wald). InvalidArgumentError for
  # an unknown use or quantity, or a method the table does not allow for the
  # quantity.
  def self.resolve_method(scale, quantity = :headline, method = :default, use: USE_INTERVAL)
    native = Scale.coerce(scale).to_native
    q = Arguments.quantity_number(quantity)
    m = Arguments.method_number(method)
    u = Arguments.int32(use, "use", InvalidArgumentError::STATUS)
    outs = FFI::MemoryPointer.new(:int, 2)
    Error.check(Native.cxm_method_resolve(native, q, m, u, outs, outs + FFI.type_size(:int))) do
      "quantity #{quantity.inspect}, method #{method.inspect}, use #{use}"
    end
    quantity_out, method_out = outs.read_array_of_int(2)
    Resolved.new(quantity: Names.resolved(quantity_out, :cxm_quantity_name),
                 method: Names.resolved(method_out, :cxm_method_name))
  end
end
