import BeizhuCore
import Foundation

/// Reads wechat-dump's `dump-msg.py` output (FORMATS.md §12): one `<name>.txt` per chat, lines
/// `<type>|<name or me>:<time>:<text>`, continuation lines for multi-line texts.
///
/// The file carries no id, so the chat is `.name(<file stem>)`. Whether it is a group can only
/// be told from all of its sender names, so the file is read twice: a cheap first pass keeps at
/// most one distinct sender name and stops as soon as the file is known to be a group; the
/// second pass streams the messages. Memory stays flat in both.
public struct WechatDumpImporter: FormatImporter {
  public static let chatText = FileFormat(.wechatdump, "chat-txt", role: .chat)

  /// Bytes read per chunk; tests make it tiny to cross chunk boundaries everywhere.
  public var chunkSize: Int

  public init(chunkSize: Int = FileByteSource.defaultChunkSize) {
    self.chunkSize = chunkSize
  }

  public var formats: [FileFormat] { [Self.chatText] }

  /// How many message lines the head must show: wechat-dump's shape is loose, so one matching
  /// line is not enough unless the whole (small) file is in the head.
  static let requiredHeadMatches = 3

  public func detect(_ probe: FileProbe) -> FileFormat? {
    guard probe.fileExtension == "txt" else { return nil }
    let isWholeFile = probe.size >= 0 && Int64(probe.head.count) >= probe.size
    var lines = probe.head.split(separator: 0x0A, omittingEmptySubsequences: false)
    // The last line of a partial head may be cut anywhere.
    if !isWholeFile, !lines.isEmpty { lines.removeLast() }
    guard let first = lines.first(where: { !$0.isEmpty }) else { return nil }
    let firstMatches = first.withUnsafeBufferPointer { WechatDumpLine.parse($0) != nil }
    guard firstMatches else { return nil }
    var matches = 0
    for line in lines where line.withUnsafeBufferPointer({ WechatDumpLine.parse($0) != nil }) {
      matches += 1
      if matches >= Self.requiredHeadMatches { return Self.chatText }
    }
    return isWholeFile ? Self.chatText : nil
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    // The emitter lives only for this call, so the sink never really escapes.
    try withoutActuallyEscaping(sink) { (sink) throws(ImportError) in
      try read(probe, context: context, emitter: RecordEmitter(path: probe.path, sink: sink))
    }
  }

  /// The chat's name: the file stem (`.txt` alone is the chat whose name was all symbols).
  static func stem(of probe: FileProbe) -> String {
    probe.fileName.lowercased() == ".txt" ? "" : probe.stem
  }

  private func read(_ probe: FileProbe, context: ImportContext, emitter: RecordEmitter) throws(ImportError) {
    let stem = Self.stem(of: probe)
    let isGroup = try WechatDumpGroupScan.isGroup(path: probe.path, stem: stem, chunkSize: chunkSize)
    let chat = ChatRef(.name(stem), isGroup: isGroup, title: stem)
    let stream = try UTF8Stream(path: probe.path, chunkSize: chunkSize, onIssue: emitter.streamIssueHandler)
    let lines = LineReader(stream: stream)
    var pending: Message?
    /// Continuation lines after a header that could not be read belong to nothing.
    var skipping = false
    var lastLine = 0
    while let line = try lines.next() {
      lastLine = line.number
      let location = SourceLocation(path: emitter.path, line: line.number, byteOffset: line.byteOffset)
      let parsed = WechatDumpLine.withParsed(line.text) { header, bytes in
        header.map { header in
          (
            header, WechatDumpLine.string(bytes, header.name), WechatDumpLine.string(bytes, header.time),
            WechatDumpLine.string(bytes, header.textStart..<bytes.count)
          )
        }
      }
      guard let (header, name, timeText, text) = parsed else {
        if pending != nil {
          pending?.text += "\n" + line.text
        } else if !skipping {
          try emitter.issue(
            Issue(
              .warning, .badRecord, at: location,
              "line is not a message (expected type|name:YYYY-MM-DD HH:MM:SS:text) / 此行不是消息，已跳过",
              hint: "the file may have been edited by hand"))
          skipping = true
        }
        continue
      }
      if let message = pending { try emitter.emit(.message(Self.completed(message))) }
      pending = nil
      guard let parsedTime = context.timeParser.parse(timeText) else {
        try emitter.issue(
          Issue(
            .warning, .badTime, at: location, "unreadable time in a message line / 消息时间无法识别，已跳过",
            hint: "expected YYYY-MM-DD HH:MM:SS"))
        skipping = true
        continue
      }
      skipping = false
      pending = Self.message(
        type: header.type, name: name, timeText: timeText, text: text, time: parsedTime.unixSeconds,
        chat: chat,
        at: location)
    }
    if let message = pending { try emitter.emit(.message(Self.completed(message))) }
    try emitter.reportMissingFinalNewline(line: lastLine)
    try emitter.flush()
  }

  /// Fills what only the whole text shows: a transfer's description follows on the next line.
  static func completed(_ message: Message) -> Message {
    guard message.kind == .transfer else { return message }
    var message = message
    message.transfer = WechatDumpTransferText.parse(message.text)
    return message
  }

  static func message(
    type: Int64, name: String, timeText: String, text: String, time: Int64, chat: ChatRef,
    at location: SourceLocation
  ) -> Message {
    let isMe = name == "me"
    let kind = MessageKind.fromWeChatType(type)
    // wechat-dump drops type 10000, but a hand-made file may not.
    let side: MessageSide = kind == .system || kind == .pat ? .system : (isMe ? .me : .friend)
    let sender = chat.isGroup == true && side == .friend ? name : nil
    // wechat-dump's own key (FORMATS.md §18): time with microseconds and sender, within the file.
    let key = "\(timeText)|\(name)"
    return Message(
      chat: chat, time: time, side: side, kind: kind, text: text, sender: sender, exporterKey: key,
      source: location)
  }
}

/// wechat-dump's transfer text: `[Money Transfer]` and the payload's `des` on the next line,
/// `收到转账198.00元。…` for the initiation, `已收款198.00元` for the receipt (FORMATS.md §5.1).
enum WechatDumpTransferText {
  static func parse(_ text: String) -> Transfer {
    let des = text.split(separator: "\n", maxSplits: 1).dropFirst().first.map(String.init) ?? text
    var transfer = Transfer(amountFen: MoneyText.firstAmountFen(in: des))
    if des.hasPrefix("已收款") || des.hasPrefix("已收钱") {
      transfer.paySubtype = 3
    } else if des.contains("退还") || des.contains("已退回") {
      transfer.paySubtype = 4
    } else if des.hasPrefix("收到转账") || des.hasPrefix("转账") {
      transfer.paySubtype = 1
    }
    return transfer
  }
}
