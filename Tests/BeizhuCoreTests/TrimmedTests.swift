import Testing

@testable import BeizhuCore

/// `trimmed()` spells out Unicode's White_Space list instead of looking the property up; the
/// list must stay exactly the property, or stored message fingerprints would change.
@Suite struct TrimmedTests {
  @Test func whiteSpaceListIsTheUnicodeProperty() {
    for value in UInt32(0x80)...0x10_FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(isNonASCIIWhiteSpace(value) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
    }
  }

  @Test func trimsUnicodeSpaceAndKeepsInnerSpace() {
    #expect("\u{3000} 你好 世界\u{A0}\n".trimmed() == "你好 世界")
    #expect("\u{2028}x\u{2028}".trimmed(newlines: false) == "\u{2028}x\u{2028}")
    #expect(" \r\n ".trimmed().isEmpty)
  }

  @Test func autoAcceptLineIsRecognisedAfterSpace() {
    #expect(SystemText.isAutoAccept("  " + SystemText.autoAccept))
    #expect(!SystemText.isAutoAccept("你好，" + SystemText.autoAccept))
  }
}
