import BeizhuCore

/// What chatlog's rendered message texts reveal (FORMATS.md §9; chatlog `model/message.go
/// PlainTextContent`): the kind behind `[红包]`, `![图片](…)`, … and the transfer in `[转账|…]`.
enum ChatlogContent {
  /// The kind of a message whose only trace is its plain-text rendering (CSV and TXT exports).
  static func kind(plain content: String) -> MessageKind {
    guard let first = content.utf8.first,
      first == UInt8(ascii: "[") || first == UInt8(ascii: "!") || first == UInt8(ascii: ">")
        || first == UInt8(ascii: "T")
    else { return .text }
    if content.hasPrefix("[转账|") { return .transfer }
    switch content {
    case "[红包]": return .redPacket
    case "[名片]": return .card
    case "[动画表情]", "[GIF表情]": return .emoji
    case "[语音]": return .voice
    case "[合并转发]": return .mergedForward
    case "[语音通话]": return .call
    case "[群公告]", "[红包封面]", "[分享]": return .other
    case "[引用]": return .quote
    default: break
    }
    let prefixes: [(String, MessageKind)] = [
      ("![图片](", .image), ("[语音](", .voice), ("![视频](", .video), ("![动画表情](", .emoji),
      ("[分享|", .link), ("[链接|", .link), ("[文件|", .file), ("[小程序", .miniProgram), ("[视频号", .link),
      ("> ", .quote),
    ]
    for (prefix, kind) in prefixes where content.hasPrefix(prefix) { return kind }
    // Unknown types: `Type: 42 Content: …`.
    if content.hasPrefix("Type: "), let space = content.dropFirst(6).firstIndex(of: " "),
      let code = Int64(content[content.index(content.startIndex, offsetBy: 6)..<space])
    {
      return MessageKind.fromWeChatType(code)
    }
    return .text
  }

  /// Reads `[转账|发送 ￥198.00](memo)`. `发送`/`接收`/`退还` are the paysubtype (1/7, 3/5, 4), not the
  /// direction: the roles follow from who wrote the message.
  ///
  /// - Parameters:
  ///   - writer: the id of who wrote the message, when known.
  ///   - counterpart: the other party of a private chat, when known.
  static func transfer(_ content: String, writer: String?, counterpart: String?) -> Transfer? {
    guard content.hasPrefix("[转账|") else { return nil }
    let body = content.dropFirst("[转账|".count)
    var transfer = Transfer(amountFen: MoneyText.firstAmountFen(in: String(body)))
    if body.hasPrefix("发送") {
      transfer.paySubtype = 1
      transfer.payer = writer
      transfer.receiver = counterpart
    } else if body.hasPrefix("接收") {
      transfer.paySubtype = 3
      transfer.receiver = writer
      transfer.payer = counterpart
    } else if body.hasPrefix("退还") {
      transfer.paySubtype = 4
    }
    if let close = body.firstIndex(of: "]") {
      let rest = body[body.index(after: close)...]
      if rest.hasPrefix("("), rest.hasSuffix(")"), rest.count >= 2 {
        let memo = String(rest.dropFirst().dropLast())
        if !memo.isEmpty { transfer.memo = memo }
      }
    }
    return transfer
  }

  /// The talker a chat file names: `<talker>_<YYYY-MM-DD>_<YYYY-MM-DD>` → `<talker>`, else the stem.
  static func talker(fromStem stem: String) -> (talker: String, from: String?) {
    let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
    guard parts.count >= 3, isDate(parts[parts.count - 1]), isDate(parts[parts.count - 2]) else {
      return (stem, nil)
    }
    return (parts.dropLast(2).joined(separator: "_"), String(parts[parts.count - 2]))
  }

  /// `YYYY-MM-DD`.
  static func isDate(_ text: Substring) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return false
    }
    return bytes.enumerated().allSatisfy { index, byte in
      index == 4 || index == 7 || (byte >= 0x30 && byte <= 0x39)
    }
  }

  /// The chat a file without a talker column belongs to, from its name.
  static func chatRef(stem: String, title: String = "") -> ChatRef {
    let talker = talker(fromStem: stem).talker
    let isGroup = talker.hasSuffix("@chatroom")
    if ExportText.looksLikeID(talker) {
      return ChatRef(.id(talker), isGroup: isGroup, title: title)
    }
    return ChatRef(.name(talker), isGroup: nil, title: title)
  }

  /// The owner's id from earlier files, for transfer roles.
  static func ownerID(_ context: ImportContext) -> String? {
    context.ownerHints.first { $0.id != nil }?.id
  }
}
