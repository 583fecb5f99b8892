import Testing

@testable import BeizhuImport

/// MemoTrace escapes message text for the page; decoding must give the words back exactly.
@Suite struct HTMLEntitiesTests {
  @Test func decodesNamedAndNumericEntities() {
    #expect(HTMLEntities.decode("a &lt; b &amp; c&gt;d") == "a < b & c>d")
    #expect(HTMLEntities.decode("&quot;好&quot;&apos;&nbsp;") == "\"好\"'\u{A0}")
    #expect(HTMLEntities.decode("&#21457;货&#x1F338;") == "发货🌸")
  }

  @Test func leavesWhatIsNotAnEntity() {
    #expect(HTMLEntities.decode("无实体") == "无实体")
    #expect(HTMLEntities.decode("R&D & 研发 &unknown; &#0; &") == "R&D & 研发 &unknown; &#0; &")
    #expect(HTMLEntities.decode("&&lt;&") == "&<&")
    #expect(HTMLEntities.decode("&verylongentityname;") == "&verylongentityname;")
  }
}
