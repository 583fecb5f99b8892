import BeizhuCore
import BeizhuImport
import Foundation
import Testing

@Suite struct WechatExporterImporterTests {
  let importer = WechatExporterImporter()
  var samples: String { ImportCollector.samples + "/wechatexporter" }
  var fixtures: String { ImportCollector.testdata + "/wechatexporter" }

  // MARK: Contacts

  @Test func sampleContactsWithOwnerRow() throws {
    let result = try ImportCollector.run(importer, path: samples + "/林小雨🌷_Contacts.csv")
    #expect(result.format == WechatExporterImporter.contactsCSV)
    #expect(result.issues.isEmpty)
    #expect(result.contacts.count == 8)
    let owner = try #require(result.contacts.first { $0.kind == .owner })
    #expect(owner.id == "xiaoyu_meifu")
    #expect(owner.nickname == "林小雨🌷")
    #expect(result.contacts.filter { $0.kind == .owner }.count == 1)
    #expect(result.owners == [OwnerHint(alias: "xiaoyu_meifu", names: ["林小雨🌷"])])
    let wang = try #require(result.contacts.first { $0.id == "wangli_1985" })
    #expect(wang.tags == ["客户", "老客户"])
    #expect(wang.alias == "wangli_1985")
    #expect(wang.nickname == "王姐-老客户")
    let tiantian = try #require(result.contacts.first { $0.id == "wxid_tiantian77" })
    #expect(tiantian.alias == "")
    #expect(tiantian.tags == [])
    #expect(result.contacts.first { $0.id == "coco_2019" }?.tags == ["客户"])
  }

  @Test func fixtureContacts() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/店主小周_Contacts.csv")
    #expect(result.issues.isEmpty)
    #expect(result.contacts.map(\.id) == ["lina_2020", "wxid_xiaomei01", "zhou_shop", "wxid_nolabel"])
    #expect(result.contacts.map(\.tags) == [["客户"], ["代理", "宝妈"], [], []])
    #expect(result.contacts.map(\.kind) == [nil, nil, .owner, nil])
    #expect(result.contacts[1].otherNames == ["小美团长"])
    #expect(result.owners == [OwnerHint(alias: "zhou_shop", names: ["店主小周"])])
  }

  @Test func truncatedContacts() throws {
    let text = try String(contentsOfFile: fixtures + "/店主小周_Contacts.csv", encoding: .utf8)
    let cut = try #require(text.range(of: "\"zhou_shop\",\"店主"))
    let path = try ImportCollector.temporaryFile("店主小周_Contacts.csv", text: String(text[..<cut.upperBound]))
    let result = try ImportCollector.run(importer, path: path)
    #expect(result.contacts.count == 2)
    #expect(result.issues.map(\.code) == [.truncated])
  }

  // MARK: Text chats

  @Test func sampleGluedTransfer() throws {
    let result = try ImportCollector.run(importer, path: samples + "/林小雨🌷/王姐-老客户/index.txt")
    #expect(result.format == WechatExporterImporter.chatText)
    #expect(result.issues.isEmpty)
    #expect(result.count(.friend) == 6)
    #expect(result.count(.me) == 7)
    #expect(result.count(.system) == 0)
    #expect(result.messages.allSatisfy { $0.chat.key == .alias("wangli_1985") && $0.chat.isGroup == nil })
    #expect(result.owners.first == OwnerHint(names: ["林小雨🌷"]))
    let transfers = result.messages.filter { $0.kind == .transfer }
    #expect(transfers.map(\.side) == [.friend, .me])
    #expect(
      transfers.map(\.transfer) == [
        Transfer(paySubtype: 1, amountFen: 19800, memo: "水乳套装"),
        Transfer(paySubtype: 3, amountFen: 19800, memo: "水乳套装"),
      ])
    let after = try #require(result.messages.first { $0.text == "收到啦，发个地址给我" })
    #expect(after.side == .me)
    #expect(after.time == 1_712_131_655)
    #expect(result.messages.allSatisfy { $0.sender == nil })
  }

  @Test func sampleSystemLines() throws {
    let result = try ImportCollector.run(importer, path: samples + "/林小雨🌷/赵阿姨(想做代理)/index.txt")
    #expect(result.issues.isEmpty)
    #expect(result.count(.friend) == 4)
    #expect(result.count(.me) == 3)
    #expect(result.count(.system) == 2)
    #expect(result.messages.allSatisfy { $0.chat.key == .alias("zhao_ayi66") })
    let system = result.messages.filter { $0.side == .system }
    #expect(system.map(\.text) == ["以上是打招呼的内容", "你已添加了赵阿姨，现在可以开始聊天了。"])
    // They take the time of the greeting before them.
    #expect(system.allSatisfy { $0.time == result.messages[0].time })
    #expect(result.messages[0].text == "你好，想了解一下")
  }

  @Test func fixtureGluedTransfersContinuationsAndNotices() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/店主小周/李娜/index.txt")
    #expect(result.issues.isEmpty)
    #expect(result.messages.allSatisfy { $0.chat.key == .alias("lina_2020") })
    #expect(result.count(.friend) == 5)
    #expect(result.count(.me) == 5)
    #expect(result.count(.system) == 2)
    // The notice before the first message takes that message's time.
    #expect(result.messages[0].side == .system)
    #expect(result.messages[0].time == result.messages[1].time)
    #expect(result.messages[1].text == "面霜还有货吗？\n要两瓶 (大瓶):谢谢")
    #expect(
      result.messages.compactMap(\.transfer) == [
        Transfer(paySubtype: 1, amountFen: 39600, memo: "两瓶面霜"),
        Transfer(paySubtype: 3, amountFen: 39600, memo: "两瓶面霜"),
        Transfer(paySubtype: 1, amountFen: 2000),
      ])
    #expect(result.messages.filter { $0.kind == .transfer }.map(\.side) == [.friend, .me, .me])
    let thanks = try #require(result.messages.first { $0.text == "谢谢退的运费" })
    #expect(thanks.side == .friend)
    #expect(thanks.source.line == 10)
    #expect(thanks.source.column > 1)
    #expect(result.messages.map(\.kind).suffix(4) == [.redPacket, .system, .voice, .image])
    #expect(result.messages.last?.text == "[图片]")
  }

  @Test func groupMembersAndUnknownGluedName() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/店主小周/宝妈群/index.txt")
    #expect(result.messages.allSatisfy { $0.chat.key == .name("宝妈群") })
    #expect(result.messages.map(\.sender) == ["群友A", nil, "群友A", "群友B", nil])
    #expect(result.messages.map(\.side) == [.friend, .me, .friend, .friend, .me])
    #expect(result.messages[2].text == "微信转账 ￥59.80 - 向店主小周转账")
    #expect(result.messages.compactMap(\.transfer?.paySubtype) == [1, 3])
  }

  @Test func truncatedChat() throws {
    let text = try String(contentsOfFile: fixtures + "/店主小周/李娜/index.txt", encoding: .utf8)
    let cut = try #require(text.range(of: "谢谢退的运费"))
    let path = try ImportCollector.temporaryFile(
      "index.txt", folders: ["店主小周", "李娜"], text: String(text[..<cut.upperBound]))
    let result = try ImportCollector.run(importer, path: path)
    #expect(result.messages.last?.text == "谢谢退的运费")
    #expect(result.issues.map(\.code) == [.truncated])
  }

  @Test func tinyChunksGiveTheSameMessages() throws {
    let text = try String(contentsOfFile: fixtures + "/店主小周/李娜/index.txt", encoding: .utf8)
    let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    let body = String(lines[2])
    let big = "\(lines[0])\n\n" + String(repeating: body, count: 12)
    let path = try ImportCollector.temporaryFile("index.txt", folders: ["店主小周", "李娜"], text: big)
    let normal = try ImportCollector.run(importer, path: path)
    let tiny = try ImportCollector.run(WechatExporterImporter(chunkSize: 16), path: path)
    #expect(normal.messages.count == 12 * 12)
    #expect(ImportCollector.summary(tiny.messages) == ImportCollector.summary(normal.messages))
  }

  @Test func htmlAndScriptsAreLeftToTheHTMLImporter() throws {
    for path in [
      "/林小雨🌷/index.html", "/林小雨🌷/王姐-老客户/index.html", "/林小雨🌷/王姐-老客户/Files/Data/msg-1.js",
      "/林小雨🌷/小鹿🦌/Files/Data/msg-1.js",
    ] {
      let probe = try FileProbe.read(path: samples + path)
      #expect(importer.detect(probe) == nil, "\(path)")
    }
    for other in [
      "/memotrace/contacts.csv", "/chatlog/contact.csv", "/weflow/contacts_2025-03-02T06-41-09.csv",
      "/wechatdump/王姐老客户.txt", "/memotrace/data/聊天记录/王姐-老客户/王姐-老客户.txt", "/labels.csv",
    ] {
      let probe = try FileProbe.read(path: ImportCollector.samples + other)
      #expect(importer.detect(probe) == nil, "\(other)")
    }
  }
}
