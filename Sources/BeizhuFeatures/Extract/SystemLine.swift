import BeizhuCore
import Foundation

/// Recognises WeChat-generated lines, whoever an exporter says wrote them (FORMATS.md §5.6).
public enum SystemLine: String, Sendable, Hashable, Codable {
  /// A type 10000 notice or anything the importer marked as system.
  case notice
  /// 我通过了你的朋友验证请求…, typed as the friend's text.
  case autoAccept
  /// 以上是打招呼的内容: the message before it is the friend's greeting.
  case greetingMarker
  /// 你领取了X的红包: the owner opened the friend's red packet (money in).
  case redPacketOpenedByMe
  /// X领取了你的红包: the friend opened the owner's red packet (money out).
  case redPacketOpenedByFriend

  /// What kind of generated line `message` is, or `nil` for a person's own message.
  public static func classify(_ message: Message) -> SystemLine? {
    switch message.kind {
    case .text, .system, .other, .pat:
      break
    default:
      return message.side == .system ? .notice : nil
    }
    let generatedKind = message.kind == .system || message.kind == .pat || message.side == .system
    // Most messages are people's words: one byte pass rules them out before any String work.
    guard generatedKind || mayBeGenerated(message.text) else { return nil }
    let text = stripMarkup(message.text)
    if text.hasPrefix("你领取了"), text.hasSuffix("的红包") { return .redPacketOpenedByMe }
    if text.hasSuffix("领取了你的红包") { return .redPacketOpenedByFriend }
    if text == SystemText.greetingMarker { return .greetingMarker }
    if SystemText.isAutoAccept(text) { return .autoAccept }
    if generatedKind { return .notice }
    if message.side == .friend, looksGenerated(text) { return .notice }
    return nil
  }

  /// Fragments of every generated text this type recognises.
  private static let markers = PatternMatcher(strings: [
    "领取了", SystemText.greetingMarker, SystemText.autoAccept, "你已添加了", "撤回了一条消息", "对方开启了朋友验证", "对方已收款",
  ])

  private static func mayBeGenerated(_ text: String) -> Bool {
    markers.containsMatch(in: text)
  }

  /// Notices an exporter may have typed as the friend's text.
  static func looksGenerated(_ text: String) -> Bool {
    (text.hasPrefix("你已添加了") && text.contains("现在可以开始聊天了"))
      || text.hasSuffix("撤回了一条消息")
      || text.hasPrefix("对方开启了朋友验证")
      || text == "对方已收款"
  }

  /// The text with `<…>` tags removed and surrounding whitespace trimmed; tolerant of raw `&`.
  public static func stripMarkup(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "<")) else {
      return text.trimmed()
    }
    var result = ""
    var inTag = false
    for character in text {
      switch character {
      case "<": inTag = true
      case ">" where inTag: inTag = false
      default: if !inTag { result.append(character) }
      }
    }
    return result.trimmed()
  }
}
