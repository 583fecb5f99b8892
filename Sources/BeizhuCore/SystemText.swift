import Foundation

/// Texts WeChat generates that look like a friend's words but are not (DESIGN.md, FORMATS.md §5.6).
public enum SystemText {
  /// Sent automatically when the friend accepts the owner's request; typed as the friend's text.
  public static let autoAccept = "我通过了你的朋友验证请求，现在我们可以开始聊天了"
  /// Follows the greeting the friend typed into the friend request.
  public static let greetingMarker = "以上是打招呼的内容"

  /// Whether a text message is in fact WeChat's auto-accept line.
  public static func isAutoAccept(_ text: String) -> Bool {
    guard text.utf8.count >= autoAccept.utf8.count else { return false }
    // Byte comparison: String's `hasPrefix` normalizes both sides first, which showed in import
    // profiles; the line is WeChat's own, always in the same code points.
    return text.trimmed().utf8.starts(with: autoAccept.utf8)
  }
}
