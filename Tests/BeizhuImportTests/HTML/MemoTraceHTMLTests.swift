import BeizhuCore
import BeizhuTestSupport
import Foundation
import Testing

@testable import BeizhuImport

/// MemoTrace v2 and v3 HTML pages (FORMATS.md §6, §7), from our own fixtures.
@Suite struct MemoTraceHTMLTests {
  let importer = MemoTraceHTMLImporter()
  static let base = Fixtures.testdata("import/html")

  @Test func v3PageReadsEscapedJSON() throws {
    let result = try HTMLImport.file(
      Self.base + "/memotrace3/客户A(wxid_abc123)/客户A.html", with: importer,
      expecting: MemoTraceHTMLImporter.v3Page)
    let messages = result.messages
    #expect(messages.count == 5)
    #expect(messages.allSatisfy { $0.chat.key == .id("wxid_abc123") })
    #expect(messages[0].text == "A <b> & C 'quoted'")
    #expect(messages[0].serverID == "9223372036854775807")
    #expect(messages.map(\.kind) == [.text, .transfer, .redPacket, .system, .text])
    #expect(messages.map(\.side) == [.friend, .friend, .friend, .system, .me])
    #expect(messages[1].transfer == Transfer(paySubtype: 1, amountFen: 29900, memo: "面霜"))
    #expect(messages[4].text == "收到<3")
    #expect(result.owners == [OwnerHint(names: ["店主"])])
  }

  @Test func v3PageWithSidecarIsLeftToTheSidecar() throws {
    let result = try HTMLImport.file(Self.base + "/memotrace3-sidecar/客户B(wxid_b2)/客户B.html", with: importer)
    #expect(result.messages.isEmpty)
    #expect(result.issues.map(\.code) == [.preferredSource])
  }

  @Test func v2VariantsQuotedKeysBigIDsCommentsAndGroups() throws {
    let result = try HTMLImport.file(
      Self.base + "/memotrace2-variants/群聊.html", with: importer, expecting: MemoTraceHTMLImporter.v2Page)
    let messages = result.messages
    #expect(messages.count == 4)
    #expect(messages.allSatisfy { $0.chat.key == .name("小雨美肤福利群") && $0.chat.isGroup == true })
    #expect(messages[0].text == "大家好 & 欢迎\n第二行 \"引号\"")
    // 2^53 + 1 and a 19-digit id stay exact.
    #expect(messages[0].serverID == "9007199254740993")
    #expect(messages[1].serverID == "1866518591173152572")
    #expect(messages[1].text == "It's 5 < 6" && messages[1].side == .me && messages[1].sender == nil)
    #expect(messages[0].sender == "王姐-老客户" && messages[2].sender == "群友小芳")
    #expect(messages[2].kind == .voice && messages[2].text == "语音转文字")
    #expect(messages[3].side == .system)
    #expect(result.issues(.badTime).count == 1)
  }

  @Test func truncatedScriptKeepsEverythingBeforeTheCut() throws {
    let page = try Data(contentsOf: URL(fileURLWithPath: Self.base + "/memotrace2-variants/群聊.html"))
    let bytes = [UInt8](page)
    // Cut inside the string of the fourth message.
    let marker = Array("拍了拍".utf8)
    let cut = try #require(bytes.firstRange(of: marker)).lowerBound + 3
    let path = Fixtures.write(Array(bytes[..<cut]), name: "群聊.html")
    let result = try HTMLImport.file(path, with: importer)
    #expect(result.messages.count == 3)
    let truncated = try #require(result.issues(.truncated).first)
    #expect(truncated.location.byteOffset > 0 && truncated.location.byteOffset <= Int64(cut))
    #expect(truncated.location.byteOffset > result.messages.last?.source.byteOffset ?? 0)
  }

  @Test func pageWithoutMessageArrayIsRejected() throws {
    let path = Fixtures.write(
      "<html><head><title>x</title></head><body><script>const chatMessages = 5;</script></body></html>",
      name: "x.html")
    let probe = try FileProbe.read(path: path)
    #expect(importer.detect(probe) == MemoTraceHTMLImporter.v2Page)
    #expect(throws: ImportError.self) {
      try importer.importFile(probe, format: MemoTraceHTMLImporter.v2Page, context: ImportContext()) { _ in }
    }
  }
}
