/// The start of a wechat-dump message: `<type>|<name>:<YYYY-MM-DD HH:MM:SS[.ffffff]>:<text>`.
///
/// The name may hold `:` and `|` and the text `|`, so the line is split on the first `|`, then at
/// the first `:YYYY-MM-DD HH:MM:SS(.ffffff)?:` after it (FORMATS.md §12).
struct WechatDumpLine: Equatable {
  var type: Int64
  /// Byte ranges into the scanned line.
  var name: Range<Int>
  var time: Range<Int>
  var textStart: Int

  /// Parses a line's header, or `nil` when the line does not start a message.
  /// - Complexity: O(n) in the line length (the time pattern is checked at each `:`).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> WechatDumpLine? {
    let count = bytes.count
    var index = 0
    var type: Int64 = 0
    while index < count, index < 12, isDigit(bytes[index]) {
      type = type * 10 + Int64(bytes[index] - 0x30)
      index += 1
    }
    guard index > 0, index < count, bytes[index] == UInt8(ascii: "|") else { return nil }
    let nameStart = index + 1
    var colon = nameStart
    while colon < count {
      if bytes[colon] == UInt8(ascii: ":"), let timeEnd = timeEnd(bytes, from: colon + 1) {
        return WechatDumpLine(
          type: type, name: nameStart..<colon, time: (colon + 1)..<timeEnd, textStart: timeEnd + 1)
      }
      colon += 1
    }
    return nil
  }

  /// Where `YYYY-MM-DD HH:MM:SS(.f{1,6})?` starting at `start` ends, when a `:` follows it.
  static func timeEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    // "dddd-dd-dd dd:dd:dd" is 19 bytes; digits at every place but the separators.
    let shape = Array("dddd-dd-dd dd:dd:dd".utf8)
    guard start + shape.count < bytes.count else { return nil }
    for (offset, expected) in shape.enumerated() {
      let byte = bytes[start + offset]
      if expected == UInt8(ascii: "d") {
        guard isDigit(byte) else { return nil }
      } else if byte != expected {
        return nil
      }
    }
    var end = start + shape.count
    if bytes[end] == UInt8(ascii: ".") {
      var digits = 0
      end += 1
      while end < bytes.count, digits < 6, isDigit(bytes[end]) {
        end += 1
        digits += 1
      }
      guard digits > 0 else { return nil }
    }
    guard end < bytes.count, bytes[end] == UInt8(ascii: ":") else { return nil }
    return end
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension WechatDumpLine {
  /// Parses `text` and hands the header with the line's bytes to `body`.
  static func withParsed<Result>(
    _ text: String, _ body: (WechatDumpLine?, UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    var text = text
    return text.withUTF8 { bytes in body(parse(bytes), bytes) }
  }

  static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }
}
