import BeizhuCore
import BeizhuImport
import Foundation
import Testing

@Suite struct WeFlowImporterTests {
  let importer = WeFlowImporter()
  var samples: String { ImportCollector.samples + "/weflow" }
  var fixtures: String { ImportCollector.testdata + "/weflow" }

  // MARK: Samples

  @Test func sampleContactsCSV() throws {
    let result = try ImportCollector.run(importer, path: samples + "/contacts_2025-03-02T06-41-09.csv")
    #expect(result.format == WeFlowImporter.contactsCSV)
    #expect(result.issues.isEmpty)
    #expect(result.contacts.count == 9)
    let wang = try #require(result.contacts.first { $0.id == "wxid_wangli1985" })
    #expect(wang.remark == "王姐-老客户")
    #expect(wang.nickname == "王丽")
    #expect(wang.alias == "wangli_1985")
    #expect(wang.tags == ["客户", "老客户"])
    #expect(wang.region == "浙江 杭州")
    #expect(wang.kind == .friend)
    #expect(result.contacts.first { $0.id == "20398765432@chatroom" }?.kind == .group)
    #expect(result.contacts.first { $0.id == "gh_3c4e5a6b7d8f" }?.kind == .officialAccount)
    #expect(result.contacts.first { $0.id == "gh_3c4e5a6b7d8f" }?.alias == "SF-Express")
    #expect(result.contacts.filter { $0.kind == .friend }.count == 7)
  }

  @Test func sampleContactsJSONMatchesCSV() throws {
    let csv = try ImportCollector.run(importer, path: samples + "/contacts_2025-03-02T06-41-09.csv")
    let json = try ImportCollector.run(importer, path: samples + "/contacts_2025-03-02T06-41-09.json")
    #expect(json.format == WeFlowImporter.contactsJSON)
    #expect(json.issues.isEmpty)
    #expect(json.contacts == csv.contacts)
  }

  /// (file, from friend, from me, system) — the auto-accept text stays the friend's text here.
  static let sampleChats: [(String, String, Int, Int, Int)] = [
    ("王姐-老客户", "wxid_wangli1985", 6, 7, 0),
    ("Coco(同事介绍)", "wxid_coco_orange", 8, 5, 1),
    ("ღ甜甜の小屋🌸", "wxid_tiantian77", 0, 0, 1),
    ("小鹿🦌", "wxid_xiaolu0321", 5, 5, 0),
    ("赵阿姨(想做代理)", "wxid_zhaoayi_66", 4, 3, 2),
    ("阿杰 健身房", "wxid_ajie996", 4, 3, 2),
    ("高中同学陈晨", "wxid_chenchen88", 6, 5, 1),
  ]

  @Test(arguments: sampleChats)
  func sampleChatCounts(file: String, id: String, friend: Int, me: Int, system: Int) throws {
    let result = try ImportCollector.run(importer, path: samples + "/chats/\(file).json")
    #expect(result.format == WeFlowImporter.chatJSON)
    #expect(result.issues.isEmpty)
    #expect(result.count(.friend) == friend)
    #expect(result.count(.me) == me)
    #expect(result.count(.system) == system)
    #expect(result.messages.allSatisfy { $0.chat.key == .id(id) && $0.chat.isGroup == false })
    #expect(result.messages.allSatisfy { $0.sender == nil })
    if me > 0 { #expect(result.owners == [OwnerHint(id: "wxid_lxy2023skin", names: ["林小雨🌷"])]) }
  }

  @Test func sampleTransfersAndRedPacket() throws {
    let wang = try ImportCollector.run(importer, path: samples + "/chats/王姐-老客户.json")
    let transfers = wang.messages.filter { $0.kind == .transfer }
    #expect(transfers.count == 2)
    #expect(transfers.map(\.side) == [.friend, .me])
    #expect(
      transfers.map(\.transfer) == [
        Transfer(paySubtype: 1, amountFen: 19800, payer: "wxid_wangli1985", receiver: "wxid_lxy2023skin"),
        Transfer(paySubtype: 3, amountFen: 19800, payer: "wxid_wangli1985", receiver: "wxid_lxy2023skin"),
      ])
    #expect(transfers.first?.time == 1_712_131_349)
    #expect(transfers.first?.exporterKey == "5")

    let coco = try ImportCollector.run(importer, path: samples + "/chats/Coco(同事介绍).json")
    #expect(coco.messages.filter { $0.kind == .redPacket }.map(\.side) == [.friend])
    let notice = try #require(coco.messages.first { $0.side == .system })
    #expect(notice.text == "你领取了Coco 🍊的红包")
    #expect(coco.messages.filter { $0.kind == .emoji }.count == 1)
    #expect(SystemText.isAutoAccept(coco.messages[0].text) && coco.messages[0].side == .friend)
  }

  // MARK: Fixtures

  @Test func fixtureContactsCSV() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/contacts_2025-05-01T08-00-00.csv")
    #expect(result.format == WeFlowImporter.contactsCSV)
    #expect(result.issues.isEmpty)
    #expect(
      result.contacts.map(\.id) == [
        "wxid_lina2020", "wxid_xiaomei01", "55512345678@chatroom", "gh_0a1b2c3d4e5f", "wxid_other999",
      ])
    #expect(result.contacts[0].tags == ["VIP", "客户"])
    #expect(result.contacts[0].description == "老客户 每月复购")
    #expect(result.contacts[1].remark == "小美, \"团长\"")
    #expect(result.contacts[1].tags == ["代理"])
    #expect(result.contacts.map(\.kind) == [.friend, .friend, .group, .officialAccount, nil])
  }

  @Test func gb18030ResaveReadsTheSame() throws {
    let utf8 = try ImportCollector.run(importer, path: fixtures + "/contacts_2025-05-01T08-00-00.csv")
    let gb = try ImportCollector.run(importer, path: fixtures + "/contacts_gb18030.csv")
    #expect(gb.format == WeFlowImporter.contactsCSV)
    #expect(gb.issues.isEmpty)
    #expect(gb.contacts == utf8.contacts)
  }

  @Test func privateChatWithOwnerRefundAndPackedTypes() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/chats/李娜.json")
    #expect(result.issues.isEmpty)
    #expect(result.count(.friend) == 4)
    #expect(result.count(.me) == 3)
    #expect(result.count(.system) == 1)
    #expect(result.messages[1].text == "面霜还有货吗？\n要两瓶")
    #expect(
      result.messages.map(\.kind) == [
        .system, .text, .text, .transfer, .transfer, .transfer, .quote, .redPacket,
      ])
    #expect(
      result.messages[5].transfer
        == Transfer(
          paySubtype: 1, amountFen: 2000, payer: "wxid_lxy2023skin", receiver: "wxid_lina2020"))
    // `我` is the owner learnt from the owner's earlier message in the file.
    #expect(result.messages[3].transfer?.receiver == "wxid_lxy2023skin")
  }

  @Test func ownerFromEarlierFilesResolvesTransferNames() throws {
    let json = """
      {"weflow":{},"session":{"accountId":"wxid_lina2020","remark":"李娜","displayName":"李娜","type":"私聊"},
      "messages":[{"localId":1,"createTime":1717200300,"type":"转账消息","localType":49,
      "content":"[转账] (李娜 转账给 我) ￥396.00","isSend":0,"senderUsername":"wxid_lina2020"}]}
      """
    let path = try ImportCollector.temporaryFile("one.json", text: json)
    let alone = try ImportCollector.run(importer, path: path)
    #expect(alone.messages.first?.transfer?.payer == "wxid_lina2020")
    #expect(alone.messages.first?.transfer?.receiver == nil)
    let known = ImportContext(ownerHints: [OwnerHint(id: "wxid_lxy2023skin")])
    let again = try ImportCollector.run(importer, path: path, context: known)
    #expect(again.messages.first?.transfer?.receiver == "wxid_lxy2023skin")
  }

  @Test func groupChat() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/chats/宝妈团购群.json")
    #expect(result.issues.isEmpty)
    #expect(
      result.messages.allSatisfy { $0.chat.key == .id("55512345678@chatroom") && $0.chat.isGroup == true })
    #expect(result.count(.me) == 1)
    #expect(result.count(.friend) == 4)
    #expect(result.count(.system) == 1)
    #expect(
      result.messages.map(\.sender) == [
        nil, "wxid_xiaomei01", "wxid_lina2020", nil, "wxid_lina2020", "wxid_xiaomei01",
      ])
    #expect(
      result.messages[4].transfer
        == Transfer(
          paySubtype: 1, amountFen: 5980, payer: "wxid_lina2020", receiver: "wxid_lxy2023skin"))
  }

  @Test func messagesBeforeSessionUseTheFileStem() throws {
    let result = try ImportCollector.run(importer, path: fixtures + "/chats/reordered.json")
    #expect(result.format == WeFlowImporter.chatJSON)
    #expect(result.messages.count == 3)
    #expect(result.messages.allSatisfy { $0.chat.key == .name("reordered") })
    #expect(result.issues.map(\.code) == [.badRecord])
    #expect(result.issues.first?.severity == .note)
  }

  @Test func truncatedChatKeepsWhatCameBefore() throws {
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: fixtures + "/chats/李娜.json")))
    let text = String(decoding: bytes, as: UTF8.self)
    let cut = try #require(text.range(of: "\"localId\": 5"))
    let path = try ImportCollector.temporaryFile("cut.json", text: String(text[..<cut.lowerBound]))
    let result = try ImportCollector.run(importer, path: path)
    #expect(result.messages.count == 4)
    #expect(result.issues.map(\.code) == [.truncated])
  }

  @Test func truncatedContactsCSV() throws {
    let text = try String(contentsOfFile: fixtures + "/contacts_2025-05-01T08-00-00.csv", encoding: .utf8)
    let cut = try #require(text.range(of: "\"55512345678@chatroom\",\"宝妈"))
    let path = try ImportCollector.temporaryFile("contacts_cut.csv", text: String(text[..<cut.upperBound]))
    let result = try ImportCollector.run(importer, path: path)
    #expect(result.contacts.count == 2)
    #expect(result.issues.map(\.code) == [.truncated])
  }

  @Test func missingColumnRejectsTheFile() throws {
    let path = try ImportCollector.temporaryFile(
      "contacts_x.csv", text: "用户名,显示名称,备注,昵称,wechat\n\"wxid_a\",\"A\",\"\",\"A\",\"\"")
    let probe = try FileProbe.read(path: path)
    #expect(importer.detect(probe) == nil)
    #expect(throws: ImportError.self) {
      try importer.importFile(probe, format: WeFlowImporter.contactsCSV, context: ImportContext()) { _ in }
    }
  }

  @Test func tinyChunksGiveTheSameMessages() throws {
    // Repeat the sample's messages so the file is far larger than the first 4 KB sniffing read.
    let source = try String(contentsOfFile: samples + "/chats/王姐-老客户.json", encoding: .utf8)
    let open = try #require(source.range(of: "\"messages\": ["))
    let body = source[open.upperBound...].dropLast(3)
    let big =
      source[..<open.upperBound] + Array(repeating: String(body), count: 8).joined(separator: ",") + "]\n}"
    let path = try ImportCollector.temporaryFile("big.json", text: String(big))
    let normal = try ImportCollector.run(importer, path: path)
    let tiny = try ImportCollector.run(WeFlowImporter(chunkSize: 16), path: path)
    #expect(normal.messages.count == 13 * 8)
    #expect(normal.issues.isEmpty)
    #expect(ImportCollector.summary(tiny.messages) == ImportCollector.summary(normal.messages))
  }

  @Test func detectsOnlyWeFlowFiles() throws {
    for other in [
      "/chatlog/contact.json", "/chatlog/chatlog/wxid_wangli1985.json", "/memotrace/contacts.csv",
      "/wechatdump/王姐老客户.txt",
    ] {
      let probe = try FileProbe.read(path: ImportCollector.samples + other)
      #expect(importer.detect(probe) == nil, "\(other)")
    }
  }
}
