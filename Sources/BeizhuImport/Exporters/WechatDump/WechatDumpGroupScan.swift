import BeizhuCore

/// The first pass over a wechat-dump file: is it a group chat? (FORMATS.md §12)
///
/// In a private chat every non-`me` line carries the very name the file is named after; so
/// several distinct non-`me` names, or one whose sanitised form is not the file stem, mean a
/// group. Only `me` lines leave it unknown. The scan keeps one name and stops at the first
/// proof of a group.
enum WechatDumpGroupScan {
  static func isGroup(path: String, stem: String, chunkSize: Int) throws(ImportError) -> Bool? {
    // Decoding problems are reported by the second pass; this one only looks at names.
    let stream = try UTF8Stream(path: path, chunkSize: chunkSize) { _ in }
    let lines = LineReader(stream: stream)
    var friendName: String?
    while let line = try lines.next() {
      let name = WechatDumpLine.withParsed(line.text) { header, bytes in
        header.map { WechatDumpLine.string(bytes, $0.name) }
      }
      guard let name, name != "me" else { continue }
      if let known = friendName {
        if known != name { return true }
        continue
      }
      if !belongsToPrivateChat(name: name, stem: stem) { return true }
      friendName = name
    }
    return friendName == nil ? nil : false
  }

  /// Whether a sender `name` could be the friend a file named `stem` is about.
  static func belongsToPrivateChat(name: String, stem: String) -> Bool {
    // The nameless contact's file is `<number>.txt` and its lines have an empty name.
    if name.isEmpty { return stem.isEmpty || stem.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    let sanitised = NameVariants.wechatDump(name)
    if sanitised == stem { return true }
    // A copy made by the file manager: `王姐老客户 (1).txt`.
    guard stem.hasPrefix(sanitised) else { return false }
    let rest = stem.dropFirst(sanitised.count).drop { $0 == " " }
    guard rest.hasPrefix("("), rest.hasSuffix(")"), rest.count > 2 else { return false }
    return rest.dropFirst().dropLast().allSatisfy(\.isASCIIDigit)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
