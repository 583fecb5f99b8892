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

extension XMLDictNode {
  /// Builds a node from the Python `repr` form MemoTrace v3 writes into CSV and TXT cells,
  /// read by the payload parser's `PythonLiteral` reader (never evaluated).
  init(python: PythonLiteral) {
    switch python {
    case .none: self = .null
    case .string(let text), .number(let text): self = .text(text)
    case .bool(let value): self = .text(value ? "True" : "False")
    case .list(let items): self = .list(items.map(XMLDictNode.init(python:)))
    case .dict(let entries): self = .dict(entries.map { ($0.key, XMLDictNode(python: $0.value)) })
    }
  }

  /// The tree of a Python dict literal, or `nil` when the text is not one.
  static func parsePython(_ text: Substring) -> XMLDictNode? {
    var copy = String(text)
    let literal = copy.withUTF8 { bytes -> PythonLiteral? in try? PythonLiteral.parse(bytes) }
    return literal.map(XMLDictNode.init(python:))
  }
}
