/// A JSON (or JavaScript literal) value, small enough to hold one record at a time.
///
/// Numbers keep their source text so that 64-bit ids (MsgSvrID, packed 4.x type codes) stay exact:
/// `Double` loses digits above 2^53.
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The value as text: strings as they are, numbers and booleans in their source form.
  public var text: String? {
    switch self {
    case .string(let value): value
    case .number(let value): value
    case .bool(let value): value ? "true" : "false"
    default: nil
    }
  }

  /// The value as an exact integer, from a number or a string of digits.
  public var int64: Int64? {
    switch self {
    case .number(var raw), .string(var raw): raw.withUTF8 { Self.int64($0) }
    case .bool(let value): value ? 1 : 0
    default: nil
    }
  }

  public var bool: Bool? {
    switch self {
    case .bool(let value): value
    case .number(var raw), .string(var raw): raw.withUTF8 { Self.bool($0) }
    default: nil
    }
  }

  /// A number's or a string's text as an exact integer: optional sign and decimal digits, or an
  /// integral decimal such as `1712129121.0`; `nil` for anything else or out of range.
  static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var digitsEnd = bytes.count
    if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
      guard bytes[(dot + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
      digitsEnd = dot
    }
    var index = 0
    var negative = false
    if index < digitsEnd, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    guard index < digitsEnd else { return nil }
    var value: Int64 = 0
    while index < digitsEnd {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      // Accumulated negative so that Int64.min is reachable.
      let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (next, overflow2) = times10.subtractingReportingOverflow(Int64(digit))
      guard !overflow1, !overflow2 else { return nil }
      value = next
      index += 1
    }
    if negative { return value }
    return value == Int64.min ? nil : -value
  }

  /// A number's or a string's text as a boolean: an integer is true when not 0; `true`, `false`.
  static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    if let number = int64(bytes) { return number != 0 }
    if bytes.elementsEqual("true".utf8) { return true }
    if bytes.elementsEqual("false".utf8) { return false }
    return nil
  }

  public var array: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var object: [String: JSONValue]? {
    if case .object(let members) = self { return members }
    return nil
  }

  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }
}
