/// Parses a small flat JSON object held in one CSV cell (PyWxDump 2024's `content`:
/// `{"src": "…", "msg": "…"}`) without a stream. Nested values are skipped; scalars become text.
enum FlatJSONObject {
  /// The object's members as text, or `nil` when `text` is not a JSON object.
  static func parse(_ text: String) -> [String: String]? {
    let bytes = Array(text.utf8)
    var index = 0
    func skipSpace() {
      while index < bytes.count,
        bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
      {
        index += 1
      }
    }
    func readString() -> String? {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      index += 1
      var out: [UInt8] = []
      var pendingHigh: UInt32?
      func append(_ value: UInt32) {
        out.append(contentsOf: Array(String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8))
      }
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\"") {
          if let high = pendingHigh { append(high) }
          return String(decoding: out, as: UTF8.self)
        }
        guard byte == UInt8(ascii: "\\") else {
          if let high = pendingHigh {
            append(high)
            pendingHigh = nil
          }
          out.append(byte)
          continue
        }
        guard index < bytes.count else { return nil }
        let escape = bytes[index]
        index += 1
        if escape == UInt8(ascii: "u") {
          guard index + 4 <= bytes.count,
            let unit = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
          else { return nil }
          index += 4
          if (0xD800...0xDBFF).contains(unit) {
            if let high = pendingHigh { append(high) }
            pendingHigh = unit
          } else if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
            pendingHigh = nil
            append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
          } else {
            if let high = pendingHigh { append(high) }
            pendingHigh = nil
            append(unit)
          }
          continue
        }
        if let high = pendingHigh {
          append(high)
          pendingHigh = nil
        }
        switch escape {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        default: out.append(escape)
        }
      }
      return nil
    }
    /// Skips a value that is not a string; returns its text for scalars.
    func readOther() -> String? {
      var depth = 0
      let start = index
      var inString = false
      while index < bytes.count {
        let byte = bytes[index]
        if inString {
          if byte == UInt8(ascii: "\\") {
            index += 2
            continue
          }
          if byte == UInt8(ascii: "\"") { inString = false }
        } else if byte == UInt8(ascii: "\"") {
          inString = true
        } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
          depth += 1
        } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
          if depth == 0 { break }
          depth -= 1
        } else if byte == UInt8(ascii: ","), depth == 0 {
          break
        }
        index += 1
      }
      let raw = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
      let trimmed = raw.trimmingSpaces
      return trimmed == "null" ? "" : trimmed
    }

    skipSpace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
    index += 1
    var members: [String: String] = [:]
    while true {
      skipSpace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: "}") { return members }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard let key = readString() else { return nil }
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
      index += 1
      skipSpace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: "\"") {
        guard let value = readString() else { return nil }
        members[key] = value
      } else {
        members[key] = readOther()
      }
    }
  }
}

extension String {
  /// The text without leading and trailing ASCII spaces, tabs and line breaks.
  fileprivate var trimmingSpaces: String {
    var view = Substring(self)
    while let first = view.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
      view = view.dropFirst()
    }
    while let last = view.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
      view = view.dropLast()
    }
    return String(view)
  }
}
