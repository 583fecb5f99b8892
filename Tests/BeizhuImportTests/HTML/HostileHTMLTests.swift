import BeizhuCore
import BeizhuTestSupport
import Foundation
import Testing

@testable import BeizhuImport

/// Untrusted pages: nothing external is loaded, no entity is expanded, deep nesting and cut
/// files end in issues, never in a crash or a hang.
@Suite struct HostileHTMLTests {
  let importer = WechatExporterHTMLImporter()
  static let base = Fixtures.testdata("import/html/hostile")

  func page(_ name: String) throws -> Collected {
    try HTMLImport.file(Self.base + "/\(name)/店主/客户甲/index.html", with: importer)
  }

  @Test func xxeFileEntityIsNotLoaded() throws {
    #expect(LibXML2Safety.refusesExternalEntities)
    let result = try page("xxe_file")
    #expect(result.messages.count == 10)
    #expect(!result.messages.contains { $0.text.contains("root:") })
    #expect(result.messages[2].text.hasPrefix("包邮的亲"))
  }

  @Test func xxeNetworkEntityIsNotLoaded() throws {
    let result = try page("xxe_http")
    #expect(result.messages.count == 10)
    #expect(result.messages[2].text.hasPrefix("包邮的亲"))
  }

  @Test func billionLaughsIsNotExpanded() throws {
    let result = try page("billion_laughs")
    #expect(result.messages.count == 10)
    #expect(result.messages[2].text.utf8.count < 100)
    #expect(!result.messages[2].text.contains("lollol"))
  }

  @Test func deepNestingIsSurvived() throws {
    let fixture = try String(
      contentsOfFile: Fixtures.testdata("import/html/wechatexporter/店主/客户甲/index.html"), encoding: .utf8)
    let depth = 100_000
    let deep = String(repeating: "<div>", count: depth) + "深" + String(repeating: "</div>", count: depth)
    let folder = Fixtures.temporaryDirectory() + "/店主/客户甲"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try fixture.replacingOccurrences(of: "<pre>包邮的亲</pre>", with: "<pre>包邮的亲</pre>" + deep)
      .write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
    let result = try HTMLImport.file(folder + "/index.html", with: importer)
    #expect(result.messages.count == 10)
    #expect(result.messages[2].text == "包邮的亲")
    // Unclosed nesting does not swallow the messages after it either.
    let open = fixture.replacingOccurrences(
      of: "<pre>包邮的亲</pre>", with: "<pre>包邮的亲</pre>" + String(repeating: "<div><span>", count: depth))
    try open.write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
    let unclosed = try HTMLImport.file(folder + "/index.html", with: importer)
    #expect(unclosed.messages.count == 10)
  }

  @Test func pageCutInsideAMultibyteCharacter() throws {
    let bytes = [UInt8](
      try Data(
        contentsOf: URL(fileURLWithPath: Fixtures.testdata("import/html/wechatexporter/店主/客户甲/index.html"))))
    // Cut in the middle of the 3-byte `两` of the fifth message's memo.
    let start = try #require(
      bytes.firstRange(
        of: Array(
          "两盒面膜</pre></span></div></div>\n\t\t\t\t\t\t<div class=\"appinfo\"><img src=\"\" class=\"transfer-icon\" /><span class=\"app-name\">微信转账</span></div>\n\t\t\t\t\t</div>\n\t\t\t\t</div>\n\t\t\t\t<div class=\"msg chat right \" msgid=\"5\""
            .utf8)))
    let secondMemo = try #require(bytes[start.upperBound...].firstRange(of: Array("两盒".utf8)))
    let cut = secondMemo.lowerBound + 1
    let folder = Fixtures.temporaryDirectory() + "/店主/客户甲"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = Fixtures.write(Array(bytes[..<cut]), name: "index.html", in: folder)
    let result = try HTMLImport.file(path, with: importer)
    #expect(result.messages.map(\.exporterKey) == ["1", "2", "3", "4"])
    #expect(result.issues(.invalidEncoding).count == 1)
    let truncated = try #require(result.issues(.truncated).first)
    #expect(truncated.severity == .error)
    #expect(truncated.location.byteOffset >= Int64(secondMemo.lowerBound - 200))
  }

  @Test func scriptArrayCutMidString() throws {
    let script = Fixtures.testdata("import/html/wechatexporter/店主/客户甲/Files/Data/msg-1.js")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: script)))
    let seventh = try #require(bytes.firstRange(of: Array("msgid=\\\"7\\\"".utf8)))
    let folder = Fixtures.temporaryDirectory() + "/店主/客户甲/Files/Data"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = Fixtures.write(Array(bytes[..<(seventh.lowerBound + 4)]), name: "msg-1.js", in: folder)
    let result = try HTMLImport.file(path, with: importer)
    #expect(result.messages.map(\.exporterKey) == ["1", "2", "3", "4", "5", "6"])
    let truncated = try #require(result.issues(.truncated).first)
    #expect(truncated.location.byteOffset == Int64(seventh.lowerBound + 4))
  }
}
