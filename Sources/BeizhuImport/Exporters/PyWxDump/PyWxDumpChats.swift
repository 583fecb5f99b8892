import BeizhuCore

/// PyWxDump's chat files: CSV pages (3.1 `msg,src` and 2024 `content` layouts, also after a
/// spreadsheet re-save as GB18030 or as tab-separated UTF-16) and the JSON array.
enum PyWxDumpChats {
  /// Columns every PyWxDump chat CSV has, in either layout.
  static let requiredColumns = ["MsgSvrID", "type_name", "is_sender", "talker", "room_name", "CreateTime"]

  /// The header of a PyWxDump chat CSV, or `nil` when the first line is not one.
  static func header(_ probe: FileProbe) -> CSVHeader? {
    // Cheap gate before splitting the first line (a one-line JSON file's line is the whole head).
    guard probe.headContains("is_sender"), probe.headContains("CreateTime") else { return nil }
    let line = probe.firstLine
    let delimiter: Character = line.contains("\t") ? "\t" : ","
    let header = CSVHeader(
      line.split(separator: delimiter, omittingEmptySubsequences: false).map {
        String($0).replacingQuotes
      })
    guard header.contains(all: requiredColumns),
      header.contains(all: ["msg"]) || header.contains(all: ["content"])
    else { return nil }
    return header
  }

  /// Excel's "Unicode text" save separates with tabs: take the delimiter from the header line.
  static func delimiter(_ probe: FileProbe) -> UInt8 {
    probe.firstLine.contains("\t") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
  }

  static func readCSV(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  )
    throws(ImportError)
  {
    let reader = CSVReader(stream: stream, delimiter: delimiter(probe))
    guard let first = try reader.next() else { return }
    let header = CSVHeader(first.fields)
    try header.require(requiredColumns, path: probe.path)
    let msgColumn = header["msg"]
    let contentColumn = header["content"]
    if msgColumn == nil && contentColumn == nil { try header.require(["msg"], path: probe.path) }
    let builder = PyWxDumpMessageBuilder(probe: probe, emitter: emitter, context: context)
    try builder.start()
    // Column positions looked up once, not per row.
    let serverIDColumn = header["MsgSvrID"]
    let typeNameColumn = header["type_name"]
    let isSenderColumn = header["is_sender"]
    let talkerColumn = header["talker"]
    let roomNameColumn = header["room_name"]
    let createTimeColumn = header["CreateTime"]
    while let record = try reader.next() {
      if record.isTruncated {
        try emitter.issue(truncated(probe.path, line: record.line, offset: record.byteOffset))
        break
      }
      // Concatenated pages repeat the header.
      if record[safe: serverIDColumn] == "MsgSvrID" { continue }
      var row = PyWxDumpRow()
      row.msgSvrID = record[safe: serverIDColumn]
      row.typeName = record[safe: typeNameColumn]
      row.isSender = record[safe: isSenderColumn]
      row.talker = record[safe: talkerColumn]
      row.roomName = record[safe: roomNameColumn]
      row.createTime = record[safe: createTimeColumn]
      row.line = record.line
      row.byteOffset = record.byteOffset
      if let msgColumn {
        row.msg = record[safe: msgColumn]
      } else {
        // 2024 layout: `{"src": "…", "msg": "…"}` in one quoted cell; plain text when it is not JSON.
        let content = record[safe: contentColumn]
        row.msg = FlatJSONObject.parse(content)?["msg"] ?? content
      }
      if row.createTime.isEmpty && record.fields.count < header.names.count {
        try emitter.issue(
          Issue(
            .warning, .badRecord,
            at: SourceLocation(path: probe.path, line: record.line, byteOffset: record.byteOffset),
            "row has \(record.fields.count) fields, expected \(header.names.count); skipped / 列数不足，已跳过",
            hint: "the row may have been edited by hand"))
        continue
      }
      try builder.handle(row)
    }
  }

  static func readJSON(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  )
    throws(ImportError)
  {
    let reader = JSONStreamReader(stream: stream)
    let builder = PyWxDumpMessageBuilder(probe: probe, emitter: emitter, context: context)
    try builder.start()
    do throws(ImportError) {
      guard try reader.beginArray() else {
        throw ImportError.rejected(
          Issue(
            .error, .unrecognized, at: SourceLocation(path: probe.path, line: 1),
            "expected a JSON array of messages / 应为消息数组"))
      }
      while try reader.nextElement() {
        let line = reader.currentLine
        let offset = reader.byteOffset
        let value = try reader.readValue()
        guard value.object != nil else {
          try emitter.issue(
            Issue(
              .warning, .badRecord, at: SourceLocation(path: probe.path, line: line, byteOffset: offset),
              "expected a message object / 应为消息对象", hint: "the element was skipped"))
          continue
        }
        var row = PyWxDumpRow()
        row.msgSvrID = value["MsgSvrID"]?.text ?? ""
        row.typeName = value["type_name"]?.text ?? ""
        row.isSender = value["is_sender"]?.text ?? ""
        row.talker = value["talker"]?.text ?? ""
        row.roomName = value["room_name"]?.text ?? ""
        row.msg = value["msg"]?.text ?? ""
        row.createTime = value["CreateTime"]?.text ?? ""
        row.line = line
        row.byteOffset = offset
        try builder.handle(row)
      }
    } catch {
      // A cut file keeps everything before the cut (FORMATS.md, IMPORTERS contract).
      guard case .rejected(let issue) = error, issue.code == .truncated || issue.code == .badRecord else {
        throw error
      }
      try emitter.issue(ExportText.locatingCut(issue))
    }
  }

  static func truncated(_ path: String, line: Int, offset: Int64) -> Issue {
    Issue(
      .error, .truncated, at: SourceLocation(path: path, line: line, byteOffset: offset),
      "the file ends inside a quoted field / 文件在引号字段中结束（被截断）",
      hint: "records before this point were imported; export the chat again for the rest")
  }
}

extension String {
  /// A header cell without the quotes a spreadsheet may add.
  fileprivate var replacingQuotes: String {
    var text = self
    if text.hasSuffix("\r") { text.removeLast() }
    if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
      text = String(text.dropFirst().dropLast())
    }
    return text
  }
}
