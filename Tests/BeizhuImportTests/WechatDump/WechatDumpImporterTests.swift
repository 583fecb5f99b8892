import BeizhuCore
import BeizhuImport
import Foundation
import Testing

@Suite struct WechatDumpImporterTests {
  let importer = WechatDumpImporter()
  var samples: String { ImportCollector.samples + "/wechatdump" }
  var fixtures: String { ImportCollector.testdata + "/wechatdump" }

  /// (stem, from friend, from me) — wechat-dump drops system messages; the auto-accept text is
  /// the friend's text at import.
  static let sampleChats: [(String, Int, Int)] = [
    ("王姐老客户", 6, 7), ("Coco同事介绍", 8, 5), ("小鹿", 5, 5), ("赵阿姨想做代理", 4, 3),
    ("阿杰 健身房", 4, 3), ("高中同学陈晨", 6, 5),
  ]

  @Test(arguments: sampleChats)
  func samplePrivateChats(stem: String, friend: Int, me: Int) throws {
    let result = try ImportCollector.run(importer, path: samples + "/\(stem).txt")
    #expect(result.format == WechatDumpImporter.chatText)
    #expect(result.issues.isEmpty)
    #expect(result.count(.friend) == friend)
    #expect(result.count(.me) == me)
    #expect(result.count(.system) == 0)
    #expect(result.messages.allSatisfy { $0.chat.key == .name(stem) && $0.chat.isGroup == false })
    #expect(result.messages.allSatisfy { $0.sender == nil })
  }

  @Test func sampleGroupIsDetected() throws {
    let result = try ImportCollector.run(importer, path: samples + "/小雨美肤福利群.txt")
    #expect(result.messages.allSatisfy { $0.chat.key == .name("小雨美肤福利群") && $0.chat.isGroup == true })
    #expect(result.count(.friend) == 9)
    #expect(result.count(.me) == 3)
    #expect(
      Set(result.messages.compactMap(\.sender)) == ["王姐-老客户", "小鹿🦌", "wxid_q8m2member01"])
    #expect(result.messages.filter { $0.side == .me }.allSatisfy { $0.sender == nil })
  }

  @Test func sampleTransfersAndRedPacket() throws {
    let wang = try ImportCollector.run(importer, path: samples + "/王姐老客户.txt")
    let transfers = wang.messages.filter { $0.kind == .transfer }
    #expect(transfers.map(\.side) == [.friend, .me])
    #expect(
      transfers.map(\.transfer) == [
        Transfer(paySubtype: 1, amountFen: 19800), Transfer(paySubtype: 3, amountFen: 19800),
      ])
    #expect(transfers[0].text == "[Money Transfer]\n收到转账198.00元。如需收钱，请点此升级至最新版本")
    // 2024-04-03 16:02:29 in Asia/Shanghai.
    #expect(transfers[0].time == 1_712_131_349)
    let coco = try ImportCollector.run(importer, path: samples + "/Coco同事介绍.txt")
    let packets = coco.messages.filter { $0.kind == .redPacket }
    #expect(packets.map(\.side) == [.friend])
    #expect(packets.first?.text == "[RED ENVELOPE]\n恭喜发财，大吉大利")
    #expect(coco.messages.filter { $0.kind == .emoji }.count == 1)
  }

  @Test func colonsPipesMicrosecondsAndContinuations() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/Lily代购深圳.txt")
    #expect(result.issues.isEmpty)
    #expect(result.messages.allSatisfy { $0.chat.key == .name("Lily代购深圳") && $0.chat.isGroup == false })
    #expect(result.count(.friend) == 5)
    #expect(result.count(.me) == 4)
    #expect(result.messages[0].text == "在吗？价格: 199|包邮吗")
    #expect(result.messages[1].time == result.messages[0].time + 120)
    #expect(result.messages[2].text == "好的:那我要\n两瓶，地址：深圳市南山区 12:30 前送到\n\n谢谢")
    #expect(result.messages[2].source.line == 3)
    #expect(result.messages[3].kind == .voice)
    #expect(
      result.messages.compactMap(\.transfer) == [
        Transfer(paySubtype: 1, amountFen: 39800), Transfer(paySubtype: 3, amountFen: 39800),
        Transfer(paySubtype: 1, amountFen: 2000),
      ])
    #expect(result.messages.filter { $0.kind == .transfer }.map(\.side) == [.friend, .me, .me])
    #expect(result.messages[7].kind == .redPacket)
    #expect(result.messages[8].text == "1|me:2024-04-14 09:11:00:这不是新消息")
    #expect(result.messages[8].side == .me)
    #expect(result.messages[0].exporterKey == "2024-04-13 10:00:00.100000|Lily:代购|深圳")
  }

  @Test func oneMemberGroupIsAGroup() throws {
    // Only 王姐-老客户 spoke, but her name does not sanitise to the file stem.
    let result = try ImportCollector.run(importer, path: fixtures + "/周末读书会.txt")
    #expect(result.messages.allSatisfy { $0.chat.isGroup == true })
    #expect(result.messages.filter { $0.side == .friend }.map(\.sender) == ["王姐-老客户", "王姐-老客户"])
  }

  @Test func ownerOnlyChatIsUnknown() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/朵朵.txt")
    #expect(result.messages.count == 3)
    #expect(result.messages.allSatisfy { $0.chat.isGroup == nil && $0.side == .me })
    #expect(result.messages[1].kind == .image)
  }

  @Test func namelessChatIsPrivate() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/140234567890.txt")
    #expect(result.messages.allSatisfy { $0.chat.isGroup == false && $0.chat.key == .name("140234567890") })
    #expect(result.count(.friend) == 2)
  }

  @Test func groupRuleByName() {
    #expect(WechatDumpImporterTests.isPrivate("王姐-老客户", "王姐老客户"))
    #expect(WechatDumpImporterTests.isPrivate("小鹿🦌", "小鹿"))
    #expect(WechatDumpImporterTests.isPrivate("王姐-老客户", "王姐老客户 (1)"))
    #expect(!WechatDumpImporterTests.isPrivate("王姐-老客户", "王姐老客户群"))
    #expect(!WechatDumpImporterTests.isPrivate("wxid_q8m2member01", "小雨美肤福利群"))
    #expect(WechatDumpImporterTests.isPrivate("", "1402345"))
    #expect(!WechatDumpImporterTests.isPrivate("", "朵朵"))
  }

  /// A two-line file from `name` named `stem`.txt: is it read as a private chat?
  static func isPrivate(_ name: String, _ stem: String) -> Bool {
    let text = "1|\(name):2024-01-01 10:00:00:a\n1|me:2024-01-01 10:00:01:b\n"
    guard let path = try? ImportCollector.temporaryFile("\(stem).txt", text: text),
      let result = try? ImportCollector.run(WechatDumpImporter(), path: path)
    else { return false }
    return result.messages.first?.chat.isGroup == false
  }

  @Test func truncatedFileKeepsItsMessagesAndSaysSo() throws {
    let text = try String(contentsOfFile: fixtures + "/Lily代购深圳.txt", encoding: .utf8)
    let cut = try #require(text.range(of: "已收款398.00元"))
    let path = try ImportCollector.temporaryFile("Lily代购深圳.txt", text: String(text[..<cut.upperBound]))
    let result = try ImportCollector.run(importer, path: path)
    #expect(result.messages.count == 6)
    #expect(result.messages.last?.transfer == Transfer(paySubtype: 3, amountFen: 39800))
    #expect(result.issues.map(\.code) == [.truncated])
  }

  @Test func badTimeSkipsTheMessageAndItsContinuation() throws {
    let text = "1|me:2024-01-01 10:00:00:a\n1|me:2024-13-01 10:00:00:bad\nmore\n1|me:2024-01-01 10:00:02:c\n"
    let path = try ImportCollector.temporaryFile("x.txt", text: text)
    let result = try ImportCollector.run(importer, path: path)
    #expect(result.messages.map(\.text) == ["a", "c"])
    #expect(result.issues.map(\.code) == [.badTime])
    #expect(result.issues.first?.location.line == 2)
  }

  @Test func tinyChunksGiveTheSameMessages() throws {
    let text = try String(contentsOfFile: fixtures + "/Lily代购深圳.txt", encoding: .utf8)
    let path = try ImportCollector.temporaryFile("Lily代购深圳.txt", text: String(repeating: text, count: 12))
    let normal = try ImportCollector.run(importer, path: path)
    let tiny = try ImportCollector.run(WechatDumpImporter(chunkSize: 16), path: path)
    #expect(normal.messages.count == 9 * 12)
    #expect(ImportCollector.summary(tiny.messages) == ImportCollector.summary(normal.messages))
  }

  @Test func detectionIsTight() throws {
    // Other exporters' TXT files and a text that mentions the shape once are not wechat-dump.
    for other in [
      "/wechatexporter/林小雨🌷/王姐-老客户/index.txt", "/chatlog/chatlog/wxid_wangli1985.txt",
      "/memotrace/data/聊天记录/王姐-老客户/王姐-老客户.txt",
    ] {
      let probe = try FileProbe.read(path: ImportCollector.samples + other)
      #expect(importer.detect(probe) == nil, "\(other)")
    }
    let notes = "会议记录\n1|me:2024-01-01 10:00:00:x\n"
    let probe = try FileProbe.read(path: try ImportCollector.temporaryFile("notes.txt", text: notes))
    #expect(importer.detect(probe) == nil)
    let csv = try FileProbe.read(
      path: try ImportCollector.temporaryFile("a.csv", text: "1|me:2024-01-01 10:00:00:x\n"))
    #expect(importer.detect(csv) == nil)
  }
}
