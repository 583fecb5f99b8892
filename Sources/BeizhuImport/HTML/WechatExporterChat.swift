import BeizhuCore
import Foundation

/// Turns WechatExporter bubbles into messages for one chat folder (FORMATS.md §10, §14, §16).
///
/// The chat is `.alias(wxId)` of the friend's bubbles (their `wxId` attribute is the Alias, else
/// the wxid), or `.name(<Chat>)` of the folder when no friend bubble is seen or several friends
/// speak (a group). That is decided once per file from the first bubbles, which are held back
/// until then (at most ``decisionWindow`` of them). Notices carry no time: they take the
/// previous bubble's, or the next one's when none came before.
final class WechatExporterChat {
  /// Bubbles held back at most before the chat's identity is decided.
  static let decisionWindow = 2_000

  let folder: String
  let path: String
  let context: ImportContext
  private let payloads: PayloadParser

  private var decided: ChatRef?
  private var held: [Message] = []
  private var friendIDs: [String] = []
  private var ownerSent = false
  private var lastTime: Int64?
  private var waitingForTime: [Message] = []
  private var warnedSecondFriend = false
  private var warnedUnknownTime = false
  private(set) var emitted = 0

  init(folder: String, path: String, context: ImportContext, payloads: PayloadParser) {
    self.folder = folder
    self.path = path
    self.context = context
    self.payloads = payloads
  }

  /// Interprets one bubble and emits what is ready.
  func add(_ bubble: WechatExporterBubble, sink: ImportSink) throws(ImportError) {
    var name: String { String(decoding: bubble.name, as: UTF8.self) }  // rarely needed
    if bubble.isRight, !ownerSent, let wxID = bubble.wxID, !wxID.isEmpty {
      ownerSent = true
      let isWxid = wxID.hasPrefix("wxid_")
      try sink(
        .owner(
          OwnerHint(id: isWxid ? wxID : nil, alias: isWxid ? nil : wxID, names: name.isEmpty ? [] : [name])))
    }
    var time: Int64?
    if !bubble.isNotice {
      guard let parsed = Self.parseTime(bubble.timeText, with: context.timeParser) else {
        try sink(
          .issue(
            Issue(
              .warning, .badTime, at: bubble.location,
              "message without a readable time (expected YYYY-MM-DD HH:MM:SS after the name) / 消息时间无法识别",
              hint: "the message was skipped")))
        return
      }
      time = parsed.unixSeconds
    }
    let side: MessageSide = bubble.isNotice ? .system : bubble.isRight ? .me : .friend
    if side == .friend, let wxID = bubble.wxID, !wxID.isEmpty, !friendIDs.contains(wxID) {
      friendIDs.append(wxID)
      if let decided, decided.isGroup == false, !warnedSecondFriend {
        warnedSecondFriend = true
        try sink(
          .issue(
            Issue(
              .warning, .inconsistentRow, at: bubble.location,
              "a second person writes in a chat read as private; kept in the first friend's chat / 私聊中出现第二个发言人",
              hint: "if this is a group chat, import its folder on its own")))
      }
    }
    var message = Message(
      chat: decided ?? ChatRef(.name(folder), title: folder), time: time ?? 0, side: side,
      kind: .text, text: Self.text(bubble.text), exporterKey: bubble.msgid, source: bubble.location)
    interpret(bubble, into: &message)
    if side == .friend, decided?.isGroup == true || decided == nil {
      message.sender = bubble.wxID ?? (bubble.name.isEmpty ? nil : name)
    }
    payloads.enrich(&message)

    if time == nil {
      if let lastTime {
        message.time = lastTime
      } else {
        waitingForTime.append(message)
        if waitingForTime.count > Self.decisionWindow { try releaseWaiting(time: 0, sink: sink) }
        return
      }
    } else if let time {
      lastTime = time
      if !waitingForTime.isEmpty { try releaseWaiting(time: time, sink: sink) }
    }
    try hold(message, sink: sink)
  }

  /// Emits everything held back; call once at the end of the file.
  func finish(sink: ImportSink) throws(ImportError) {
    if !waitingForTime.isEmpty { try releaseWaiting(time: 0, sink: sink) }
    decide()
    try flush(sink: sink)
  }

  private func releaseWaiting(time: Int64, sink: ImportSink) throws(ImportError) {
    if time == 0, !warnedUnknownTime, let first = waitingForTime.first {
      warnedUnknownTime = true
      try sink(
        .issue(
          Issue(
            .note, .badTime, at: first.source,
            "system notices without any timed message around them are kept with an unknown time (0) / 系统提示没有时间",
            hint: "WechatExporter writes no time on notices")))
    }
    let waiting = waitingForTime
    waitingForTime.removeAll()
    for var message in waiting {
      message.time = time
      try hold(message, sink: sink)
    }
  }

  private func hold(_ message: Message, sink: ImportSink) throws(ImportError) {
    if decided != nil {
      try emit(message, sink: sink)
      return
    }
    held.append(message)
    if friendIDs.count >= 2 || held.count >= Self.decisionWindow {
      decide()
      try flush(sink: sink)
    }
  }

  private func decide() {
    guard decided == nil else { return }
    if friendIDs.count == 1 {
      decided = ChatRef(.alias(friendIDs[0]), isGroup: false, title: folder)
    } else if friendIDs.count >= 2 {
      decided = ChatRef(.name(folder), isGroup: true, title: folder)
    } else {
      decided = ChatRef(.name(folder), title: folder)
    }
  }

  private func flush(sink: ImportSink) throws(ImportError) {
    let messages = held
    held.removeAll()
    for message in messages { try emit(message, sink: sink) }
  }

  private func emit(_ message: Message, sink: ImportSink) throws(ImportError) {
    var message = message
    if let decided {
      message.chat = decided
      if decided.isGroup != true { message.sender = nil }
    }
    emitted += 1
    try sink(.message(message))
  }

  /// The bubble's time, read from its bytes once the spaces and line breaks of the markup around
  /// it are trimmed (building and trimming a String per bubble showed in profiles).
  static func parseTime(_ bytes: [UInt8], with parser: LocalTimeParser) -> LocalTimeParser.Parsed? {
    bytes.withUnsafeBufferPointer { all in
      var start = 0
      var end = all.count
      // ASCII White_Space, as `trimmed()` trims it.
      func isSpace(_ byte: UInt8) -> Bool { HTMLBytes.isSpace(byte) || byte == 0x0B }
      while start < end, isSpace(all[start]) { start += 1 }
      while end > start, isSpace(all[end - 1]) { end -= 1 }
      let core = UnsafeBufferPointer(rebasing: all[start..<end])
      // Other Unicode spaces (a no-break space) take the general path.
      if core.first.map({ $0 >= 0x80 }) == true || core.last.map({ $0 >= 0x80 }) == true {
        return parser.parse(String(decoding: core, as: UTF8.self).trimmed())
      }
      return parser.parse(bytes: core)
    }
  }

  /// The text with CRLF (transfer templates) as LF.
  private static func text(_ bytes: [UInt8]) -> String {
    guard bytes.contains(0x0D) else { return String(decoding: bytes, as: UTF8.self) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
        index += 1
        continue
      }
      output.append(bytes[index])
      index += 1
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Sets kind and transfer from the bubble's classes, `msgtype` and text.
  private func interpret(_ bubble: WechatExporterBubble, into message: inout Message) {
    if bubble.isNotice {
      message.kind = .system
      return
    }
    var kind: MessageKind
    if let raw = bubble.msgtype, let code = Int64(raw) {
      // A bare 49 says "app message" without its sub-type: not necessarily a file.
      kind = code == 49 ? .other : MessageKind.fromWeChatType(code)
    } else {
      switch bubble.msgtype?.lowercased() {
      case "image", "img": kind = .image
      case "video": kind = .video
      case "voice", "audio": kind = .voice
      case "emoji", "sticker", "emoticon": kind = .emoji
      default:
        kind =
          bubble.hasVoice
          ? .voice
          : bubble.hasVideo ? .video : bubble.hasSticker ? .emoji : bubble.hasImage ? .image : .text
      }
    }
    let appName = String(decoding: bubble.appName, as: UTF8.self)
    if kind == .other || kind == .file || kind == .link || appName == "微信转账" {
      if let transfer = Self.transfer(message.text, appName: appName) {
        kind = .transfer
        message.transfer = transfer
      } else if message.text.trimmed(newlines: false) == "[红包]" || appName == "微信红包" {
        kind = .redPacket
      }
    }
    message.kind = kind
  }

  /// Status words of WechatExporter's transfer template (`res/zh-Hans.txt`) → paysubtype.
  private static let transferStatus: [(String, Int)] = [
    ("已被接收", 8), ("已被退还", 9), ("已收款", 3), ("已退还", 4), ("已接收", 5), ("已过期", 10), ("转账", 1),
  ]

  /// Reads `￥198.00 - 转账\nmemo` (also `向X转账`, `来自X的转账 - 已收款`).
  static func transfer(_ text: String, appName: String) -> Transfer? {
    let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard let first = lines.first.map(String.init) else { return nil }
    let amount = MoneyText.firstAmountFen(in: first)
    guard amount != nil || appName == "微信转账" else { return nil }
    var subtype: Int?
    if let dash = first.range(of: " - ", options: .backwards) {
      let status = first[dash.upperBound...].trimmed(newlines: false)
      subtype = transferStatus.first { status == $0.0 }?.1
      if subtype == nil, status.hasSuffix("转账") { subtype = 1 }
      if subtype == nil, status.hasSuffix("已收款") { subtype = 3 }
    } else if first.hasSuffix("转账") {
      subtype = 1
    }
    guard subtype != nil || appName == "微信转账" else { return nil }
    let memo = lines.count > 1 ? String(lines[1]).trimmed() : ""
    return Transfer(paySubtype: subtype, amountFen: amount, memo: memo.isEmpty ? nil : memo)
  }
}
