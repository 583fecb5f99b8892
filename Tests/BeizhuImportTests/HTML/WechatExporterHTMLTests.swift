import BeizhuCore
import BeizhuTestSupport
import Foundation
import Testing

@testable import BeizhuImport

/// WechatExporter chat pages, msg-N.js files and the chat list (FORMATS.md §10).
@Suite struct WechatExporterHTMLTests {
  let importer = WechatExporterHTMLImporter()
  static let fixtures = Fixtures.testdata("import/html/wechatexporter/店主")

  /// What a message is, without where it came from.
  struct Shape: Hashable {
    var chat: String, time: Int64, side: MessageSide, kind: MessageKind, text: String, key: String?
    var transfer: Transfer?
    init(_ message: Message) {
      chat = message.chat.storageKey
      time = message.time
      side = message.side
      kind = message.kind
      text = message.text
      key = message.exporterKey
      transfer = message.transfer
    }
  }

  @Test func pageDOMIsReadLeniently() throws {
    let result = try HTMLImport.file(
      Self.fixtures + "/客户甲/index.html", with: importer, expecting: WechatExporterHTMLImporter.chatPage)
    let messages = result.messages
    #expect(messages.count == 10)
    #expect(messages.allSatisfy { $0.chat.key == .alias("jia_alias") && $0.chat.isGroup == false })
    #expect(messages.map(\.exporterKey) == (1...10).map { String($0) })
    // Raw `<` and `&` in <pre>, and the [捂脸] image restored as text.
    #expect(messages[1].text == "价格 < 100 & 包邮吗[捂脸]\n第二行")
    #expect(messages[1].side == .friend && messages[2].side == .me)
    // The leading notice has no time: it takes the next message's.
    #expect(messages[0].side == .system && messages[0].kind == .system)
    #expect(messages[0].time == messages[1].time)
    // Transfers: the friend pays, the owner accepts; the owner's own transfer is money out.
    let transfers = messages.filter { $0.kind == .transfer }
    #expect(transfers.map(\.side) == [.friend, .me, .me])
    #expect(transfers.map { $0.transfer?.paySubtype } == [1, 3, 1])
    #expect(transfers.map { $0.transfer?.amountFen } == [8850, 8850, 1000])
    #expect(transfers[0].transfer?.memo == "两盒面膜" && transfers[0].text == "￥88.50 - 转账\n两盒面膜")
    #expect(messages[6].kind == .redPacket && messages[6].side == .friend)
    #expect(messages[7].side == .system && messages[7].time == messages[6].time)
    #expect(messages[8].kind == .voice && messages[9].kind == .image)
    #expect(result.owners == [OwnerHint(alias: "owner_alias", names: ["店主"])])
    // The raw `&` is reported (located), nothing else.
    #expect(result.issues.filter { $0.severity >= .warning }.map(\.code) == [.malformedMarkup])
    #expect(result.issues.first?.location.line == 23)
  }

  @Test func scriptFilesRepeatTheDOMAndAreReadOnce() throws {
    let (collected, report) = try HTMLImport.run([Self.fixtures + "/客户甲"])
    #expect(collected.messages.count == 10)
    let script = try #require(report.files.first { $0.path.hasSuffix("msg-1.js") })
    #expect(script.status == .imported && script.messages == 0)
    #expect(collected.issues(.preferredSource).count == 1)
  }

  @Test func scriptFileAloneGivesTheSameMessagesAsTheDOM() throws {
    let page = try HTMLImport.file(Self.fixtures + "/客户甲/index.html", with: importer)
    // The same msg-1.js in a folder without a chat page is read on its own.
    let folder = Fixtures.temporaryDirectory() + "/店主/客户甲/Files/Data"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Self.fixtures + "/客户甲/Files/Data/msg-1.js", toPath: folder + "/msg-1.js")
    let script = try HTMLImport.file(
      folder + "/msg-1.js", with: importer, expecting: WechatExporterHTMLImporter.messageScript)
    #expect(script.messages.map(Shape.init) == page.messages.map(Shape.init))
    #expect(script.messages.first?.source.line == 2)
  }

  @Test func onScrollPageReadsAllScriptFilesInNumericOrder() throws {
    let page = try HTMLImport.file(Self.fixtures + "/客户甲/index.html", with: importer)
    let (collected, report) = try HTMLImport.run([Self.fixtures + "/客户乙"])
    #expect(collected.messages.map(\.exporterKey) == (1...10).map { String($0) })
    #expect(collected.messages.map(Shape.init) == page.messages.map(Shape.init))
    #expect(report.files.filter { $0.path.hasSuffix(".js") }.allSatisfy { $0.messages == 0 })
  }

  @Test func ownerOnlyChatKeepsTheFolderName() throws {
    let folder = Fixtures.temporaryDirectory() + "/店主/群发"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let page = try String(contentsOfFile: Self.fixtures + "/客户乙/index.html", encoding: .utf8)
    let bubble = """
      <div class="msg chat right " msgid="1" msgtype="1"><div class="nt-box"><span class="dspname right" wxId="owner_alias">店主</span> 2024-05-01 10:00:00</div><pre>上新啦</pre></div>
      """
    try page.replacingOccurrences(of: "id=\"msgs-div\">", with: "id=\"msgs-div\">" + bubble)
      .write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
    let result = try HTMLImport.file(folder + "/index.html", with: importer)
    #expect(result.messages.map(\.chat.key) == [.name("群发")])
  }

  @Test func chatListMapsFoldersToAliases() throws {
    let list = Fixtures.temporaryDirectory() + "/店主"
    try FileManager.default.createDirectory(atPath: list, withIntermediateDirectories: true)
    try """
    <!doctype html><html><head><meta charset="utf-8"><title>微信聊天记录  - 店主</title></head><body><table>
    <tr><td><img src="Portrait/wxid_jia001.jpg" /></td><td><a href="%E5%AE%A2%E6%88%B7%E7%94%B2/index.html">客户甲 （微信号：jia_alias）</a></td></tr>
    <tr><td><img src="Portrait/wxid_yi002.jpg" /></td><td><a href="%E5%AE%A2%E6%88%B7%E4%B9%99/index.html">客户乙</a></td></tr>
    <tr><td><img src="Portrait/123@chatroom.jpg" /></td><td><a href="Group%20A/index.html">Group A</a></td></tr>
    </table></body></html>
    """.write(toFile: list + "/index.html", atomically: true, encoding: .utf8)
    let result = try HTMLImport.file(
      list + "/index.html", with: importer, expecting: WechatExporterHTMLImporter.chatList)
    #expect(result.contacts.map(\.id) == ["jia_alias", "wxid_yi002", "123@chatroom"])
    #expect(result.contacts.map(\.alias) == ["jia_alias", "", ""])
    #expect(result.contacts.map(\.otherNames) == [["客户甲"], ["客户乙"], ["Group A"]])
    #expect(result.contacts.map(\.kind) == [nil, nil, .group])
  }

  // MARK: Samples

  static let sample = Fixtures.sample("wechatexporter/林小雨🌷")

  @Test(.enabled(if: Fixtures.samplesAvailable)) func sampleChatListNamesEveryFolder() throws {
    let result = try HTMLImport.file(Self.sample + "/index.html", with: importer)
    let byID = Dictionary(uniqueKeysWithValues: result.contacts.map { ($0.id, $0.otherNames) })
    #expect(byID.count == 7)
    #expect(byID["ajie_fitness"] == ["阿杰 健身房"])
    #expect(byID["wxid_tiantian77"] == ["ღ甜甜の小屋🌸"])
    #expect(byID["coco_2019"] == ["Coco(同事介绍)"])
  }

  @Test(.enabled(if: Fixtures.samplesAvailable)) func samplePagesAndScriptsAgree() throws {
    // Every chat folder with a page: the DOM (or, on scroll, msg-1.js) equals msg-1.js read alone.
    for chat in ["Coco(同事介绍)", "ღ甜甜の小屋🌸", "小鹿🦌", "王姐-老客户", "阿杰 健身房", "高中同学陈晨"] {
      let page = try HTMLImport.file(Self.sample + "/\(chat)/index.html", with: importer)
      let folder = Fixtures.temporaryDirectory() + "/林小雨🌷/\(chat)/Files/Data"
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        atPath: Self.sample + "/\(chat)/Files/Data/msg-1.js", toPath: folder + "/msg-1.js")
      let script = try HTMLImport.file(folder + "/msg-1.js", with: importer)
      #expect(!page.messages.isEmpty)
      #expect(script.messages.map(Shape.init) == page.messages.map(Shape.init), "\(chat)")
    }
  }

  /// The class list is read in one pass: known classes found wherever they stand, look-alikes
  /// (`msgs`, `msg-box`) not taken for them.
  @Test func knownClassesAreFoundInOnePass() {
    func classes(_ list: String) -> WechatExporterDOM.Classes {
      Array(list.utf8).withUnsafeBufferPointer(WechatExporterDOM.Classes.init)
    }
    #expect(classes("msg right") == [.msg, .right])
    #expect(classes("\tchat-notice  msg\nmedia ") == [.msg, .chatNotice, .media])
    #expect(classes("msgs msg-box rightmost nt-box") == [.ntBox])
    #expect(
      classes("dspname app-name voicebox voicetime wxemoji") == [
        .dspname, .appName, .voicebox, .voicetime, .wxemoji,
      ])
    #expect(classes("") == [])
  }

  /// A bubble's time is read from its bytes with the markup's spaces around it trimmed, like the
  /// String path it replaced; other Unicode spaces still work.
  @Test func bubbleTimesAreTrimmedAndParsedFromBytes() {
    let parser = LocalTimeParser()
    let expected = parser.parse("2024-04-03 12:00:01")
    #expect(expected != nil)
    for text in [
      "2024-04-03 12:00:01", "\n      2024-04-03 12:00:01\n    ", "\u{A0}2024-04-03 12:00:01\u{3000}",
      "\u{0B}2024-04-03 12:00:01",
    ] {
      #expect(
        WechatExporterChat.parseTime(Array(text.utf8), with: parser) == expected, "\(text.debugDescription)")
    }
    #expect(WechatExporterChat.parseTime(Array("  昨天 12:00 ".utf8), with: parser) == nil)
    #expect(WechatExporterChat.parseTime([], with: parser) == nil)
  }
}
