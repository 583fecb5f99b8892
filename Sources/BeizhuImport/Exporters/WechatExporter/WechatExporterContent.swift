import BeizhuCore

/// What WechatExporter's text templates write for each kind of message (`res/templates_txt`,
/// `res/zh-Hans.txt` and `res/en.txt` at the commit FORMATS.md §1 names).
enum WechatExporterContent {
  static let transferPrefixes = ["微信转账 ", "Weixin Transfer "]

  /// Placeholders by prefix, the longest first where one is the start of another.
  private static let placeholders: [(String, MessageKind)] = [
    ("[红包]", .redPacket), ("[Red Packet]", .redPacket),
    ("[转账]", .transfer), ("[Transfer]", .transfer),
    ("[图片]", .image), ("[Photo]", .image),
    ("[表情]", .emoji), ("[Emoji]", .emoji),
    ("[视频/语音通话]", .call), ("[Video/Audio Call]", .call),
    ("[视频号名片]", .card), ("[Channel Card]", .card),
    ("[视频]", .video), ("[Video]", .video),
    ("[语音", .voice), ("[Audio", .voice),
    ("[实时位置共享]", .location), ("[Real-time Location]", .location),
    ("[位置]", .location), ("[Location]", .location),
    ("[文件", .file), ("[File", .file),
    ("[链接]", .link), ("[Link]", .link),
    ("[个人名片]", .card), ("[Contact Card]", .card),
  ]

  static func kind(of content: String) -> MessageKind {
    if isTransfer(content) { return .transfer }
    for (prefix, kind) in placeholders where content.hasPrefix(prefix) { return kind }
    return .text
  }

  /// `微信转账 ￥198.00…`: the template's label followed by an amount.
  static func isTransfer(_ content: String) -> Bool {
    transferPrefixes.contains { prefix in
      content.hasPrefix(prefix)
        && content.dropFirst(prefix.count).first.map { "￥¥0123456789".contains($0) } == true
    }
  }

  /// The description after ` - ` and the paysubtype it stands for (private and group forms),
  /// the longest first so that `已被接收` is not read as `已接收`.
  private static let descriptions: [(String, Int)] = [
    ("已被接收", 8), ("已被退还", 9), ("已收款", 3), ("已接收", 5), ("已退还", 4), ("已过期", 10), ("转账", 1),
    ("Accepted", 3), ("Rejected", 4), ("Expired", 10), ("Transfer", 1),
  ]

  /// The transfer as the text shows it: paysubtype from the description, the amount.
  static func transfer(_ content: String) -> Transfer {
    var transfer = Transfer(amountFen: MoneyText.firstAmountFen(in: content))
    if let separator = content.range(of: " - ") {
      let description = content[separator.upperBound...].trimmed(newlines: false)
      transfer.paySubtype = descriptions.first { description.hasSuffix($0.0) }?.1
    }
    return transfer
  }

  /// Where a transfer's text ends in `<transfer text><NAME>`, found by its description word.
  static func transferEnd(in segment: String) -> String.Index? {
    guard isTransfer(segment), let separator = segment.range(of: " - ") else { return nil }
    var best: String.Index?
    for (word, _) in descriptions {
      if let found = segment.range(of: word, range: separator.upperBound..<segment.endIndex),
        best.map({ found.upperBound < $0 }) ?? true
      {
        best = found.upperBound
      }
    }
    return best
  }
}

/// WeChat's notices as WechatExporter prints them: bare lines, tags stripped.
enum WechatExporterNotice {
  private static let phrases = [
    "现在可以开始聊天了", "以上是打招呼的内容", "撤回了一条消息", "拍了拍", "加入了群聊", "移出了群聊", "修改群名为",
    "开启了朋友验证", "成为新群主", "已成为群主", "与群里其他人都不是朋友关系", "收到红包，请在手机上查看",
    "你已添加了", "通过扫描", "recalled a message", "You've added",
  ]

  /// Whether a bare line reads as a notice rather than the next line of a text.
  static func isNotice(_ text: String) -> Bool {
    // Notices lose their markup, and the two spaces around the red-packet icon stay.
    if text.hasPrefix("  ") { return true }
    if text.hasPrefix("System Message:") { return true }
    if text.contains("领取了") && text.contains("红包") { return true }
    return phrases.contains { text.contains($0) }
  }
}
