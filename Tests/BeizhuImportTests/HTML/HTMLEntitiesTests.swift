import Testing

@testable import BeizhuImport

/// MemoTrace escapes message text for the page; decoding must give the words back exactly.
@Suite struct HTMLEntitiesTests {
  /// The importer decodes a value's bytes as they lie in the page.
  func decode(_ text: String) -> String {
    Array(text.utf8).withUnsafeBufferPointer(HTMLEntities.decode)
  }

  @Test func decodesNamedAndNumericEntities() {
    #expect(decode("a &lt; b &amp; c&gt;d") == "a < b & c>d")
    #expect(decode("&quot;好&quot;&apos;&nbsp;") == "\"好\"'\u{A0}")
    #expect(decode("&#21457;货&#x1F338;") == "发货🌸")
  }

  @Test func leavesWhatIsNotAnEntity() {
    #expect(decode("无实体") == "无实体")
    #expect(decode("R&D & 研发 &unknown; &#0; &") == "R&D & 研发 &unknown; &#0; &")
    #expect(decode("&&lt;&") == "&<&")
    #expect(decode("&verylongentityname;") == "&verylongentityname;")
  }
}
