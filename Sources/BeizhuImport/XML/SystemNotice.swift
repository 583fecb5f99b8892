import BeizhuCore

/// A WeChat system notice (Type 10000 / 10002) as plain text, with what it means.
public struct SystemNotice: Sendable, Hashable {
  /// What a system notice reports (FORMATS.md §5.2, §5.6).
  public enum Event: Sendable, Hashable {
    /// `你领取了X的红包`: the owner opened a red packet from X (X is a nickname): money in.
    case redPacketOpenedByMe(from: String)
    /// `X领取了你的红包`: X opened the owner's red packet: money out.
    case redPacketOpenedByOther(opener: String)
    /// `你已添加了X，现在可以开始聊天了。`: the owner accepted X's friend request.
    case friendAdded(name: String)
    /// `以上是打招呼的内容`: the text just before it is the friend's greeting.
    case greetingMarker
    /// `我通过了你的朋友验证请求，现在我们可以开始聊天了` (a Type 1 look-alike).
    case autoAccept
    /// `你撤回了一条消息`.
    case recalledByMe
    /// `"X" 撤回了一条消息`.
    case recalled(by: String)
    /// `"X" 拍了拍我` and other pats.
    case pat
    /// `对方开启了朋友验证，你还不是他（她）朋友…`: the friend deleted the owner.
    case deletedByFriend
    /// `消息已发出，但被对方拒收了。`: the friend blocked the owner.
    case rejectedByFriend
    case other
  }

  /// The notice without markup, trimmed.
  public var text: String
  public var event: Event

  /// Classifies an already plain `text`.
  public init(text: String) {
    self.text = text
    self.event = Self.classify(text)
  }

  /// Reads a system text that may hold WeChat's markup (`<img …/>`, `<_wc_custom_link_ …>`,
  /// `<a href="…&…">`), which is not well-formed XML: tags are stripped by a tolerant scanner.
  public init(markup: String) {
    self.init(text: SystemMarkup.plainText(markup))
  }

  private static func classify(_ text: String) -> Event {
    if text == SystemText.greetingMarker { return .greetingMarker }
    if SystemText.isAutoAccept(text) { return .autoAccept }
    if let name = between(text, prefix: "你领取了", suffix: "的红包") {
      // "你领取了自己发的红包": the owner's own packet in a group, neither in nor out.
      return name == "自己发" || name == "自己" ? .other : .redPacketOpenedByMe(from: name)
    }
    if let range = text.firstRange(of: "领取了你的红包") {
      let name = PayloadText.trimmed(String(text[..<range.lowerBound]))
      if !name.isEmpty { return .redPacketOpenedByOther(opener: name) }
    }
    if let name = between(text, prefix: "你已添加了", suffix: "，现在可以开始聊天了") {
      return .friendAdded(name: name)
    }
    if let range = text.firstRange(of: "撤回了一条消息") {
      let who = unquoted(PayloadText.trimmed(String(text[..<range.lowerBound])))
      return who == "你" ? .recalledByMe : .recalled(by: who)
    }
    if text.contains("拍了拍") { return .pat }
    if text.hasPrefix("对方开启了朋友验证") || text.contains("开启了朋友验证，你还不是他（她）朋友") {
      return .deletedByFriend
    }
    if text.contains("但被对方拒收了") { return .rejectedByFriend }
    return .other
  }

  /// The part of `text` after `prefix` and before the last `suffix`, when not empty.
  private static func between(_ text: String, prefix: String, suffix: String) -> String? {
    guard text.hasPrefix(prefix) else { return nil }
    let rest = text.dropFirst(prefix.count)
    var end: Substring.Index?
    var search = rest[...]
    while let range = search.firstRange(of: suffix) {
      end = range.lowerBound
      search = search[range.upperBound...]
    }
    guard let end else { return nil }
    let name = String(rest[..<end])
    return name.isEmpty ? nil : name
  }

  private static func unquoted(_ text: String) -> String {
    let quotes: [(Character, Character)] = [("\"", "\""), ("“", "”"), ("「", "」")]
    for (open, close) in quotes where text.count >= 2 && text.first == open && text.last == close {
      return String(text.dropFirst().dropLast())
    }
    return text
  }
}

/// A tolerant reader for the markup in WeChat system texts.
public enum SystemMarkup {
  /// The text with tags removed and the XML entities decoded, trimmed.
  ///
  /// A `<` starts a tag only when a name character (`A–Z a–z _`), `/`, `!` or `?` follows and a
  /// closing `>` exists outside quotes; any other `<` is kept as text. Quoted attribute values
  /// may hold raw `&`, `<`, `>` (WeChat's hrefs do).
  /// - Complexity: O(n) in the text's UTF-8 length.
  public static func plainText(_ markup: String) -> String {
    var markup = markup
    return markup.withUTF8 { bytes in
      guard bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: "&")) else {
        return PayloadText.trimmed(String(decoding: bytes, as: UTF8.self))
      }
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count)
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "<"), let end = tagEnd(bytes, from: index) {
          index = end
        } else if byte == UInt8(ascii: "&"), let (decoded, end) = entity(bytes, from: index) {
          output.append(contentsOf: decoded)
          index = end
        } else {
          output.append(byte)
          index += 1
        }
      }
      var start = 0
      var end = output.count
      while start < end, PayloadText.isSpace(output[start]) { start += 1 }
      while end > start, PayloadText.isSpace(output[end - 1]) { end -= 1 }
      return String(decoding: output[start..<end], as: UTF8.self)
    }
  }

  /// The index after the `>` that closes the tag at `start`, or `nil` when `start` is no tag.
  private static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard start + 1 < bytes.count else { return nil }
    var index = start + 1
    let first = bytes[index]
    if first == UInt8(ascii: "/") {
      index += 1
      guard index < bytes.count, isNameStart(bytes[index]) else { return nil }
    } else if !(isNameStart(first) || first == UInt8(ascii: "!") || first == UInt8(ascii: "?")) {
      return nil
    }
    var quote: UInt8 = 0
    while index < bytes.count {
      let byte = bytes[index]
      if quote != 0 {
        if byte == quote { quote = 0 }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: ">") {
        return index + 1
      } else if byte == UInt8(ascii: "<") {
        // A new tag starts before this one closed: this `<` was text after all.
        return nil
      }
      index += 1
    }
    return nil
  }

  private static func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || byte == UInt8(ascii: "_")
  }

  /// Decodes `&amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;` at `start`; anything else stays text.
  private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> ([UInt8], Int)? {
    var end = start + 1
    while end < bytes.count, end - start <= 10, bytes[end] != UInt8(ascii: ";") { end += 1 }
    guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
    let body = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])
    let named: [(String, UInt8)] = [
      ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27),
    ]
    for (name, value) in named where name.utf8.elementsEqual(body) { return ([value], end + 1) }
    guard body.first == UInt8(ascii: "#"), body.count >= 2 else { return nil }
    var radix: UInt32 = 10
    var digits = body.dropFirst()
    if digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X") {
      radix = 16
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.count <= 8,
      let value = UInt32(String(decoding: digits, as: UTF8.self), radix: Int(radix)),
      let scalar = Unicode.Scalar(value), value != 0
    else { return nil }
    return (Array(String(Character(scalar)).utf8), end + 1)
  }
}
