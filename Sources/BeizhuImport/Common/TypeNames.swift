import BeizhuCore

/// The Chinese message type names exporters write instead of codes (FORMATS.md §4, §7, §8, §11).
public enum TypeNames {
  private static let table: [String: MessageKind] = [
    "文本": .text, "文本消息": .text, "粘贴的文本": .text, "添加好友": .text,
    "图片": .image, "图片消息": .image,
    "语音": .voice, "语音消息": .voice,
    "视频": .video, "视频消息": .video,
    "动画表情": .emoji, "表情包": .emoji, "表情": .emoji, "表情消息": .emoji,
    "位置": .location, "位置消息": .location, "位置共享": .location,
    "名片": .card, "推荐公众号": .card, "名片消息": .card,
    "文件": .file, "文件消息": .file,
    "分享链接": .link, "卡片式链接": .link, "分享卡片式链接": .link, "链接": .link, "链接消息": .link,
    "音乐": .link, "音乐分享": .link,
    "合并转发的聊天记录": .mergedForward, "聊天记录": .mergedForward, "合并转发": .mergedForward,
    "小程序": .miniProgram, "视频号": .link,
    "引用回复": .quote, "引用消息": .quote, "引用": .quote,
    "拍一拍": .pat,
    "转账": .transfer, "转账消息": .transfer,
    "红包": .redPacket, "红包消息": .redPacket,
    "语音通话": .call, "视频通话": .call, "通话": .call, "语音/视频通话": .call, "通话消息": .call,
    "系统通知": .system, "系统消息": .system, "消息撤回": .system, "撤回消息": .system, "邀请加群": .system,
    "群公告": .other, "接龙": .other, "笔记": .other, "赠送红包封面": .other,
    "未知": .other, "未知类型": .other, "其他消息": .other,
  ]

  /// The kind for a type name, or `nil` when the name is not known.
  public static func kind(for name: String) -> MessageKind? { table[name] }
}

/// The type names one file uses (a handful, repeated on every row), matched by their bytes:
/// looking a Chinese String up in a dictionary hashed it Character by Character, per row.
final class RecentTypeNames {
  private var known: [(name: String, kind: MessageKind?)] = []

  func kind(for name: String) -> MessageKind? {
    for entry in known where entry.name.hasSameBytes(as: name) { return entry.kind }
    let kind = TypeNames.kind(for: name)
    // Hand-edited files could hold any number of odd names: remember the first few only.
    if known.count < 32 { known.append((name, kind)) }
    return kind
  }
}
