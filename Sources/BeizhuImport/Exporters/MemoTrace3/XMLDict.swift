import Foundation

/// A node of an `xmltodict` tree, in document order (MemoTrace v3 writes payloads this way:
/// as JSON in `.html.json`, as Python's `repr` in CSV and TXT).
indirect enum XMLDictNode: Sendable, Equatable {
  case text(String)
  case null
  case list([XMLDictNode])
  case dict([(key: String, value: XMLDictNode)])

  static func == (lhs: XMLDictNode, rhs: XMLDictNode) -> Bool {
    switch (lhs, rhs) {
    case (.text(let a), .text(let b)): a == b
    case (.null, .null): true
    case (.list(let a), .list(let b)): a == b
    case (.dict(let a), .dict(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
    default: false
    }
  }

  subscript(key: String) -> XMLDictNode? {
    if case .dict(let members) = self { return members.first { $0.key == key }?.value }
    return nil
  }

  var text: String? {
    switch self {
    case .text(let value): value
    case .dict: self["#text"]?.text
    default: nil
    }
  }

  /// Builds a node from the `.html.json` form (key order is lost there: keys are sorted so
  /// that the rebuilt XML is stable).
  init(json: JSONValue) {
    switch json {
    case .null: self = .null
    case .bool(let value): self = .text(value ? "True" : "False")
    case .number(let raw): self = .text(raw)
    case .string(let value): self = .text(value)
    case .array(let items): self = .list(items.map(XMLDictNode.init(json:)))
    case .object(let members):
      self = .dict(members.keys.sorted().map { ($0, XMLDictNode(json: members[$0] ?? .null)) })
    }
  }

  /// The XML the tree was made from (xmltodict's `unparse`): `@name` keys are attributes,
  /// `#text` is character data, lists repeat the element.
  func xml() -> String? {
    guard case .dict(let members) = self, !members.isEmpty else { return nil }
    var output = ""
    for (key, value) in members where !key.hasPrefix("@") && key != "#text" {
      Self.write(element: key, value, into: &output)
    }
    return output.isEmpty ? nil : output
  }

  private static func write(element name: String, _ node: XMLDictNode, into output: inout String) {
    guard isXMLName(name) else { return }
    switch node {
    case .list(let items):
      for item in items { write(element: name, item, into: &output) }
    case .null:
      output += "<\(name)/>"
    case .text(let value):
      output += "<\(name)>\(escape(value, attribute: false))</\(name)>"
    case .dict(let members):
      output += "<\(name)"
      for (key, value) in members where key.hasPrefix("@") {
        let attribute = String(key.dropFirst())
        guard isXMLName(attribute) else { continue }
        output += " \(attribute)=\"\(escape(value.text ?? "", attribute: true))\""
      }
      let children = members.filter { !$0.key.hasPrefix("@") }
      if children.isEmpty {
        output += "/>"
        return
      }
      output += ">"
      for (key, value) in children {
        if key == "#text" {
          output += escape(value.text ?? "", attribute: false)
        } else {
          write(element: key, value, into: &output)
        }
      }
      output += "</\(name)>"
    }
  }

  private static func isXMLName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first != "-", first != ".", !("0"..."9").contains(first)
    else { return false }
    return name.unicodeScalars.allSatisfy { scalar in
      scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        || scalar == "." || scalar == ":"
    }
  }

  private static func escape(_ text: String, attribute: Bool) -> String {
    var result = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
    if attribute { result = result.replacingOccurrences(of: "\"", with: "&quot;") }
    return result
  }
}

/// Parses the Python `repr` of an `xmltodict` dict (`{'msg': {'appmsg': {'@appid': '', …}}}`):
/// single- or double-quoted strings with backslash escapes, `None`, `True`/`False`, numbers,
/// lists and dicts. Never evaluates anything; anything else fails the parse.
struct PythonLiteralParser {
  private let bytes: [UInt8]
  private var position = 0
  private var depth = 0

  init(_ text: Substring) { bytes = Array(text.utf8) }

  /// The parsed value, or `nil` when the text is not such a literal.
  static func parse(_ text: Substring) -> XMLDictNode? {
    var parser = PythonLiteralParser(text)
    guard let value = parser.value() else { return nil }
    parser.skipSpace()
    return parser.position == parser.bytes.count ? value : nil
  }

  private mutating func skipSpace() {
    while position < bytes.count,
      bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D
        || bytes[position] == 0x09
    {
      position += 1
    }
  }

  private mutating func value() -> XMLDictNode? {
    skipSpace()
    guard position < bytes.count, depth < 200 else { return nil }
    switch bytes[position] {
    case UInt8(ascii: "{"):
      position += 1
      depth += 1
      defer { depth -= 1 }
      var members: [(key: String, value: XMLDictNode)] = []
      while true {
        skipSpace()
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "}") {
          position += 1
          return .dict(members)
        }
        if !members.isEmpty {
          guard bytes[position] == UInt8(ascii: ",") else { return nil }
          position += 1
          skipSpace()
          if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .dict(members)
          }
        }
        guard case .text(let key)? = value() else { return nil }
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
        position += 1
        guard let member = value() else { return nil }
        members.append((key, member))
      }
    case UInt8(ascii: "["):
      position += 1
      depth += 1
      defer { depth -= 1 }
      var items: [XMLDictNode] = []
      while true {
        skipSpace()
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "]") {
          position += 1
          return .list(items)
        }
        if !items.isEmpty {
          guard bytes[position] == UInt8(ascii: ",") else { return nil }
          position += 1
          skipSpace()
          if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .list(items)
          }
        }
        guard let item = value() else { return nil }
        items.append(item)
      }
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      return string()
    default:
      let start = position
      while position < bytes.count {
        let byte = bytes[position]
        let isWord =
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
        guard isWord else { break }
        position += 1
      }
      let word = String(decoding: bytes[start..<position], as: UTF8.self)
      switch word {
      case "None": return .null
      case "True", "False": return .text(word)
      default:
        guard !word.isEmpty, Double(word) != nil else { return nil }
        return .text(word)
      }
    }
  }

  private mutating func string() -> XMLDictNode? {
    let quote = bytes[position]
    position += 1
    var output: [UInt8] = []
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if byte == quote { return .text(String(decoding: output, as: UTF8.self)) }
      guard byte == UInt8(ascii: "\\") else {
        output.append(byte)
        continue
      }
      guard position < bytes.count else { return nil }
      let escape = bytes[position]
      position += 1
      switch escape {
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        let count = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
        guard position + count <= bytes.count,
          let code = UInt32(String(decoding: bytes[position..<position + count], as: UTF8.self), radix: 16)
        else { return nil }
        position += count
        output.append(contentsOf: Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8))
      default: output.append(escape)
      }
    }
    return nil
  }
}
