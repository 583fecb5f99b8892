import Foundation

/// `wecom/remark.jsonl` restoring the previous remarks and descriptions (for `beizhu undo`).
public struct UndoWeComWriter: Sendable {
  public var userID: String

  public init(userID: String = "") { self.userID = userID }

  public func render(_ items: [UndoItem]) -> ExportFile {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let lines = items.sorted { $0.id < $1.id }.compactMap { item -> String? in
      let body = WeComWriter.RemarkBody(
        userid: userID, external_userid: item.id, remark: item.remark, description: item.description,
        remark_mobiles: nil)
      return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) + "\n" }
    }
    return ExportFile(path: "wecom/remark.jsonl", contents: lines.joined())
  }
}
