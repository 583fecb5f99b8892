import BeizhuCore
import Foundation

/// MemoTrace v3 chat `<R>.csv` (FORMATS.md §7): no sender flag.
///
/// The owner's rows are those whose `发送人` is a known owner name (context hints, e.g. from the
/// `.html.json` of the same export) or whose `备注`/`昵称` are empty while `发送人` is not: the
/// exporter fills those two cells from an owner record that nothing sets. In a private chat a
/// `发送人` equal to the folder's `<R>` is always the friend's. System rows are `类型` 系统消息
/// with an empty `发送人`.
struct MemoTrace3ChatCSV {
  let probe: FileProbe
  let context: ImportContext
  let chunkSize: Int

  func read(sink: ImportSink) throws(ImportError) {
    var file = try MemoTraceCSVFile(path: probe.path, chunkSize: chunkSize)
    let header = file.header
    try header.require(["类型", "发送人", "时间", "内容"], path: probe.path)
    let columns = (
      id: header["消息ID"], type: header["类型"], sender: header["发送人"], time: header["时间"],
      content: header["内容"], remark: header["备注"], nickname: header["昵称"]
    )
    let chat = MemoTrace3Chat(probe: probe)
    let ref = chat.ref
    let isGroup = ref.isGroup == true
    var notices = FileNotices(path: probe.path)
    if file.encodingShowsResave {
      try notices.once(file.resaveNote("encoding \(file.stream.encoding.rawValue), not UTF-8"), sink: sink)
    }
    while let record = try file.next(sink: sink) {
      let location = file.location(record)
      let timeText = record[safe: columns.time]
      guard let parsed = context.timeParser.parse(timeText) else {
        try sink(
          .issue(
            Issue(
              .warning, .badTime, at: location, "row skipped: 时间 is not a time / 行已跳过：时间无法识别",
              hint: "expected YYYY-MM-DD HH:MM:SS")))
        continue
      }
      if parsed.lacksSeconds || parsed.isReformatted {
        try notices.once(file.resaveNote("时间 rewritten, e.g. without seconds"), sink: sink)
      }
      let typeName = record[safe: columns.type].trimmed(newlines: false)
      let author = record[safe: columns.sender]
      let cellsEmpty = record[safe: columns.remark].isEmpty && record[safe: columns.nickname].isEmpty
      let isSystem = TypeNames.kind(for: typeName) == .system || (author.isEmpty && cellsEmpty)
      let isFriendName = !isGroup && (author == chat.name || NameVariants.memoTrace(author) == chat.name)
      let side: MessageSide
      if isSystem {
        side = .system
      } else if isFriendName {
        side = .friend
        if cellsEmpty {
          try notices.once(
            Issue(
              .warning, .inconsistentRow, at: location,
              "发送人 is the friend but 备注/昵称 are empty; read as the friend's / 发送人与备注列矛盾，按好友处理",
              hint: "the file may have been edited by hand"), sink: sink)
        }
      } else if context.isOwner(name: author) || (cellsEmpty && !author.isEmpty) {
        side = .me
      } else {
        side = .friend
      }
      let rendered = MemoTraceRenderedText.interpret(
        record[safe: columns.content], isSystem: isSystem, typeName: typeName)
      let id = record[safe: columns.id].trimmed(newlines: false)
      let message = Message(
        chat: ref, time: parsed.unixSeconds, side: side, kind: rendered.kind, text: rendered.text,
        sender: isGroup && side == .friend && !author.isEmpty ? author : nil,
        serverID: !id.isEmpty && id.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? id : nil,
        transfer: rendered.transfer, payload: rendered.payload, source: location)
      try sink(.message(message))
    }
  }
}
