import BeizhuCore
import Foundation
import Testing

@testable import BeizhuImport

/// MemoTrace fixtures in `testdata/import/memotrace{,3}/` (made by
/// `testdata/import/make_memotrace_fixtures.py`; counts checked by hand).
@Suite struct MemoTraceFixtureTests {
  @Test func spreadsheetResaveGB18030() throws {
    let path = MTPaths.fixture("memotrace/excel_gb18030/data/聊天记录/李姐/李姐_utf8.csv")
    let result = try mtImport(path)
    #expect(result.format == MemoTraceImporter.chatCSV)
    #expect(result.sides == "4/3/1")
    #expect(result.messages.allSatisfy { $0.chat.key == .id("wxid_lijie_2020") })
    // Times come from CreateTime, intact, not from the reformatted StrTime.
    #expect(result.messages.map(\.time).first == 1_728_013_320)
    #expect(result.messages.first { $0.text.contains("买二送一") }?.text == "面膜128元一盒\n买二送一")
    #expect(result.messages.filter { $0.kind == .transfer }.map(\.side) == [.friend, .me])
    #expect(result.messages.filter { $0.kind == .redPacket }.count == 1)
    #expect(result.issues(.spreadsheetResave).count == 1)
    #expect(result.issues.allSatisfy { $0.code == .spreadsheetResave && $0.severity == .note })
    #expect(result.owners.first?.id == "wxid_owner_mt01")
    #expect(result.contacts.map(\.id) == ["wxid_lijie_2020"])
  }

  @Test func truncatedInsideAQuotedField() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/truncated/小美_同事/小美_同事_utf8.csv"))
    #expect(result.sides == "2/1/0")
    let cut = try #require(result.issues(.truncated).first)
    #expect(cut.severity == .warning)
    #expect(cut.location.line == 5)
    #expect(cut.location.byteOffset > 0)
    #expect(result.rejection == nil)
  }

  @Test func missingColumnRejectsTheFile() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/missing_column/王五/王五_utf8.csv"))
    #expect(result.format == MemoTraceImporter.chatCSV)
    #expect(result.messages.isEmpty)
    guard case .rejected(let issue)? = result.rejection else {
      Issue.record("expected a rejection")
      return
    }
    #expect(issue.code == .missingColumn)
    #expect(issue.message.contains("IsSender"))
  }

  @Test func rowsDeletedAndDamagedByHand() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/gaps/张姐/张姐_utf8.csv"))
    // The last row (no final newline) carries the owner's wxid with IsSender=0: the flag wins.
    #expect(result.sides == "3/2/0")
    #expect(result.messages.last?.text == "好" && result.messages.last?.side == .friend)
    #expect(result.messages.map(\.exporterKey) == ["11", "14", "17", "19", "23"])
    #expect(result.issues(.badRecord).map(\.location.line) == [4])
    #expect(result.issues(.badTime).map(\.location.line) == [6])
    #expect(result.issues(.inconsistentRow).count == 1)
    #expect(result.messages.allSatisfy { $0.chat.key == .id("wxid_zhangjie_88") })
  }

  @Test func groupWithOneSpeakingMember() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/group_one/data/聊天记录/周末读书会/周末读书会_utf8.csv"))
    #expect(result.messages.allSatisfy { $0.chat.key == .name("周末读书会") && $0.chat.isGroup == true })
    #expect(result.messages.compactMap(\.sender) == ["wxid_laozhou_01", "wxid_laozhou_01"])
    #expect(result.contacts.isEmpty)
  }

  @Test func broadcastOnlyChatIsNamedByFolder() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/broadcast/阿花/阿花_utf8.csv"))
    #expect(result.sides == "0/2/0")
    #expect(result.messages.allSatisfy { $0.chat.key == .name("阿花") && $0.chat.isGroup == nil })
    #expect(result.owners == [OwnerHint(id: "wxid_owner_mt01", names: ["小美美妆"])])
  }

  @Test func allChatsFixture() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/all/messages.csv"))
    #expect(result.format == MemoTraceImporter.allMessagesCSV)
    let zhao = result.messages.filter { $0.chat.key == .name("赵姐 VIP") }
    // Row 7: IsSender=0 with Sender 我 is the friend's (the flag wins) and warned once.
    #expect(zhao.map(\.side) == [.friend, .me, .system, .friend])
    #expect(zhao.allSatisfy { $0.chat.isGroup == false })
    let club = result.messages.filter { $0.chat.key == .name("周末读书会") }
    #expect(club.map(\.side) == [.me, .friend] && club.allSatisfy { $0.chat.isGroup == true })
    #expect(club.last?.sender == "老周")
    let hua = result.messages.filter { $0.chat.key == .name("阿花") }
    #expect(hua.count == 1 && hua.first?.chat.isGroup == nil)
    #expect(result.issues.map(\.code) == [.inconsistentRow])
  }

  @Test func textChatFixture() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/txt/data/聊天记录/汤姆&杰瑞/汤姆&杰瑞.txt"))
    #expect(result.format == MemoTraceImporter.chatTXT)
    #expect(result.sides == "3/2/1")
    #expect(result.messages.map(\.kind) == [.text, .system, .text, .image, .emoji, .quote])
    #expect(result.messages[2].text == "在的\n\n第二段")
    #expect(result.messages.allSatisfy { $0.chat.key == .name("汤姆&杰瑞") && $0.chat.isGroup == false })
    #expect(result.messages.map(\.time).first == 1_715_000_000)
  }

  @Test func aiTextAndTrainingSetAreRecognisedNotRead() throws {
    for (file, format) in [
      ("汤姆&杰瑞_chat.txt", MemoTraceImporter.aiTXT), ("汤姆&杰瑞_train.json", MemoTraceImporter.trainingJSON),
    ] {
      let result = try mtImport(MTPaths.fixture("memotrace/txt/data/聊天记录/汤姆&杰瑞/\(file)"))
      #expect(result.format == format)
      #expect(result.messages.isEmpty && result.rejection == nil)
      #expect(result.issues.map(\.code) == [.memoTraceNotRead])
    }
  }

  @Test func v3ChatFolderWithParenthesesAndReExport() throws {
    let folder = "memotrace3/聊天记录/小王(客户)(wxid_xw_2024)"
    let first = try mtImport(MTPaths.fixture("\(folder)/小王(客户).csv"))
    let again = try mtImport(MTPaths.fixture("\(folder)/小王(客户)(1).csv"))
    #expect(first.sides == "3/2/1")
    #expect(
      first.messages
        == again.messages.map { message in
          var copy = message
          copy.source = first.messages.first { $0.serverID == message.serverID }?.source ?? message.source
          return copy
        })
    #expect(first.messages.allSatisfy { $0.chat.key == .id("wxid_xw_2024") && $0.chat.isGroup == false })
    let packet = try #require(first.messages.first { $0.kind == .redPacket })
    #expect(packet.payload?.contains("<receivertitle>货款</receivertitle>") == true)
    // The owner pays a shipping compensation: initiated by the owner, accepted by the friend.
    let transfers = first.messages.filter { $0.kind == .transfer }
    #expect(transfers.map(\.side) == [.me, .friend])
    #expect(transfers.map { $0.transfer?.paySubtype } == [1, 3])
    #expect(transfers.allSatisfy { $0.transfer?.amountFen == 1250 && $0.transfer?.memo == "运费补偿" })

    let text = try mtImport(MTPaths.fixture("\(folder)/小王(客户).txt"))
    #expect(text.format == MemoTrace3Importer.chatTXT)
    #expect(text.sides == "1/2/1")

    let json = try mtImport(MTPaths.fixture("\(folder)/小王(客户).html.json"))
    #expect(json.sides == "2/2/1")
    let paid = try #require(json.messages.first { $0.kind == .transfer })
    #expect(paid.side == .me && paid.transfer?.payer == "wxid_owner_mt01" && paid.transfer?.amountFen == 1250)
    #expect(json.messages.filter { $0.kind == .redPacket }.count == 1)
    #expect(json.owners == [OwnerHint(names: ["小美美妆"])])
  }

  @Test func v3TruncatedJSONKeepsWhatWasRead() throws {
    let result = try mtImport(MTPaths.fixture("memotrace3/聊天记录/阿强(wxid_aqiang_77)/阿强.html.json"))
    #expect(result.sides == "1/1/0")
    #expect(result.rejection == nil)
    let cut = try #require(result.issues(.truncated).first)
    #expect(cut.severity == .warning && cut.location.byteOffset > 0)
  }

  @Test func v3GroupTextUsesOwnerHints() throws {
    let path = MTPaths.fixture("memotrace3/聊天记录/宝妈群(24681357@chatroom)/宝妈群.txt")
    let context = ImportContext(ownerHints: [OwnerHint(names: ["小美美妆"])])
    let result = try mtImport(path, context: context)
    #expect(result.sides == "2/1/1")
    #expect(result.messages.allSatisfy { $0.chat.key == .id("24681357@chatroom") && $0.chat.isGroup == true })
    #expect(result.messages.compactMap(\.sender) == ["丽丽", "芳芳"])
    // Without the hint, the owner's name is just another member.
    #expect(try mtImport(path).sides == "3/0/1")
  }

  @Test func v3ContactsFixture() throws {
    let result = try mtImport(MTPaths.fixture("memotrace3/contacts.csv"))
    let byID = Dictionary(uniqueKeysWithValues: result.contacts.map { ($0.id, $0) })
    #expect(byID["wxid_xw_2024"]?.remark == "小王 客户")
    #expect(byID["wxid_xw_2024"]?.otherNames == ["小王_客户"])
    #expect(byID["wxid_xw_2024"]?.tags == [])
    #expect(byID["gh_0123456789ab"]?.kind == .officialAccount)
    #expect(byID["24681357@chatroom"]?.kind == .group)
    #expect(result.issues.count == 1 && result.issues.first?.message.hasPrefix("1 contacts") == true)
  }

  /// Tiny chunks cut every multibyte character, quoted field and line ending somewhere: the
  /// records must equal those read with the default chunk size.
  @Test(arguments: [
    "memotrace/long/琳达_Linda/琳达_Linda_utf8.csv",
    "memotrace/excel_gb18030/data/聊天记录/李姐/李姐_utf8.csv",
    "memotrace/gaps/张姐/张姐_utf8.csv",
    "memotrace/txt/data/聊天记录/汤姆&杰瑞/汤姆&杰瑞.txt",
    "memotrace3/聊天记录/小王(客户)(wxid_xw_2024)/小王(客户).html.json",
  ])
  func chunkBoundaries(relative: String) throws {
    let path = MTPaths.fixture(relative)
    let whole = try mtImport(path)
    #expect(!whole.messages.isEmpty)
    for size in [7, 4096 + 3] {
      let tiny = try mtImport(path, chunkSize: size)
      #expect(tiny.messages == whole.messages, "chunk \(size)")
      #expect(tiny.issues == whole.issues, "chunk \(size)")
    }
  }

  @Test func longChatCounts() throws {
    let result = try mtImport(MTPaths.fixture("memotrace/long/琳达_Linda/琳达_Linda_utf8.csv"))
    #expect(result.sides == "120/60/0")
    #expect(result.messages.filter { $0.kind == .voice }.count == 60)
    #expect(result.messages[1].text == "早晚各一次，\n第0瓶送小样，\"包邮\"")
    #expect(result.messages.allSatisfy { $0.chat.key == .id("wxid_linda_1990") })
  }

  @Test(arguments: [
    "memotrace/messages.csv", "memotrace3/聊天记录/Coco(同事介绍)(wxid_coco_orange)/Coco(同事介绍).html.json",
    "memotrace/data/聊天记录/Coco(同事介绍)/Coco(同事介绍).txt",
  ])
  func chunkBoundariesOnSamples(relative: String) throws {
    let path = MTPaths.sample(relative)
    let whole = try mtImport(path)
    let tiny = try mtImport(path, chunkSize: 7)
    #expect(!whole.messages.isEmpty)
    #expect(tiny.messages == whole.messages)
  }
}
