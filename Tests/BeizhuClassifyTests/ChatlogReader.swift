import BeizhuCore
import Foundation

/// A test-only reader for chatlog's `format=json` chat bodies (FORMATS.md §9), so the sample
/// chats can be classified without the importer.
enum ChatlogReader {
  struct Failure: Error { var reason: String }

  static func messages(at url: URL) throws -> [Message] {
    let data = try Data(contentsOf: url)
    guard let items = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
      throw Failure(reason: "not an array of objects")
    }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    var result: [Message] = []
    for item in items {
      guard let timeText = item["time"] as? String, let date = formatter.date(from: timeText) else {
        throw Failure(reason: "bad time")
      }
      let type = (item["type"] as? NSNumber)?.int64Value ?? 0
      let subType = (item["subType"] as? NSNumber)?.int64Value ?? 0
      let kind = MessageKind.fromWeChatType(type, subType: subType)
      let isSelf = (item["isSelf"] as? Bool) ?? false
      let side: MessageSide = kind == .system ? .system : isSelf ? .me : .friend
      let content = (item["content"] as? String) ?? ""
      let talker = (item["talker"] as? String) ?? ""
      result.append(
        Message(
          chat: ChatRef(.id(talker), isGroup: false), time: Int64(date.timeIntervalSince1970), side: side,
          kind: kind, text: content, sender: nil, payload: content.hasPrefix("<") ? content : nil,
          source: SourceLocation(path: url.lastPathComponent, line: result.count + 1)))
    }
    return result.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(
      \.element)
  }
}

/// Paths to the shared samples and our own fixtures, relative to this file.
enum Paths {
  static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let samples = repo.deletingLastPathComponent().appendingPathComponent("shared/formats/samples")
  static let testdata = repo.appendingPathComponent("testdata")
}
