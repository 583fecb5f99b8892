import BeizhuCore
import Foundation

/// Small shared helpers for the exporters whose files name chats by wxid.
enum ExportText {
  /// Whether `text` is a non-empty run of ASCII digits.
  static func isDigits(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  /// Whether `text` looks like a WeChat id (wxid, old free-form id, `…@chatroom`, `gh_…`), not a display name.
  static func looksLikeID(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= 64 else { return false }
    return text.utf8.allSatisfy { byte in
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
        || byte == UInt8(ascii: ".")
    }
  }

  /// The one note a file gets when its times were re-formatted by a spreadsheet.
  static func resaveNote(path: String, line: Int) -> Issue {
    Issue(
      .note, .spreadsheetResave, at: SourceLocation(path: path, line: line),
      "times were reformatted by a spreadsheet (slashes or no seconds) / 时间格式被表格软件改过",
      hint: "times without seconds are read as :00; export again for exact times")
  }

  static func badTime(path: String, line: Int, offset: Int64, column: String) -> Issue {
    Issue(
      .warning, .badTime, at: SourceLocation(path: path, line: line, byteOffset: offset),
      "cannot read the time in column \(column); row skipped / 时间无法识别，已跳过此行",
      hint: "expected a time like 2024-04-03 15:25:21")
  }

  /// A cut file ends where it ends: the stream reader's offset counts decoded bytes (a character
  /// cut in half became U+FFFD), so a truncation is located at the stored file's size instead.
  static func locatingCut(_ issue: Issue) -> Issue {
    guard issue.code == .truncated else { return issue }
    var located = issue
    let attributes = try? FileManager.default.attributesOfItem(atPath: issue.location.path)
    if let size = (attributes?[.size] as? NSNumber)?.int64Value { located.location.byteOffset = size }
    return located
  }

  static func inconsistent(path: String, line: Int, offset: Int64, what: String) -> Issue {
    Issue(
      .warning, .inconsistentRow, at: SourceLocation(path: path, line: line, byteOffset: offset),
      "\(what); the sender flag was trusted (reported once per file) / 发送方标志与 id 列矛盾，以标志为准",
      hint: "the file may have been edited by hand")
  }
}

extension String {
  /// Whether the string's bytes end with `suffix`'s. `hasSuffix` compares Characters, and a
  /// generic byte comparison still cost hundreds of instructions per row.
  func hasByteSuffix(_ suffix: StaticString) -> Bool {
    withBytes { bytes in
      let count = suffix.utf8CodeUnitCount
      guard bytes.count >= count, let base = bytes.baseAddress else { return count == 0 }
      return memcmp(base + (bytes.count - count), suffix.utf8Start, count) == 0
    }
  }

  /// Whether the string is `text`, byte for byte (`==` compares Characters for non-ASCII text).
  func hasSameBytes(as text: StaticString) -> Bool {
    withBytes { bytes in
      let count = text.utf8CodeUnitCount
      guard bytes.count == count, let base = bytes.baseAddress else { return bytes.count == count }
      return memcmp(base, text.utf8Start, count) == 0
    }
  }

  /// Whether two strings hold the same bytes.
  func hasSameBytes(as other: String) -> Bool {
    withBytes { left in
      other.withBytes { right in
        guard left.count == right.count else { return false }
        guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
        return memcmp(leftBase, rightBase, left.count) == 0
      }
    }
  }

  /// The UTF-8 bytes in place (native strings are contiguous), or a copy of them.
  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(utf8).withUnsafeBufferPointer(body)
  }
}
