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
    case .number(let raw), .string(let raw):
      if let exact = Int64(raw) { return exact }
      // `1712129121.0` and similar integral decimals.
      if let dot = raw.firstIndex(of: "."), raw[raw.index(after: dot)...].allSatisfy({ $0 == "0" }) {
        return Int64(raw[..<dot])
      }
      return nil
    case .bool(let value): return value ? 1 : 0
    default: return nil
    }
  }

  public var bool: Bool? {
    switch self {
    case .bool(let value): value
    case .number, .string: int64.map { $0 != 0 } ?? (text == "true" ? true : text == "false" ? false : nil)
    default: nil
    }
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
