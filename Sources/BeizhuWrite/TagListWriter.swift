import BeizhuPlan

/// `tags/<tag>.txt`: the members of each proposed tag, one new remark per line in contact-list
/// order, since a WeChat tag is created by picking its members.
public struct TagListWriter: ExportWriter {
  public init() {}

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    var members: [String: [PlanEntry]] = [:]
    for entry in document.contacts {
      for tag in Set(entry.tags) { members[tag, default: []].append(entry) }
    }
    var used: Set<String> = []
    var files: [ExportFile] = []
    for tag in members.keys.sorted() {
      let name = Self.uniqueName(Self.safeFileName(tag), used: &used)
      let lines = context.contactListOrder(members[tag] ?? []).map(\.remark)
      files.append(ExportFile(path: "tags/\(name).txt", contents: lines.joined(separator: "\n") + "\n"))
    }
    return files
  }

  /// A file name that is valid on Linux, macOS and Windows: no separators, reserved
  /// characters or controls, no leading dot, at most 80 characters.
  public static func safeFileName(_ tag: String) -> String {
    let reserved: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
    var name = String(
      tag.map { character -> Character in
        if reserved.contains(character) { return "_" }
        if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "_" }
        return character
      })
    name = name.trimmingCharacters(in: [" ", "."])
    if name.count > 80 { name = String(name.prefix(80)) }
    let windowsReserved = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })
    if name.isEmpty || windowsReserved.contains(name.uppercased()) { name = "_" + name }
    return name
  }

  /// Case-insensitive file systems fold names: the second `VIP`/`vip` becomes `vip-2`.
  static func uniqueName(_ name: String, used: inout Set<String>) -> String {
    var candidate = name
    var counter = 2
    while used.contains(candidate.lowercased()) {
      candidate = "\(name)-\(counter)"
      counter += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }
}

extension String {
  func trimmingCharacters(in set: Set<Character>) -> String {
    var text = Substring(self)
    while let first = text.first, set.contains(first) { text.removeFirst() }
    while let last = text.last, set.contains(last) { text.removeLast() }
    return String(text)
  }
}
