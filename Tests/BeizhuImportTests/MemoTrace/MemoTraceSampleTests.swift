import BeizhuCore
import Foundation
import Testing

@testable import BeizhuImport

/// MemoTrace v2.0.5 over the genuine samples (FORMATS.md §6).
@Suite struct MemoTraceSampleTests {
  static let chats = "memotrace/data/聊天记录"

  /// Per-chat CSV: chat id from the friend's `Sender`, sides by `IsSender`/Type (friend/me/system).
  @Test(arguments: [
    ("王姐-老客户", "wxid_wangli1985", "6/7/0"),
    ("Coco(同事介绍)", "wxid_coco_orange", "8/5/1"),
    ("阿杰_健身房", "wxid_ajie996", "4/3/2"),
    ("高中同学陈晨", "wxid_chenchen88", "6/5/1"),
    ("小鹿🦌", "wxid_xiaolu0321", "5/5/0"),
    ("赵阿姨(想做代理)", "wxid_zhaoayi_66", "4/3/2"),
    ("ღ甜甜の小屋🌸", "wxid_tiantian77", "0/0/1"),
  ])
  func perChatCSV(folder: String, wxid: String, sides: String) throws {
    let result = try mtImport(MTPaths.sample("\(Self.chats)/\(folder)/\(folder)_utf8.csv"))
    #expect(result.format == MemoTraceImporter.chatCSV)
    #expect(result.sides == sides)
    #expect(result.messages.allSatisfy { $0.chat.key == .id(wxid) && $0.chat.isGroup == false })
    #expect(result.messages.allSatisfy { $0.sender == nil && $0.exporterKey != nil })
    #expect(result.contacts.map(\.id) == [wxid])
    #expect(result.issues.isEmpty)
    // Every chat with an owner row names the owner by wxid and nickname.
    if result.count(.me) > 0 {
      #expect(result.owners == [OwnerHint(id: "wxid_lxy2023skin", names: ["林小雨🌷"])])
    }
  }

  @Test func transferAndRedPacketRowsKeepTheirKindWithEmptyContent() throws {
    let wang = try mtImport(MTPaths.sample("\(Self.chats)/王姐-老客户/王姐-老客户_utf8.csv"))
    let transfers = wang.messages.filter { $0.kind == .transfer }
    #expect(transfers.map(\.side) == [.friend, .me])
    #expect(transfers.allSatisfy { $0.text.isEmpty && $0.payload == nil })
    let coco = try mtImport(MTPaths.sample("\(Self.chats)/Coco(同事介绍)/Coco(同事介绍)_utf8.csv"))
    #expect(coco.messages.filter { $0.kind == .redPacket }.map(\.side) == [.friend])
    let notice = try #require(coco.messages.first { $0.side == .system })
    #expect(notice.text == "你领取了Coco 🍊的红包")
    #expect(notice.payload?.hasPrefix("<img") == true)
    // Media keep the raw XML as payload.
    let sticker = try #require(coco.messages.first { $0.kind == .emoji })
    #expect(sticker.text.isEmpty && sticker.payload?.hasPrefix("<msg><emoji") == true)
    // The auto-accept line stays the friend's text; the workspace reclassifies it.
    #expect(coco.messages.first?.side == .friend && coco.messages.first?.kind == .text)
  }

  @Test func groupCSVIsNamedByFolderWithMemberWxids() throws {
    let result = try mtImport(MTPaths.sample("\(Self.chats)/小雨美肤福利群/小雨美肤福利群_utf8.csv"))
    #expect(result.sides == "9/3/0")
    #expect(result.messages.allSatisfy { $0.chat.key == .name("小雨美肤福利群") && $0.chat.isGroup == true })
    let senders = Set(result.messages.compactMap(\.sender))
    #expect(senders == ["wxid_wangli1985", "wxid_q8m2member01", "wxid_xiaolu0321"])
    #expect(result.contacts.isEmpty)  // members met in a group are not friends
  }

  @Test func allChatsCSV() throws {
    let result = try mtImport(MTPaths.sample("memotrace/messages.csv"))
    #expect(result.format == MemoTraceImporter.allMessagesCSV)
    var byChat: [String: String] = [:]
    for chat in Set(result.messages.map(\.chat.storageKey)) {
      let messages = result.messages.filter { $0.chat.storageKey == chat }
      let count = { (side: MessageSide) in messages.filter { $0.side == side }.count }
      byChat[chat] = "\(count(.friend))/\(count(.me))/\(count(.system))"
    }
    #expect(
      byChat == [
        "name:王姐-老客户": "6/7/0", "name:Coco(同事介绍)": "8/5/1", "name:阿杰 健身房": "4/3/2",
        "name:高中同学陈晨": "6/5/1", "name:小鹿🦌": "5/5/0", "name:赵阿姨(想做代理)": "4/3/2",
        "name:ღ甜甜の小屋🌸": "0/0/1", "name:小雨美肤福利群": "9/3/0",
      ])
    let group = result.messages.filter { $0.chat.key == .name("小雨美肤福利群") }
    #expect(group.allSatisfy { $0.chat.isGroup == true })
    #expect(Set(group.compactMap(\.sender)) == ["王姐-老客户", "群友小芳", "小鹿🦌"])
    let privates = result.messages.filter { $0.chat.key != .name("小雨美肤福利群") }
    #expect(privates.allSatisfy { $0.sender == nil })
    // The system-only chat has no evidence either way.
    #expect(privates.filter { $0.chat.key != .name("ღ甜甜の小屋🌸") }.allSatisfy { $0.chat.isGroup == false })
    #expect(result.issues.isEmpty)
  }

  @Test func contactsCSV() throws {
    let result = try mtImport(MTPaths.sample("memotrace/contacts.csv"))
    #expect(result.format == MemoTraceImporter.contactsCSV)
    #expect(result.contacts.count == 9)
    let byID = Dictionary(uniqueKeysWithValues: result.contacts.map { ($0.id, $0) })
    let ajie = try #require(byID["wxid_ajie996"])
    #expect(ajie.remark == "阿杰 健身房" && ajie.nickname == "阿杰" && ajie.alias == "ajie_fitness")
    #expect(ajie.otherNames == ["阿杰_健身房"])
    #expect(ajie.tags.isEmpty)  // `None`
    #expect(byID["wxid_wangli1985"]?.tags == [])  // two labels also give `None`
    #expect(byID["wxid_chenchen88"]?.tags == ["同学"])
    #expect(byID["wxid_chenchen88"]?.region == "江苏 南京")
    #expect(byID["20398765432@chatroom"]?.kind == .group)
    // The owner is listed, unmarked.
    #expect(byID["wxid_lxy2023skin"] != nil && byID["wxid_lxy2023skin"]?.kind == nil)
    #expect(result.contacts.filter { $0.kind == nil }.count == 8)
  }

  @Test func textChat() throws {
    let wang = try mtImport(MTPaths.sample("\(Self.chats)/王姐-老客户/王姐-老客户.txt"))
    #expect(wang.format == MemoTraceImporter.chatTXT)
    // Transfers are not in the TXT export.
    #expect(wang.sides == "5/6/0")
    #expect(wang.messages.allSatisfy { $0.chat.key == .name("王姐-老客户") && $0.chat.isGroup == false })
    let coco = try mtImport(MTPaths.sample("\(Self.chats)/Coco(同事介绍)/Coco(同事介绍).txt"))
    #expect(coco.sides == "7/5/1")
    #expect(coco.messages.first { $0.side == .system }?.text == "你领取了Coco 🍊的红包")
    #expect(coco.messages.last?.kind == .emoji)
  }

  @Test func htmlPagesAreNotClaimed() throws {
    for folder in ["王姐-老客户", "Coco(同事介绍)"] {
      let probe = try FileProbe.read(path: MTPaths.sample("\(Self.chats)/\(folder)/\(folder).html"))
      #expect(MemoTraceImporter().detect(probe) == nil)
      #expect(MemoTrace3Importer().detect(probe) == nil)
    }
  }

  /// No other exporter's sample is claimed by the MemoTrace importers.
  @Test func otherExportersAreNotClaimed() throws {
    let enumerator = FileManager.default.enumerator(atPath: MTPaths.samples.path)
    var checked = 0
    while let relative = enumerator?.nextObject() as? String {
      guard !relative.hasPrefix("memotrace") else { continue }
      let path = MTPaths.sample(relative)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
      else { continue }
      let probe = try FileProbe.read(path: path)
      #expect(MemoTraceImporter().detect(probe) == nil, "\(relative)")
      #expect(MemoTrace3Importer().detect(probe) == nil, "\(relative)")
      checked += 1
    }
    #expect(checked > 20)
  }
}

/// MemoTrace 2025 ("v3") over the genuine samples (FORMATS.md §7).
@Suite struct MemoTrace3SampleTests {
  static let chats = "memotrace3/聊天记录"
  static let expected: [(folder: String, name: String, wxid: String, sides: String)] = [
    ("王姐-老客户(wxid_wangli1985)", "王姐-老客户", "wxid_wangli1985", "6/7/0"),
    ("Coco(同事介绍)(wxid_coco_orange)", "Coco(同事介绍)", "wxid_coco_orange", "8/5/1"),
    ("阿杰_健身房(wxid_ajie996)", "阿杰_健身房", "wxid_ajie996", "4/3/2"),
    ("高中同学陈晨(wxid_chenchen88)", "高中同学陈晨", "wxid_chenchen88", "6/5/1"),
    ("小鹿🦌(wxid_xiaolu0321)", "小鹿🦌", "wxid_xiaolu0321", "5/5/0"),
    ("赵阿姨(想做代理)(wxid_zhaoayi_66)", "赵阿姨(想做代理)", "wxid_zhaoayi_66", "4/3/2"),
    ("ღ甜甜の小屋🌸(wxid_tiantian77)", "ღ甜甜の小屋🌸", "wxid_tiantian77", "0/0/1"),
  ]

  @Test func everyFormatOfEveryChat() throws {
    for chat in Self.expected {
      for (suffix, format) in [
        (".csv", MemoTrace3Importer.chatCSV), (".txt", MemoTrace3Importer.chatTXT),
        (".html.json", MemoTrace3Importer.chatJSON),
      ] {
        let result = try mtImport(MTPaths.sample("\(Self.chats)/\(chat.folder)/\(chat.name)\(suffix)"))
        #expect(result.format == format, "\(chat.name)\(suffix)")
        #expect(result.sides == chat.sides, "\(chat.name)\(suffix)")
        #expect(result.messages.allSatisfy { $0.chat.key == .id(chat.wxid) && $0.chat.isGroup == false })
        #expect(result.issues.isEmpty, "\(chat.name)\(suffix)")
        if suffix != ".txt" {
          #expect(result.messages.allSatisfy { $0.serverID?.count == 19 }, "\(chat.name)\(suffix)")
        }
      }
    }
  }

  @Test func transfersAndRedPackets() throws {
    let folder = "\(Self.chats)/王姐-老客户(wxid_wangli1985)/王姐-老客户"
    for suffix in [".csv", ".txt", ".html.json"] {
      let result = try mtImport(MTPaths.sample(folder + suffix))
      let transfers = result.messages.filter { $0.kind == .transfer }
      #expect(transfers.map(\.side) == [.friend, .me], "\(suffix)")
      #expect(transfers.map { $0.transfer?.paySubtype } == [1, 3], "\(suffix)")
      #expect(transfers.allSatisfy { $0.transfer?.amountFen == 19800 && $0.transfer?.memo == "水乳套装" })
    }
    let json = try mtImport(MTPaths.sample(folder + ".html.json"))
    let paid = try #require(json.messages.first { $0.kind == .transfer })
    #expect(paid.transfer?.payer == "wxid_wangli1985" && paid.transfer?.receiver == "wxid_lxy2023skin")
    #expect(paid.payload?.contains("<paysubtype>1</paysubtype>") == true)
    #expect(json.owners == [OwnerHint(names: ["林小雨🌷"])])

    // On 3.x data a red packet is an unknown type: `-1` + the dict (CSV, TXT) or type "-1" (JSON).
    let coco = "\(Self.chats)/Coco(同事介绍)(wxid_coco_orange)/Coco(同事介绍)"
    for suffix in [".csv", ".txt", ".html.json"] {
      let result = try mtImport(MTPaths.sample(coco + suffix))
      let packets = result.messages.filter { $0.kind == .redPacket }
      #expect(packets.count == 1 && packets.first?.side == .friend, "\(suffix)")
      #expect(packets.first?.payload?.contains("<receivertitle>恭喜发财，大吉大利</receivertitle>") == true)
    }
  }

  @Test func contactsCSV() throws {
    let result = try mtImport(MTPaths.sample("memotrace3/contacts.csv"))
    #expect(result.format == MemoTrace3Importer.contactsCSV)
    #expect(result.contacts.count == 10)
    let byID = Dictionary(uniqueKeysWithValues: result.contacts.map { ($0.id, $0) })
    let ajie = try #require(byID["wxid_ajie996"])
    #expect(ajie.remark == "阿杰 健身房" && ajie.nickname == "阿杰" && ajie.otherNames == ["阿杰_健身房"])
    #expect(byID["wxid_xiaolu0321"]?.remark == "")  // no remark: `Type` is empty
    #expect(byID["gh_3c4e5a6b7d8f"]?.kind == .officialAccount)
    #expect(byID["20398765432@chatroom"]?.kind == .group)
    #expect(byID["wxid_lxy2023skin"]?.kind == nil)
    #expect(result.contacts.allSatisfy { $0.tags.isEmpty })
    #expect(result.issues.map(\.code) == [Issue.Code("label-ids-only")])
  }
}
