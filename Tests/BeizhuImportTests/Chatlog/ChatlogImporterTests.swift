import BeizhuCore
import Foundation
import Testing

@testable import BeizhuImport

@Suite("chatlog importer")
struct ChatlogImporterTests {
  let importer = ChatlogImporter()
  static let chats = "chatlog/chatlog"

  /// (talker, friend, me, system) counted from the genuine sample files; Coco's auto-accept text is
  /// the friend's text here (the workspace reclassifies it), and her emptied red-packet notice is system.
  static let sampleCounts: [(String, Int, Int, Int)] = [
    ("wxid_ajie996", 4, 3, 2), ("wxid_chenchen88", 6, 5, 1), ("wxid_coco_orange", 8, 5, 1),
    ("wxid_tiantian77", 0, 0, 1), ("wxid_wangli1985", 6, 7, 0), ("wxid_xiaolu0321", 5, 5, 0),
    ("wxid_zhaoayi_66", 4, 3, 2), ("20398765432@chatroom", 9, 3, 0),
  ]

  // MARK: Samples

  @Test("JSON, CSV and TXT of each sample chat: same counts by side, same times", arguments: sampleCounts)
  func sampleChats(talker: String, friend: Int, me: Int, system: Int) throws {
    let files = [
      "\(talker).json", "\(talker)_2024-01-01_2024-12-31.csv", "\(talker).txt",
    ]
    let expectedFormats = [ChatlogImporter.chatJSON, ChatlogImporter.chatCSV, ChatlogImporter.chatText]
    var times: [[Int64]] = []
    for (file, format) in zip(files, expectedFormats) {
      let records = try ExportRecords.read(ExportPaths.sample("\(Self.chats)/\(file)"), with: importer)
      #expect(records.format == format, "\(file)")
      let counts = records.counts(chat: talker)
      #expect(counts.friend == friend, "\(file)")
      #expect(counts.me == me, "\(file)")
      #expect(counts.system == system, "\(file)")
      #expect(records.messages.allSatisfy { $0.chat.isGroup == talker.hasSuffix("@chatroom") }, "\(file)")
      #expect(records.issues.allSatisfy { $0.code == .inferredDate }, "\(file)")
      times.append(records.messages.map(\.time))
    }
    #expect(times[0] == times[1])
    #expect(times[0] == times[2])
  }

  @Test("transfers: 发送 by the friend is paysubtype 1 paid by the friend, 接收 by the owner is 3")
  func sampleTransfers() throws {
    let context = ImportContext(ownerHints: [OwnerHint(id: "wxid_lxy2023skin")])
    for file in ["wxid_wangli1985.json", "wxid_wangli1985_2024-01-01_2024-12-31.csv", "wxid_wangli1985.txt"] {
      let records = try ExportRecords.read(
        ExportPaths.sample("\(Self.chats)/\(file)"), with: importer, context: context)
      let transfers = records.messages.filter { $0.kind == .transfer }
      #expect(transfers.map(\.side) == [.friend, .me], "\(file)")
      #expect(
        transfers.map(\.transfer) == [
          Transfer(
            paySubtype: 1, amountFen: 19800, payer: "wxid_wangli1985", receiver: "wxid_lxy2023skin",
            memo: "水乳套装"),
          Transfer(
            paySubtype: 3, amountFen: 19800, payer: "wxid_wangli1985", receiver: "wxid_lxy2023skin",
            memo: "水乳套装"),
        ], "\(file)")
    }
  }

  @Test("JSON kinds and payloads: red packet, sticker, voice, image; seq as key")
  func sampleJSONKinds() throws {
    let coco = try ExportRecords.read(
      ExportPaths.sample("\(Self.chats)/wxid_coco_orange.json"), with: importer)
    let packet = coco.messages[5]
    #expect(packet.kind == .redPacket)
    #expect(packet.side == .friend)
    #expect(packet.payload?.hasPrefix("<msg>") == true)
    #expect(packet.exporterKey == "1718025851000")
    #expect(coco.messages[6].side == .system && coco.messages[6].text.isEmpty)
    #expect(coco.messages[13].kind == .emoji)
    let xiaolu = try ExportRecords.read(
      ExportPaths.sample("\(Self.chats)/wxid_xiaolu0321.json"), with: importer)
    #expect(xiaolu.messages.map(\.kind).filter { $0 != .text } == [.voice, .image])
    #expect(xiaolu.messages[4].serverID == "1866541670012840256")
    let csv = try ExportRecords.read(
      ExportPaths.sample("\(Self.chats)/wxid_coco_orange_2024-01-01_2024-12-31.csv"), with: importer)
    #expect(csv.messages[5].kind == .redPacket)
    #expect(csv.messages[13].kind == .emoji)
  }

  @Test("group chat: member senders in every format, parenthesised names in TXT")
  func sampleGroup() throws {
    for file in [
      "20398765432@chatroom.json", "20398765432@chatroom_2024-01-01_2024-12-31.csv",
      "20398765432@chatroom.txt",
    ] {
      let records = try ExportRecords.read(ExportPaths.sample("\(Self.chats)/\(file)"), with: importer)
      let senders = Set(records.messages.filter { $0.side == .friend }.compactMap(\.sender))
      #expect(senders == ["wxid_wangli1985", "wxid_q8m2member01", "wxid_xiaolu0321"], "\(file)")
    }
    let zhao = try ExportRecords.read(ExportPaths.sample("\(Self.chats)/wxid_zhaoayi_66.txt"), with: importer)
    #expect(zhao.messages[0].text == "你好，想了解一下")
    #expect(zhao.messages[0].side == .friend)
    // The TXT has no year: it comes from the JSON beside it, said once.
    #expect(zhao.issues(.inferredDate).count == 1)
    #expect(zhao.issues(.inferredDate).first?.message.contains("wxid_zhaoayi_66.json") == true)
  }

  @Test("contact.json: group-only member by isFriend, kinds by id, owner from context")
  func sampleContactJSON() throws {
    let context = ImportContext(ownerHints: [OwnerHint(id: "wxid_lxy2023skin")])
    let records = try ExportRecords.read(
      ExportPaths.sample("chatlog/contact.json"), with: importer, context: context)
    #expect(records.format == ChatlogImporter.contactsJSON)
    #expect(records.contacts.count == 11)
    #expect(records.contact("wxid_q8m2member01")?.kind == .groupMember)
    #expect(records.contact("gh_3c4e5a6b7d8f")?.kind == .officialAccount)
    #expect(records.contact("20398765432@chatroom")?.kind == .group)
    #expect(records.contact("wxid_lxy2023skin")?.kind == .owner)
    #expect(records.contact("wxid_coco_orange")?.remark == "Coco(同事介绍)")
    #expect(records.contact("wxid_coco_orange")?.nickname == "Coco 🍊")
    #expect(records.contact("wxid_coco_orange")?.kind == nil)
  }

  @Test("contact.csv, chatroom.csv and session.csv samples")
  func sampleLists() throws {
    let contacts = try ExportRecords.read(ExportPaths.sample("chatlog/contact.csv"), with: importer)
    #expect(contacts.format == ChatlogImporter.contactsCSV)
    #expect(contacts.contacts.count == 11)
    #expect(contacts.contact("wxid_ajie996")?.remark == "阿杰 健身房")
    #expect(contacts.contact("gh_3c4e5a6b7d8f")?.alias == "SF-Express")
    #expect(contacts.issues.isEmpty)
    let rooms = try ExportRecords.read(ExportPaths.sample("chatlog/chatroom.csv"), with: importer)
    #expect(rooms.contacts == [Contact(id: "20398765432@chatroom", nickname: "小雨美肤福利群", kind: .group)])
    let sessions = try ExportRecords.read(ExportPaths.sample("chatlog/session.csv"), with: importer)
    #expect(sessions.format == ChatlogImporter.sessionCSV)
    #expect(sessions.contacts.count == 8)
    #expect(sessions.contact("wxid_zhaoayi_66")?.otherNames == ["赵阿姨(想做代理)"])
    #expect(sessions.issues.isEmpty)
  }

  @Test("other exporters' files are not ours")
  func notOurs() throws {
    let others = [
      "pywxdump/api/user_list.json",
      "pywxdump/export/wxid_lxy2023skin/json/wxid_wangli1985/wxid_wangli1985_0_14.json",
      "memotrace/data/聊天记录/王姐-老客户/王姐-老客户.txt", "wechatdump/王姐老客户.txt",
      "wechatexporter/林小雨🌷/王姐-老客户/index.txt", "memotrace/contacts.csv",
      "memotrace3/聊天记录/ღ甜甜の小屋🌸(wxid_tiantian77)/ღ甜甜の小屋🌸.txt",
      "memotrace3/聊天记录/高中同学陈晨(wxid_chenchen88)/高中同学陈晨.txt",
    ]
    for path in others {
      #expect(importer.detect(try FileProbe.read(path: ExportPaths.sample(path))) == nil, "\(path)")
    }
  }

  // MARK: Fixtures

  @Test("contact.csv with commas, alone: best guess and a recovered-row warning per line")
  func commasAlone() throws {
    let records = try ExportRecords.read(
      ExportPaths.fixture("chatlog/comma-alone/contact.csv"), with: importer)
    #expect(records.contact("wxid_comma01")?.remark == "王姐,老客户")
    #expect(records.contact("wxid_comma01")?.nickname == "王丽")
    #expect(records.contact("wxid_comma01")?.alias == "alias01")
    #expect(records.contact("wxid_comma02")?.remark == "")
    #expect(records.contact("wxid_comma02")?.nickname == "Amy,小店")
    #expect(records.contact("wxid_plain03")?.nickname == "美美")
    #expect(records.issues(.recoveredRow).map(\.location.line) == [2, 3])
  }

  @Test("contact.csv with commas beside contact.json: names left to the JSON, one note")
  func commasWithJSON() throws {
    let csv = try ExportRecords.read(
      ExportPaths.fixture("chatlog/comma-with-json/contact.csv"), with: importer)
    #expect(csv.issues(.preferredSource).count == 1)
    #expect(csv.issues(.recoveredRow).isEmpty)
    #expect(csv.contact("wxid_comma01")?.remark == "")
    #expect(csv.contact("wxid_comma01")?.alias == "alias01")
    #expect(csv.contact("wxid_plain03")?.remark == "小美")
    let json = try ExportRecords.read(
      ExportPaths.fixture("chatlog/comma-with-json/contact.json"), with: importer)
    #expect(json.contact("wxid_comma01")?.remark == "王姐,老客户")
    #expect(json.contact("wxid_comma02")?.nickname == "Amy,小店")
  }

  @Test("TXT with MM-DD times over New Year: year from the sibling CSV name, then incremented")
  func yearWrap() throws {
    let records = try ExportRecords.read(
      ExportPaths.fixture("chatlog/year-wrap/wxid_yearwrap.txt"), with: importer)
    #expect(records.format == ChatlogImporter.chatText)
    let parser = LocalTimeParser()
    let expected = [
      "2023-12-30 21:00:00", "2023-12-31 09:00:00", "2023-12-31 09:01:00", "2024-01-02 10:00:00",
      "2024-01-02 10:05:00",
    ].compactMap { parser.parse($0)?.unixSeconds }
    #expect(records.messages.map(\.time) == expected)
    #expect(records.messages.map(\.side) == [.friend, .me, .system, .friend, .me])
    #expect(records.messages[2].text == "")
    #expect(records.messages[4].text == "[转账|接收 ￥99.00](尾款)\n第二行")
    #expect(records.messages[3].transfer?.paySubtype == 1)
    #expect(records.messages[3].transfer?.payer == "wxid_yearwrap")
    #expect(
      records.issues(.inferredDate).first?.message.contains("wxid_yearwrap_2023-12-01_2024-01-31.csv") == true
    )
  }

  @Test("TXT alone: the year comes from the modification date, counted back over the wrap")
  func yearFromModificationDate() throws {
    let folder = try ExportPaths.temporaryFolder()
    let copy = (folder as NSString).appendingPathComponent("wxid_yearwrap.txt")
    try FileManager.default.copyItem(
      atPath: ExportPaths.fixture("chatlog/year-wrap-alone/wxid_yearwrap.txt"), toPath: copy)
    let modified = Date(
      timeIntervalSince1970: TimeInterval(LocalTimeParser().parse("2025-02-01 12:00:00")?.unixSeconds ?? 0))
    try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: copy)
    let records = try ExportRecords.read(copy, with: importer)
    #expect(records.messages.first?.time == LocalTimeParser().parse("2024-12-30 21:00:00")?.unixSeconds)
    #expect(records.messages.last?.time == LocalTimeParser().parse("2025-01-02 10:05:00")?.unixSeconds)
    #expect(records.issues(.inferredDate).first?.message.contains("modification date") == true)
  }

  @Test("chat JSON cut mid-string: messages before the cut, a truncated issue with the offset")
  func truncatedJSON() throws {
    let path = ExportPaths.fixture("chatlog/truncated/wxid_cut01.json")
    let records = try ExportRecords.read(path, with: importer)
    #expect(records.messages.count == 3)
    #expect(records.messages.map(\.side) == [.friend, .me, .friend])
    let issue = try #require(records.issues(.truncated).first)
    let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)
    #expect(issue.location.byteOffset == size.int64Value)
    let tiny = try ExportRecords.read(path, with: ChatlogImporter(chunkSize: 7))
    #expect(tiny.messages == records.messages)
  }

  @Test("a lone chat of a friend with an old free-form id still names the friend")
  func loneFreeFormID() throws {
    let records = try ExportRecords.read(
      ExportPaths.fixture("chatlog/lone/zhangsan1988.json"), with: importer)
    #expect(
      records.messages.map(\.chat) == [
        ChatRef(.id("zhangsan1988"), isGroup: false), ChatRef(.id("zhangsan1988"), isGroup: false),
      ])
    #expect(records.messages.map(\.side) == [.friend, .me])
    #expect(records.messages[0].sender == nil)
  }

  @Test("tiny chunks: every sample chat reads the same")
  func chunkBoundaries() throws {
    let folder = ExportPaths.sample(Self.chats)
    let normal = try ExportRecords.readAll(folder, with: importer)
    let tiny = try ExportRecords.readAll(folder, with: ChatlogImporter(chunkSize: 3))
    #expect(tiny.messages == normal.messages)
    #expect(normal.messages.count == 3 * 80)
  }
}
