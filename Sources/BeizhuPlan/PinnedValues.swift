import BeizhuClassify
import BeizhuCore
import Foundation

/// Values a user pinned for one friend in `--overrides FILE`.
public struct PinnedValues: Sendable, Hashable {
  public var override: Override
  /// A name to use in the remark instead of the normalized one.
  public var name: String?

  public init(override: Override, name: String? = nil) {
    self.override = override
    self.name = name
  }
}

/// Reads `--overrides FILE`: a CSV with a header naming any of `id, level, role, channel,
/// revisit, name, tags` (only `id` is required; `tags` separated by `|`).
public enum OverridesFile {
  public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
  }

  public static func parse(_ text: String) throws(Problem) -> [String: PinnedValues] {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
    guard let headerLine = lines.first else { return [:] }
    let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmed(newlines: false).lowercased()
    }
    guard let idColumn = header.firstIndex(of: "id") else {
      throw Problem(line: 1, message: "the header needs an id column / 表头缺少 id 列")
    }
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    var result: [String: PinnedValues] = [:]
    for (offset, line) in lines.enumerated().dropFirst()
    where !line.trimmed(newlines: false).isEmpty {
      let number = offset + 1
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmed(newlines: false)
      }
      func field(_ name: String) -> String? {
        guard let index = column(name), index < fields.count, !fields[index].isEmpty else { return nil }
        return fields[index]
      }
      guard idColumn < fields.count, !fields[idColumn].isEmpty else {
        throw Problem(line: number, message: "empty id / id 为空")
      }
      var override = Override()
      if let level = field("level") {
        guard let value = Int(level), (1...6).contains(value) else {
          throw Problem(line: number, message: "level must be 1–6, got \(level) / 级别应为 1–6")
        }
        override.level = value
      }
      if let role = field("role") {
        guard let value = Role(rawValue: role.uppercased()) else {
          throw Problem(line: number, message: "role must be K, D or C, got \(role) / 角色应为 K、D 或 C")
        }
        if value == .channel { override.isChannel = true } else { override.role = value }
      }
      if let channel = field("channel") {
        override.isChannel = ["1", "yes", "true", "是", "y"].contains(channel.lowercased())
      }
      if let revisit = field("revisit") {
        guard let day = Day(iso: revisit) else {
          throw Problem(
            line: number, message: "revisit must be YYYY-MM-DD, got \(revisit) / 回访日期格式应为 YYYY-MM-DD")
        }
        override.revisit = day
      }
      if let tags = field("tags") { override.addTags = tags.split(separator: "|").map(String.init) }
      result[fields[idColumn]] = PinnedValues(override: override, name: field("name"))
    }
    return result
  }
}
