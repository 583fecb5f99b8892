/// A value of the Python literal subset that `repr()` of xmltodict output uses.
///
/// MemoTrace v3 writes messages it cannot name as `-1\n` + `repr(xmltodict.parse(xml))`
/// (FORMATS.md §7). This reader never evaluates anything; it accepts strings (single or double
/// quotes, with escapes and `b`/`r`/`u` prefixes), numbers, `None`, `True`, `False`, dicts,
/// lists and tuples.
enum PythonLiteral {
  case string(String)
  /// Kept as written, so large ids stay exact.
  case number(String)
  case bool(Bool)
  case none
  case list([PythonLiteral])
  /// Keys in source order (xmltodict keeps document order).
  case dict([PythonEntry])

  /// Parses one literal that spans `bytes` (surrounding whitespace allowed).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(PythonSyntaxError) -> PythonLiteral {
    var reader = Reader(bytes: bytes)
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.index == bytes.count else { throw PythonSyntaxError(offset: reader.index) }
    return value
  }

  /// Text form of a scalar, as xmltodict would have read it from the XML.
  var scalarText: String? {
    switch self {
    case .string(let text), .number(let text): text
    case .bool(let value): value ? "True" : "False"
    case .none, .list, .dict: nil
    }
  }
}

/// One `key: value` entry of a Python dict.
struct PythonEntry {
  var key: String
  var value: PythonLiteral
}

/// Where a Python literal stops being readable.
struct PythonSyntaxError: Error {
  /// 0-based byte offset into the literal.
  var offset: Int
}

private struct Reader {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  /// Deep enough for any payload, shallow enough that hostile input cannot exhaust the stack.
  static let maxDepth = 128

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private var error: PythonSyntaxError { PythonSyntaxError(offset: index) }

  mutating func skipSpace() {
    while index < bytes.count, PayloadText.isSpace(bytes[index]) { index += 1 }
  }

  private mutating func consume(_ byte: UInt8) -> Bool {
    skipSpace()
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  mutating func value(depth: Int) throws(PythonSyntaxError) -> PythonLiteral {
    guard depth < Self.maxDepth else { throw error }
    skipSpace()
    guard index < bytes.count else { throw error }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      index += 1
      var pairs: [PythonEntry] = []
      if consume(UInt8(ascii: "}")) { return .dict(pairs) }
      repeat {
        if consume(UInt8(ascii: "}")) { return .dict(pairs) }  // trailing comma
        let key = try value(depth: depth + 1)
        guard let keyText = key.scalarText ?? (key.isNone ? "None" : nil), consume(UInt8(ascii: ":")) else {
          throw error
        }
        pairs.append(PythonEntry(key: keyText, value: try value(depth: depth + 1)))
      } while consume(UInt8(ascii: ","))
      guard consume(UInt8(ascii: "}")) else { throw error }
      return .dict(pairs)
    case UInt8(ascii: "["), UInt8(ascii: "("):
      let close = bytes[index] == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
      index += 1
      var items: [PythonLiteral] = []
      if consume(close) { return .list(items) }
      repeat {
        if consume(close) { return .list(items) }
        items.append(try value(depth: depth + 1))
      } while consume(UInt8(ascii: ","))
      guard consume(close) else { throw error }
      return .list(items)
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      return .string(try string(raw: false))
    default:
      return try word()
    }
  }

  /// `None`, `True`, `False`, a number, or a prefixed string (`b'…'`, `r'…'`, `u'…'`).
  private mutating func word() throws(PythonSyntaxError) -> PythonLiteral {
    let start = index
    while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    if index < bytes.count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\""),
      word.count <= 2, word.lowercased().allSatisfy({ "bru".contains($0) }), !word.isEmpty
    {
      return .string(try string(raw: word.lowercased().contains("r")))
    }
    switch word {
    case "None": return .none
    case "True": return .bool(true)
    case "False": return .bool(false)
    default:
      guard let first = word.utf8.first,
        first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || (first >= 0x30 && first <= 0x39)
      else {
        index = start
        throw error
      }
      return .number(word)
    }
  }

  private func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "+")
  }

  private mutating func string(raw: Bool) throws(PythonSyntaxError) -> String {
    let quote = bytes[index]
    index += 1
    var output: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      if byte == quote {
        index += 1
        return String(decoding: output, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
        if raw {
          output.append(byte)
          output.append(bytes[index + 1])
          index += 2
          continue
        }
        index += 1
        try escape(into: &output)
        continue
      }
      output.append(byte)
      index += 1
    }
    throw error
  }

  private mutating func escape(into output: inout [UInt8]) throws(PythonSyntaxError) {
    let byte = bytes[index]
    index += 1
    switch byte {
    case UInt8(ascii: "n"): output.append(0x0A)
    case UInt8(ascii: "r"): output.append(0x0D)
    case UInt8(ascii: "t"): output.append(0x09)
    case UInt8(ascii: "0"): output.append(0x00)
    case UInt8(ascii: "a"): output.append(0x07)
    case UInt8(ascii: "b"): output.append(0x08)
    case UInt8(ascii: "f"): output.append(0x0C)
    case UInt8(ascii: "v"): output.append(0x0B)
    case UInt8(ascii: "\n"): break  // line continuation
    case UInt8(ascii: "x"): try scalar(hexDigits: 2, into: &output)
    case UInt8(ascii: "u"): try scalar(hexDigits: 4, into: &output)
    case UInt8(ascii: "U"): try scalar(hexDigits: 8, into: &output)
    default:
      // `\\`, `\'`, `\"` and, as Python does, unknown escapes keep the character.
      if byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "\"") {
        output.append(UInt8(ascii: "\\"))
      }
      output.append(byte)
    }
  }

  private mutating func scalar(hexDigits: Int, into output: inout [UInt8]) throws(PythonSyntaxError) {
    guard index + hexDigits <= bytes.count,
      let value = UInt32(
        String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + hexDigits)]), as: UTF8.self),
        radix: 16)
    else { throw error }
    index += hexDigits
    // Lone surrogates (possible in a Python str) become U+FFFD.
    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
    output.append(contentsOf: String(Character(scalar)).utf8)
  }
}

extension PythonLiteral {
  fileprivate var isNone: Bool {
    if case .none = self { return true }
    return false
  }

  /// Replays an xmltodict structure as element events: `@key` entries are attributes, `#text`
  /// is text, lists repeat the element.
  func replay(as name: String, into builder: PayloadBuilder, depth: Int = 0) {
    guard depth < 128 else { return }
    switch self {
    case .list(let items):
      for item in items { item.replay(as: name, into: builder, depth: depth + 1) }
    case .dict(let pairs):
      var attributes: [(String, String)] = []
      for entry in pairs where entry.key.hasPrefix("@") {
        attributes.append((entry.key, entry.value.scalarText ?? ""))
      }
      builder.startElement(name, attributes: attributes)
      for entry in pairs where !entry.key.hasPrefix("@") {
        if entry.key == "#text" {
          if var text = entry.value.scalarText { text.withUTF8 { builder.characters($0) } }
        } else {
          entry.value.replay(as: entry.key, into: builder, depth: depth + 1)
        }
      }
      builder.endElement()
    case .string, .number, .bool:
      builder.startElement(name, attributes: [])
      if var text = scalarText { text.withUTF8 { builder.characters($0) } }
      builder.endElement()
    case .none:
      builder.startElement(name, attributes: [])
      builder.endElement()
    }
  }
}
