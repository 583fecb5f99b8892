import BeizhuCore
import Foundation

/// Text helpers shared by the MemoTrace v2 and v3 readers.
enum MemoTraceText {
  /// Splits a v3 chat folder `<R>(<id>)` at its last parenthesised group; `R` may itself hold
  /// parentheses (`Coco(同事介绍)(wxid_coco_orange)`).
  static func splitFolder(_ folder: String) -> (name: String, id: String)? {
    guard folder.hasSuffix(")"), let open = folder.lastIndex(of: "(") else { return nil }
    let name = String(folder[..<open])
    let id = String(folder[folder.index(after: open)..<folder.index(before: folder.endIndex)])
    // Ids never contain spaces or CJK; a remark like `赵阿姨(想做代理)` is not an id.
    guard !name.isEmpty, isPlausibleID(id) else { return nil }
    return (name, id)
  }

  /// Whether `text` looks like a WeChat account id (`wxid_…`, a free-form id, `…@chatroom`).
  static func isPlausibleID(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= 64 else { return false }
    return text.utf8.allSatisfy { byte in
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
        || byte == UInt8(ascii: ".")
    }
  }

  /// Removes `<…>` tags from a system notice with a tolerant scan (the markup is not XML:
  /// raw `&` in attributes), trimming the spaces WeChat leaves around an icon.
  static func stripMarkup(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "<")) else {
      return text.trimmed()
    }
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    var inTag = false
    var quote: UInt8 = 0
    for byte in text.utf8 {
      if inTag {
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          inTag = false
        }
      } else if byte == UInt8(ascii: "<") {
        inTag = true
      } else {
        output.append(byte)
      }
    }
    var result = String(decoding: output, as: UTF8.self)
    result = result.replacingOccurrences(of: "<![CDATA[", with: "").replacingOccurrences(of: "]]>", with: "")
    return result.trimmed()
  }

  /// Undoes Python's `html.escape(quote=False)` followed by MemoTrace's JavaScript escaping
  /// (`escape_js_and_html`), which v2 applies to display names in HTML and TXT.
  static func unescapeDisplayName(_ name: String) -> String {
    guard name.contains("&") || name.contains("\\") else { return name }
    var bytes: [UInt8] = []
    var iterator = Array(name.utf8).makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "\\") else {
        bytes.append(byte)
        continue
      }
      guard let next = iterator.next() else {
        bytes.append(byte)
        break
      }
      switch next {
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "t"): bytes.append(0x09)
      default: bytes.append(next)
      }
    }
    return unescapeEntities(String(decoding: bytes, as: UTF8.self))
  }

  /// `&lt; &gt; &quot; &#39; &amp;` (the last one last, so `&amp;lt;` stays `&lt;`).
  static func unescapeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#x27;", with: "'")
      .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
  }

  /// Whether `bytes` starts with `YYYY-MM-DD HH:MM:SS` followed by the end or a space: the
  /// header line of a MemoTrace TXT block.
  static func timeHeaderLength(_ line: String) -> Int? {
    let bytes = Array(line.utf8.prefix(20))
    guard bytes.count >= 19 else { return nil }
    for (index, byte) in bytes.prefix(19).enumerated() {
      switch index {
      case 4, 7: if byte != UInt8(ascii: "-") { return nil }
      case 10: if byte != UInt8(ascii: " ") { return nil }
      case 13, 16: if byte != UInt8(ascii: ":") { return nil }
      default: if byte < 0x30 || byte > 0x39 { return nil }
      }
    }
    if bytes.count == 19 { return 19 }
    return bytes[19] == UInt8(ascii: " ") ? 19 : nil
  }

  /// Whether a `StrTime`/`时间` cell is in the exporter's own `YYYY-MM-DD HH:MM:SS` form.
  static func isCanonicalTime(_ cell: String) -> Bool {
    cell.utf8.count == 19 && timeHeaderLength(cell) == 19
  }

  /// Field names of a CSV header line, for detection (quotes and a BOM removed).
  static func headerNames(_ line: String) -> [String] {
    line.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmed(newlines: false).replacingOccurrences(of: "\u{FEFF}", with: "")
        .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
  }

  /// How many of `expected` a header holds.
  static func overlap(_ names: [String], _ expected: [String]) -> Int {
    let set = Set(names)
    return expected.reduce(0) { $0 + (set.contains($1) ? 1 : 0) }
  }
}

/// Collects the once-per-file notes and warnings an importer owes the user.
struct FileNotices {
  let path: String
  private(set) var reported: Set<String> = []

  init(path: String) { self.path = path }

  /// Emits `issue` unless one with the same code was emitted for this file already.
  mutating func once(_ issue: Issue, sink: ImportSink) throws(ImportError) {
    guard !reported.contains(issue.code.rawValue) else { return }
    reported.insert(issue.code.rawValue)
    try sink(.issue(issue))
  }
}

extension Issue.Code {
  /// A file an exporter writes that Beizhu recognises but does not read (with the reason).
  static let memoTraceNotRead = Issue.Code("not-read")
}
