import BeizhuCore

/// chatlog's chat responses saved as files: the JSON array (`format=json`) and the CSV (`format=csv`).
enum ChatlogChats {
  static let csvHeader = ["Time", "SenderName", "Sender", "TalkerName", "Talker", "Content"]
  /// chatlog's sender for system messages.
  static let systemSender = "系统消息"

  /// The JSON array, one element at a time (one-line files reach hundreds of MB).
  static func readJSON(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  )
    throws(ImportError)
  {
    let reader = JSONStreamReader(stream: stream)
    let fallback = ChatlogContent.chatRef(stem: probe.stem)
    let ownerID = ChatlogContent.ownerID(context)
    do throws(ImportError) {
      guard try reader.beginArray() else {
        throw ImportError.rejected(
          Issue(
            .error, .unrecognized, at: SourceLocation(path: probe.path, line: 1),
            "expected a JSON array of messages / 应为消息数组"))
      }
      while try reader.nextElement() {
        let location = SourceLocation(
          path: probe.path, line: reader.currentLine, byteOffset: reader.byteOffset)
        let value = try reader.readValue()
        guard value.object != nil else {
          try emitter.issue(
            Issue(.warning, .badRecord, at: location, "expected a message object / 应为消息对象", hint: "skipped"))
          continue
        }
        if let message = try message(
          from: value, at: location, fallback: fallback, ownerID: ownerID, emitter, context)
        {
          try emitter.emit(.message(message))
        }
      }
    } catch {
      // A cut file keeps everything before the cut.
      guard case .rejected(let issue) = error, issue.code == .truncated || issue.code == .badRecord else {
        throw error
      }
      try emitter.issue(ExportText.locatingCut(issue))
    }
  }

  private static func message(
    from value: JSONValue, at location: SourceLocation, fallback: ChatRef, ownerID: String?,
    _ emitter: RecordEmitter, _ context: ImportContext
  ) throws(ImportError) -> Message? {
    let path = location.path
    var time: Int64?
    if let text = value["time"]?.text { time = context.timeParser.parse(text)?.unixSeconds }
    guard let time else {
      try emitter.issue(
        ExportText.badTime(path: path, line: location.line, offset: location.byteOffset, column: "time"))
      return nil
    }
    let talker = value["talker"]?.text ?? ""
    let talkerName = value["talkerName"]?.text ?? ""
    let isChatRoom = value["isChatRoom"]?.bool ?? talker.hasSuffix("@chatroom")
    let sender = value["sender"]?.text ?? ""
    let isSelf = value["isSelf"]?.bool ?? false
    let type = value["type"]?.int64 ?? 0
    let subType = value["subType"]?.int64 ?? 0
    let content = value["content"]?.text ?? ""
    let chat =
      talker.isEmpty
      ? fallback : ChatRef(.id(talker), isGroup: isChatRoom, title: isChatRoom ? talkerName : "")

    // System by type (chatlog also names the sender 系统消息), never by the isSelf flag.
    let isSystem = type == 10000 || type == 10002 || sender == systemSender
    let side: MessageSide = isSystem ? .system : isSelf ? .me : .friend
    if isSelf, !sender.isEmpty, !isSystem {
      // chatlog on WeChat 4.x data fills the owner's own wxid as sender.
      try emitter.owner(id: sender)
    }
    if !isSystem {
      let contradicts =
        (!isSelf && !sender.isEmpty && (sender == ownerID || context.isOwner(id: sender)))
        || (isSelf && !isChatRoom && !sender.isEmpty && sender == talker)
      if contradicts {
        try emitter.once("inconsistent") {
          ExportText.inconsistent(
            path: path, line: location.line, offset: location.byteOffset,
            what: "isSelf contradicts the sender id")
        }
      }
    }
    var kind = isSystem ? MessageKind.system : MessageKind.fromWeChatType(type, subType: subType)
    if type == 10000, subType == 4 { kind = .pat }
    let writer: String? = isSelf ? (sender.isEmpty ? ownerID : sender) : (sender.isEmpty ? nil : sender)
    let counterpart: String? = isChatRoom ? nil : (isSelf ? (talker.isEmpty ? nil : talker) : ownerID)
    var text = content
    var payload: String?
    var transfer: Transfer?
    if let parsed = ChatlogContent.transfer(content, writer: writer, counterpart: counterpart) {
      kind = .transfer
      transfer = parsed
    } else if !isSystem, type != 1, content.utf8.first == UInt8(ascii: "<") {
      // Media and app messages carry their raw XML: keep it for the payload parser.
      payload = content
      text = value["contents"]?["title"]?.text ?? ""
    }
    let voiceID = value["contents"]?["voice"]?.text ?? ""
    let seq = value["seq"]?.text
    return Message(
      chat: chat, time: time, side: side, kind: kind, text: text,
      sender: isChatRoom && !isSystem ? writer : nil,
      serverID: ExportText.isDigits(voiceID) ? voiceID : nil, exporterKey: seq, transfer: transfer,
      payload: payload, source: location)
  }

  /// `Time,SenderName,Sender,TalkerName,Talker,Content`: the owner's rows have empty sender columns.
  static func readCSV(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  )
    throws(ImportError)
  {
    let reader = CSVReader(stream: stream)
    guard let first = try reader.next() else { return }
    let header = CSVHeader(first.fields)
    try header.require(csvHeader, path: probe.path)
    let fallback = ChatlogContent.chatRef(stem: probe.stem)
    let ownerID = ChatlogContent.ownerID(context)
    while let record = try reader.next() {
      let location = SourceLocation(path: probe.path, line: record.line, byteOffset: record.byteOffset)
      if record.isTruncated {
        try emitter.issue(PyWxDumpChats.truncated(probe.path, line: record.line, offset: record.byteOffset))
        break
      }
      let timeText = record[safe: header["Time"]]
      guard let parsed = context.timeParser.parse(timeText) else {
        try emitter.issue(
          ExportText.badTime(path: probe.path, line: record.line, offset: record.byteOffset, column: "Time"))
        continue
      }
      if parsed.lacksSeconds || parsed.isReformatted {
        try emitter.once("resave") { ExportText.resaveNote(path: probe.path, line: record.line) }
      }
      let senderName = record[safe: header["SenderName"]]
      let sender = record[safe: header["Sender"]]
      let talkerName = record[safe: header["TalkerName"]]
      let talker = record[safe: header["Talker"]]
      let content = record[safe: header["Content"]]
      let isGroup = talker.hasSuffix("@chatroom") || !talkerName.isEmpty
      let chat = talker.isEmpty ? fallback : ChatRef(.id(talker), isGroup: isGroup, title: talkerName)
      let isSystem = sender == systemSender
      let isSelf = !isSystem && sender.isEmpty && senderName.isEmpty
      let side: MessageSide = isSystem ? .system : isSelf ? .me : .friend
      let writer: String? = isSelf ? ownerID : (sender.isEmpty ? nil : sender)
      let counterpart: String? = isGroup ? nil : (isSelf ? (talker.isEmpty ? nil : talker) : ownerID)
      var kind = isSystem ? MessageKind.system : ChatlogContent.kind(plain: content)
      let transfer =
        isSystem ? nil : ChatlogContent.transfer(content, writer: writer, counterpart: counterpart)
      if transfer != nil { kind = .transfer }
      let message = Message(
        chat: chat, time: parsed.unixSeconds, side: side, kind: kind, text: content,
        sender: isGroup && !isSystem ? (writer ?? (senderName.isEmpty ? nil : senderName)) : nil,
        transfer: transfer, source: location)
      try emitter.emit(.message(message))
    }
  }
}
