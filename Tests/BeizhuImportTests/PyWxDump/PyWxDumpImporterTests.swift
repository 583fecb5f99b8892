import BeizhuCore
import Foundation
import Testing

@testable import BeizhuImport

@Suite("PyWxDump importer")
struct PyWxDumpImporterTests {
  let importer = PyWxDumpImporter()
  static let export = "pywxdump/export/wxid_lxy2023skin"

  // MARK: Samples

  /// (chat, friend, me, system) per chat CSV of the genuine sample, counted from the files:
  /// Coco's first message is the auto-accept text, a friend's text here (the workspace reclassifies it).
  static let sampleCounts: [(String, Int, Int, Int)] = [
    ("wxid_ajie996", 4, 3, 2), ("wxid_chenchen88", 6, 5, 1), ("wxid_coco_orange", 8, 5, 1),
    ("wxid_tiantian77", 0, 0, 1), ("wxid_wangli1985", 6, 7, 0), ("wxid_xiaolu0321", 5, 5, 0),
    ("wxid_zhaoayi_66", 4, 3, 2), ("20398765432@chatroom", 9, 3, 0),
  ]

  @Test("sample chat CSVs: counts by side per chat, owner from folder and talker", arguments: sampleCounts)
  func sampleCSV(chat: String, friend: Int, me: Int, system: Int) throws {
    let records = try ExportRecords.readAll(ExportPaths.sample("\(Self.export)/csv/\(chat)"), with: importer)
    let counts = records.counts(chat: chat)
    #expect(counts.friend == friend)
    #expect(counts.me == me)
    #expect(counts.system == system)
    #expect(records.messages.allSatisfy { $0.chat.isGroup == chat.hasSuffix("@chatroom") })
    // One hint per file (the chat CSV and users.json), all the folder's owner.
    #expect(Set(records.owners.compactMap(\.id)) == ["wxid_lxy2023skin"])
    #expect(records.issues.isEmpty)
    #expect(records.messages.allSatisfy { $0.serverID.map(ExportText.isDigits) == true })
  }

  @Test("transfer pair: the friend's 转账 has no paysubtype, the owner's 已收款 is 3 with roles")
  func sampleTransfers() throws {
    let path = ExportPaths.sample("\(Self.export)/csv/wxid_wangli1985/wxid_wangli1985_0_14.csv")
    let records = try ExportRecords.read(path, with: importer)
    #expect(records.format == PyWxDumpImporter.chatCSV)
    let transfers = records.messages.filter { $0.kind == .transfer }
    try #require(transfers.count == 2)
    #expect(transfers[0].side == .friend)
    #expect(transfers[0].transfer == Transfer(amountFen: 19800, memo: "水乳套装"))
    #expect(transfers[1].side == .me)
    #expect(
      transfers[1].transfer
        == Transfer(
          paySubtype: 3, amountFen: 19800, payer: "wxid_wangli1985", receiver: "wxid_lxy2023skin",
          memo: "水乳套装"))
    #expect(transfers[0].text.hasPrefix("转账：￥198.00\n"))
    #expect(transfers[0].time == 1_712_131_349)
    #expect(transfers[0].serverID == "1866481279014425911")
    #expect(transfers[0].source.line == 6)
  }

  @Test("Coco: red packet is an unknown type, the opened notice is system, stickers and kinds")
  func sampleKinds() throws {
    let path = ExportPaths.sample("\(Self.export)/csv/wxid_coco_orange/wxid_coco_orange_0_15.csv")
    let records = try ExportRecords.read(path, with: importer)
    let kinds = records.messages.map(\.kind)
    #expect(kinds[5] == .other)  // 未知: PyWxDump cannot name the red packet
    #expect(kinds[6] == .system)
    #expect(records.messages[6].side == .system)
    #expect(kinds[13] == .emoji)
    #expect(records.messages[0].text == SystemText.autoAccept)
    #expect(records.messages[0].side == .friend)
    let xiaolu = try ExportRecords.read(
      ExportPaths.sample("\(Self.export)/csv/wxid_xiaolu0321/wxid_xiaolu0321_0_11.csv"), with: importer)
    #expect(xiaolu.messages.map(\.kind).filter { $0 != .text } == [.voice, .image])
  }

  @Test("group CSV: member senders, the owner's rows by flag")
  func sampleGroup() throws {
    let path = ExportPaths.sample("\(Self.export)/csv/20398765432@chatroom/20398765432@chatroom_0_13.csv")
    let records = try ExportRecords.read(path, with: importer)
    let senders = Set(records.messages.filter { $0.side == .friend }.compactMap(\.sender))
    #expect(senders == ["wxid_wangli1985", "wxid_q8m2member01", "wxid_xiaolu0321"])
    #expect(records.messages.filter { $0.side == .me }.allSatisfy { $0.sender == "wxid_lxy2023skin" })
  }

  @Test("chat JSON matches the CSV of the same chat")
  func sampleJSON() throws {
    for chat in ["wxid_coco_orange", "wxid_wangli1985"] {
      let json = try ExportRecords.readAll(ExportPaths.sample("\(Self.export)/json/\(chat)"), with: importer)
      let csv = try ExportRecords.readAll(ExportPaths.sample("\(Self.export)/csv/\(chat)"), with: importer)
      let strip: (Message) -> [String] = {
        [$0.chat.storageKey, "\($0.time)", $0.side.rawValue, $0.kind.rawValue, $0.text]
      }
      #expect(json.messages.map(strip) == csv.messages.map(strip))
      #expect(json.messages.map(\.transfer) == csv.messages.map(\.transfer))
      #expect(json.contacts.count == 2)
    }
  }

  @Test(
    "group users.json: names, alias, labels, region; owner from the folder; ExtraBuf null is a group member")
  func sampleUsers() throws {
    let records = try ExportRecords.read(
      ExportPaths.sample("\(Self.export)/csv/20398765432@chatroom/users.json"), with: importer)
    #expect(records.format == PyWxDumpImporter.usersJSON)
    let wangli = try #require(records.contact("wxid_wangli1985"))
    #expect(wangli.remark == "王姐-老客户")
    #expect(wangli.nickname == "王丽")
    #expect(wangli.alias == "wangli_1985")
    #expect(wangli.tags == ["客户", "老客户"])
    #expect(wangli.region == "浙江 杭州")
    #expect(wangli.kind == nil)
    #expect(records.contact("wxid_lxy2023skin")?.kind == .owner)
    // No profile buffer and no remark in a group's users.json: met only in the group (FORMATS.md §8).
    #expect(records.contact("wxid_q8m2member01")?.kind == .groupMember)
    #expect(records.contacts.count == 4)
  }

  @Test("API user_list: every contact, kinds by id, group-only member by the ExtraBuf rule")
  func sampleUserList() throws {
    let context = ImportContext(ownerHints: [OwnerHint(id: "wxid_lxy2023skin")])
    let records = try ExportRecords.read(
      ExportPaths.sample("pywxdump/api/user_list.json"), with: importer, context: context)
    #expect(records.format == PyWxDumpImporter.userList)
    #expect(records.contacts.count == 11)
    #expect(records.contact("20398765432@chatroom")?.kind == .group)
    #expect(records.contact("gh_3c4e5a6b7d8f")?.kind == .officialAccount)
    #expect(records.contact("gh_3c4e5a6b7d8f")?.alias == "SF-Express")
    #expect(records.contact("wxid_q8m2member01")?.kind == .groupMember)
    #expect(records.contact("wxid_lxy2023skin")?.kind == .owner)
    // Friends, including the one with no remark and no labels (ExtraBuf present).
    for id in ["wxid_wangli1985", "wxid_xiaolu0321", "wxid_tiantian77", "wxid_ajie996"] {
      #expect(records.contact(id)?.kind == nil)
    }
    #expect(records.contact("wxid_zhaoayi_66")?.tags == ["代理"])
    #expect(records.contact("wxid_coco_orange")?.region == "上海 浦东新区")
  }

  @Test("API session list and label dictionary")
  func sampleAPIAuxiliary() throws {
    let sessions = try ExportRecords.read(
      ExportPaths.sample("pywxdump/api/user_session_list.json"), with: importer)
    #expect(sessions.format == PyWxDumpImporter.sessionList)
    #expect(sessions.contacts.count == 8)
    #expect(sessions.contact("20398765432@chatroom")?.kind == .group)
    let labels = try ExportRecords.read(
      ExportPaths.sample("pywxdump/api/user_labels_dict.json"), with: importer)
    #expect(labels.format == PyWxDumpImporter.labels)
    #expect(labels.contacts.isEmpty && labels.messages.isEmpty)
  }

  @Test("data.js and other exporters' files are not ours")
  func notOurs() throws {
    let others = [
      "\(Self.export)/html/wxid_xiaolu0321/data.js", "chatlog/contact.json",
      "chatlog/chatlog/wxid_wangli1985.json",
      "chatlog/chatlog/wxid_wangli1985_2024-01-01_2024-12-31.csv", "memotrace/contacts.csv",
    ]
    for path in others {
      #expect(importer.detect(try FileProbe.read(path: ExportPaths.sample(path))) == nil, "\(path)")
    }
  }

  // MARK: Fixtures

  @Test("3.1 CSV re-saved as GB18030 with spreadsheet times")
  func gb18030Resave() throws {
    let records = try ExportRecords.read(
      ExportPaths.fixture("pywxdump/resave-gb18030/wxid_gbfriend01_0_6.csv"), with: importer)
    #expect(records.format == PyWxDumpImporter.chatCSV)
    #expect(records.counts(chat: "wxid_gbfriend01") == (2, 2, 1))
    #expect(records.messages[0].text == "你好，面膜还有货吗")
    // 2024/10/4 11:42 in Asia/Shanghai.
    #expect(records.messages[0].time == 1_728_013_320)
    #expect(records.issues(.spreadsheetResave).count == 1)
    #expect(records.messages[2].transfer?.amountFen == 19800)
    #expect(records.messages[3].transfer?.paySubtype == 3)
    #expect(records.owners.map(\.id) == ["wxid_seller01"])
  }

  @Test("UTF-16LE tab-separated Unicode text save")
  func utf16Tabs() throws {
    let records = try ExportRecords.read(
      ExportPaths.fixture("pywxdump/utf16-tab/wxid_tabfriend02_0_4.txt"), with: importer)
    #expect(records.format == PyWxDumpImporter.chatCSV)
    #expect(records.counts(chat: "wxid_tabfriend02") == (2, 1, 0))
    #expect(records.messages.map(\.kind) == [.text, .text, .image])
    #expect(records.messages[1].text == "在的，亲")
  }

  @Test("2024 layout: JSON content cell, 我 as talker, \\r\\r\\n record ends")
  func layout2024() throws {
    let records = try ExportRecords.read(
      ExportPaths.fixture("pywxdump/layout2024/wxid_old2024_0_6.csv"), with: importer)
    #expect(records.format == PyWxDumpImporter.chatCSV2024)
    #expect(records.counts(chat: "wxid_old2024") == (2, 2, 1))
    #expect(records.messages[0].text == "他说\"好用\"，我也想试试")
    #expect(records.messages.map(\.source.line) == [2, 3, 4, 5, 6])
    #expect(records.messages[3].transfer == Transfer(amountFen: 8850, memo: "定金"))
    // The owner's recall notice has is_sender=1 but is a system message by type.
    #expect(records.messages[4].side == .system)
    #expect(records.owners.isEmpty)
    #expect(records.issues.isEmpty)
  }

  @Test("a chat over 5 000 rows in two pages is one chat; tiny chunks change nothing")
  func pagedChat() throws {
    let folder = ExportPaths.fixture("pywxdump/paged")
    let records = try ExportRecords.readAll(folder, with: importer)
    #expect(records.messages.count == 6200)
    #expect(Set(records.messages.map(\.chat.storageKey)) == ["id:wxid_longchat01"])
    #expect(records.counts(chat: "wxid_longchat01") == (4133, 2067, 0))
    #expect(Set(records.owners.compactMap(\.id)) == ["wxid_seller01"])
    let times = records.messages.map(\.time)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
    let tiny = try ExportRecords.readAll(folder, with: PyWxDumpImporter(chunkSize: 7))
    #expect(tiny.messages == records.messages)
  }

  @Test("missing column rejects; truncated quoted field keeps the rows before it; bad time skips a row")
  func badInput() throws {
    let folder = try ExportPaths.temporaryFolder()
    let missing = (folder as NSString).appendingPathComponent("wxid_x_0_2.csv")
    try "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src\r\n1,1,文本,0,wxid_x,wxid_x,hi,\r\n".write(
      toFile: missing, atomically: true, encoding: .utf8)
    // Without CreateTime the header is not a PyWxDump chat at all.
    #expect(importer.detect(try FileProbe.read(path: missing)) == nil)
    #expect(throws: ImportError.self) {
      try importer.importFile(
        try FileProbe.read(path: missing), format: PyWxDumpImporter.chatCSV, context: .init()
      ) {
        _ in
      }
    }
    let cut = (folder as NSString).appendingPathComponent("wxid_y_0_4.csv")
    let text =
      "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\r\n"
      + "1,11,文本,0,wxid_y,wxid_y,hi,,2024-01-01 10:00:00\r\n"
      + "2,12,文本,0,wxid_y,wxid_y,hi,,yesterday\r\n"
      + "3,13,文本,0,wxid_y,wxid_y,\"cut here"
    try text.write(toFile: cut, atomically: true, encoding: .utf8)
    let records = try ExportRecords.read(cut, with: importer)
    #expect(records.messages.count == 1)
    #expect(records.issues(.badTime).map(\.location.line) == [3])
    let truncated = try #require(records.issues(.truncated).first)
    #expect(
      truncated.location.byteOffset
        == Int64(text.utf8.count - "3,13,文本,0,wxid_y,wxid_y,\"cut here".utf8.count))
  }

  @Test("is_sender=0 with the owner's wxid warns once and trusts the flag")
  func inconsistentRows() throws {
    let folder = try ExportPaths.temporaryFolder()
    let chat = (folder as NSString).appendingPathComponent("export/wxid_me/csv/wxid_f/wxid_f_0_3.csv")
    try FileManager.default.createDirectory(
      atPath: (chat as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try
      ("id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n"
      + "1,1,文本,0,wxid_me,wxid_f,a,,2024-01-01 10:00:00\n2,2,文本,0,wxid_me,wxid_f,b,,2024-01-01 10:01:00\n")
      .write(toFile: chat, atomically: true, encoding: .utf8)
    let records = try ExportRecords.read(chat, with: importer)
    #expect(records.messages.map(\.side) == [.friend, .friend])
    #expect(records.issues(.inconsistentRow).count == 1)
  }

  // MARK: Row reading by bytes

  /// Placeholders, group ids and sender flags are told by their bytes now; the answers must be
  /// what the Character-wise comparisons gave.
  @Test func rowFieldsAreReadByTheirBytes() {
    #expect(PyWxDumpMessageBuilder.isPersonID("wxid_wangli1985"))
    #expect(PyWxDumpMessageBuilder.isPersonID("我的号"))
    for placeholder in ["", "我", "未知", "系统", "20398765432@chatroom"] {
      #expect(!PyWxDumpMessageBuilder.isPersonID(placeholder), "\(placeholder)")
    }
    for (flag, expected) in [
      ("1", true), ("0", false), (" 1 ", true), ("true", true), ("True", true), ("", false),
    ] {
      #expect(PyWxDumpMessageBuilder.isSenderFlag(flag) == expected, "\(flag)")
    }
    #expect("abc@chatroom".hasByteSuffix("@chatroom"))
    #expect(!"@chatroo".hasByteSuffix("@chatroom"))
    #expect("水乳".hasSameBytes(as: "水乳") && !"水乳".hasSameBytes(as: "水乳套装"))
  }

  /// The memo is found line by line, with `\n` or `\r\n` line ends (the Character split kept a
  /// `\r\n` text as one line and missed the memo).
  @Test func transferMemoIsReadWhateverTheLineEnds() {
    for newline in ["\n", "\r\n"] {
      let text = ["转账：￥198.00", "转账说明：水乳套装 ", "转账时间：2024-04-03 16:02:29"].joined(separator: newline)
      let transfer = PyWxDumpTransferText(text)
      #expect(transfer?.memo == "水乳套装")
      #expect(transfer?.isReceipt == false)
    }
    #expect(PyWxDumpTransferText("已收款：￥198.00")?.isReceipt == true)
    #expect(PyWxDumpTransferText("已收款：￥198.00")?.memo == nil)
    #expect(PyWxDumpTransferText("好的") == nil)
  }
}
