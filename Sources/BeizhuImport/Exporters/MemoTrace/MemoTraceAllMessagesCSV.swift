import BeizhuCore
import Foundation

/// MemoTrace v2 `messages.csv`, all chats in one file (FORMATS.md §6).
///
/// There is no chat id: `Remark`/`NickName` are the chat's (raw), so a chat is
/// `.name(remark or nickname)` for the workspace to map through `contacts.csv`. `Sender` is `我`
/// for the owner, the friend's NickName in a private chat and the member's name in a group.
/// A first pass records, per chat, whether any non-owner, non-system row has a `Sender` that is
/// neither the chat's NickName nor its Remark: such a chat is a group. Chats without that
/// evidence are private when a friend row matched, unknown (`nil`) when only the owner spoke.
/// Memory: one entry per chat, never per message.
struct MemoTraceAllMessagesCSV {
  let probe: FileProbe
  let context: ImportContext
  let chunkSize: Int

  private struct ChatKey: Hashable {
    var remark: String
    var nickname: String
  }

  private func groupEvidence() throws(ImportError) -> [ChatKey: Bool] {
    var file = try MemoTraceCSVFile(path: probe.path, chunkSize: chunkSize)
    let columns = try MemoTraceV2Columns(file.header, path: probe.path)
    var evidence: [ChatKey: Bool] = [:]
    while let record = try file.next(sink: { _ in }) {
      let key = ChatKey(remark: record[safe: columns.remark], nickname: record[safe: columns.nickname])
      let type = Int64(record[safe: columns.type].trimmed(newlines: false)) ?? 0
      let sender = record[safe: columns.sender]
      let isOwner =
        record[safe: columns.isSender].trimmed(newlines: false) == "1" || sender == "我"
      if isOwner || type == 10000 || type == 10002 || evidence[key] == true { continue }
      evidence[key] = sender != key.nickname && sender != key.remark
    }
    return evidence
  }

  func read(sink: ImportSink) throws(ImportError) {
    let evidence = try groupEvidence()
    var file = try MemoTraceCSVFile(path: probe.path, chunkSize: chunkSize)
    let columns = try MemoTraceV2Columns(file.header, path: probe.path)
    var notices = FileNotices(path: probe.path)
    if file.encodingShowsResave {
      try notices.once(file.resaveNote("encoding \(file.stream.encoding.rawValue), not UTF-8"), sink: sink)
    }
    let expectedFields = file.header.names.count
    while let record = try file.next(sink: sink) {
      // A chat missing from the contact table loses its Remark/NickName cells: Sender shifts left.
      if record.fields.count < expectedFields {
        try sink(
          .issue(
            Issue(
              .warning, .badRecord, at: file.location(record),
              "row skipped: \(record.fields.count) fields, expected \(expectedFields) / 行已跳过：列数不足",
              hint: "the chat of this row is not named (its contact was missing when exporting)")))
        continue
      }
      guard let row = try MemoTraceV2Row.decode(record, columns, file: file, context: context, sink: sink)
      else { continue }
      let location = file.location(record)
      if row.timeReformatted {
        try notices.once(file.resaveNote("StrTime rewritten, e.g. without seconds"), sink: sink)
      }
      let name = row.remark.isEmpty ? row.nickname : row.remark
      guard !name.isEmpty else {
        try sink(
          .issue(
            Issue(
              .warning, .badRecord, at: location,
              "row skipped: the chat has neither Remark nor NickName / 行已跳过：无法确定所属聊天",
              hint: "export the chat as a per-chat CSV, which carries the friend's wxid")))
        continue
      }
      let saysMe = row.sender == "我"
      if !row.isSystem && saysMe != row.isSender {
        try notices.once(
          Issue(
            .warning, .inconsistentRow, at: location,
            "IsSender contradicts Sender (我); IsSender was followed / IsSender 与 Sender 矛盾，以 IsSender 为准",
            hint: "the file may have been edited by hand"), sink: sink)
      }
      let isGroup = evidence[ChatKey(remark: row.remark, nickname: row.nickname)]
      let side: MessageSide = row.isSystem ? .system : row.isSender ? .me : .friend
      let body = row.body()
      let message = Message(
        chat: ChatRef(.name(name), isGroup: isGroup, title: name), time: row.time, side: side,
        kind: body.kind,
        text: body.text, sender: isGroup == true && side == .friend && !row.sender.isEmpty ? row.sender : nil,
        exporterKey: row.localID.isEmpty ? nil : row.localID, payload: body.payload, source: location)
      try sink(.message(message))
    }
  }
}
