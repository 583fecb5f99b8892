import BeizhuCore
import BeizhuTestSupport
import Foundation
import Testing

@testable import BeizhuImport

/// Every HTML/JS chat sample gives the same messages as the hand-checked answer key
/// (`testdata/expected/messages_by_side.csv`) and as the same exporter's CSV of the same chats,
/// as far as the HTML format can hold them (MemoTrace v2 HTML drops red packets, §5.2).
@Suite(.enabled(if: Fixtures.samplesAvailable)) struct SampleConsistencyTests {
  /// `exporter,folder,contact_id` → (friend, me, system).
  static func expected() -> [String: (Int, Int, Int)] {
    var rows: [String: (Int, Int, Int)] = [:]
    for row in Fixtures.simpleCSV(Fixtures.testdata("expected/messages_by_side.csv")).dropFirst()
    where row.count >= 6 {
      rows["\(row[0])/\(row[2])"] = (Int(row[3]) ?? -1, Int(row[4]) ?? -1, Int(row[5]) ?? -1)
    }
    return rows
  }

  /// A message as both formats show it: (time, side, kind), with the auto-accept text as system.
  struct Key: Hashable, Comparable {
    var time: Int64, side: String, kind: String
    static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.time, lhs.side, lhs.kind) < (rhs.time, rhs.side, rhs.kind)
    }
  }

  static func key(_ message: Message) -> Key {
    let isAuto = message.kind == .text && SystemText.isAutoAccept(message.text)
    return Key(
      time: message.time, side: isAuto ? "system" : message.side.rawValue, kind: message.kind.rawValue)
  }

  /// Reads a MemoTrace v2 per-chat CSV the simple way (tests only): Type, SubType, IsSender, CreateTime.
  static func memoTraceCSV(_ path: String) throws -> [Key] {
    let reader = CSVReader(stream: try UTF8Stream(path: path) { _ in })
    guard let header = try reader.next().map({ CSVHeader($0.fields) }) else { return [] }
    var keys: [Key] = []
    while let record = try reader.next() {
      let type = Int64(record[safe: header["Type"]]) ?? 0
      let kind = MessageKind.fromWeChatType(type, subType: Int64(record[safe: header["SubType"]]) ?? 0)
      let text = record[safe: header["StrContent"]]
      let side = kind == .system ? "system" : record[safe: header["IsSender"]] == "1" ? "me" : "friend"
      keys.append(
        Key(
          time: Int64(record[safe: header["CreateTime"]]) ?? 0,
          side: type == 1 && SystemText.isAutoAccept(text) ? "system" : side, kind: kind.rawValue))
    }
    return keys
  }

  @Test func wechatExporterFolderMatchesTheAnswerKey() throws {
    let expected = Self.expected()
    let (collected, _) = try HTMLImport.run([Fixtures.sample("wechatexporter")])
    let html = collected.messages.filter {
      $0.source.path.hasSuffix(".html") || $0.source.path.hasSuffix(".js")
    }
    let byChat = Dictionary(grouping: html) { message -> String in
      switch message.chat.key {
      case .alias(let alias): alias
      case .name(let name): name == "ღ甜甜の小屋🌸" ? "wxid_tiantian77" : name
      case .id(let id): id
      }
    }
    // 赵阿姨 has only index.txt (not HTML); every other chat is complete in HTML.
    #expect(
      Set(byChat.keys) == [
        "ajie_fitness", "chenchen_88", "coco_2019", "wangli_1985", "wxid_tiantian77", "wxid_xiaolu0321",
      ])
    for (id, messages) in byChat {
      let sides = collected.sides(messages)
      let want = try #require(expected["wechatexporter/\(id)"])
      #expect(sides.friend == want.0 && sides.me == want.1 && sides.system == want.2, "\(id)")
    }
    let redPackets = html.filter { $0.kind == .redPacket }
    #expect(
      redPackets.count == 1 && redPackets[0].side == .friend && redPackets[0].chat.key == .alias("coco_2019"))
    let transfers = html.filter { $0.kind == .transfer }
    #expect(transfers.map(\.side) == [.friend, .me])
    #expect(transfers.map { $0.transfer?.paySubtype } == [1, 3])
    #expect(transfers.allSatisfy { $0.transfer?.amountFen == 19800 && $0.chat.key == .alias("wangli_1985") })
  }

  @Test func memoTraceV2PagesMatchTheirCSV() throws {
    let expected = Self.expected()
    let base = Fixtures.sample("memotrace/data/聊天记录")
    for (chat, id) in [("Coco(同事介绍)", "wxid_coco_orange"), ("王姐-老客户", "wxid_wangli1985")] {
      let page = try HTMLImport.file(
        "\(base)/\(chat)/\(chat).html", with: MemoTraceHTMLImporter(), expecting: MemoTraceHTMLImporter.v2Page
      )
      #expect(page.messages.allSatisfy { $0.chat.key == .name(chat) })
      // The CSV minus what v2 HTML never writes (red packets); stickers are `type:3` images there.
      let csv = try Self.memoTraceCSV("\(base)/\(chat)/\(chat)_utf8.csv")
        .filter { $0.kind != MessageKind.redPacket.rawValue }
        .map { Key(time: $0.time, side: $0.side, kind: $0.kind == "emoji" ? "image" : $0.kind) }
      #expect(page.messages.map(Self.key).sorted() == csv.sorted(), "\(chat)")
      let want = try #require(expected["memotrace/\(id)"])
      let sides = page.sides()
      let droppedRedPackets = id == "wxid_coco_orange" ? 1 : 0
      #expect(sides.friend == want.0 - droppedRedPackets && sides.me == want.1 && sides.system == want.2)
      #expect(page.owners == [OwnerHint(names: ["林小雨🌷"])])
    }
    let wang = try HTMLImport.file("\(base)/王姐-老客户/王姐-老客户.html", with: MemoTraceHTMLImporter())
    let transfers = wang.messages.filter { $0.kind == .transfer }
    #expect(transfers.map(\.side) == [.friend, .me])
    #expect(transfers.map { $0.transfer?.paySubtype } == [1, 3])
    #expect(transfers.allSatisfy { $0.transfer?.amountFen == 19800 && $0.transfer?.memo == "水乳套装" })
    // The template's placeholder bubbles (`好的`, `错误提示`) are not messages.
    #expect(!wang.messages.contains { $0.text == "好的" || $0.text.contains("错误提示") })
  }

  @Test func pyWxDumpDataJSMatchesItsCSV() throws {
    let base = Fixtures.sample("pywxdump/export/wxid_lxy2023skin")
    let data = try HTMLImport.file(
      base + "/html/wxid_xiaolu0321/data.js", with: PyWxDumpDataJSImporter(),
      expecting: PyWxDumpDataJSImporter.dataJS)
    let reader = CSVReader(
      stream: try UTF8Stream(path: base + "/csv/wxid_xiaolu0321/wxid_xiaolu0321_0_11.csv") { _ in })
    let header = CSVHeader(try #require(try reader.next()).fields)
    var rows: [(String, String, MessageKind)] = []
    while let record = try reader.next() {
      let side = record[safe: header["is_sender"]] == "1" ? "me" : "friend"
      rows.append(
        (
          record[safe: header["MsgSvrID"]], side,
          TypeNames.kind(for: record[safe: header["type_name"]]) ?? .other
        ))
    }
    #expect(data.messages.map { $0.serverID ?? "" } == rows.map(\.0))
    #expect(data.messages.map(\.side.rawValue) == rows.map(\.1))
    #expect(data.messages.map(\.kind) == rows.map(\.2))
    #expect(data.messages.allSatisfy { $0.chat.key == .id("wxid_xiaolu0321") && $0.chat.isGroup == false })
    let want = try #require(Self.expected()["pywxdump/wxid_xiaolu0321"])
    let sides = data.sides()
    #expect(sides.friend == want.0 && sides.me == want.1 && sides.system == want.2)
    #expect(data.owners.first?.id == "wxid_lxy2023skin")
    #expect(data.contacts.map(\.id) == ["wxid_xiaolu0321"] && data.contacts.first?.tags == ["意向"])
  }

  @Test func htmlAssetsAreNotChats() throws {
    // Only data.js of PyWxDump's HTML folder is a chat; other .js/.html files are detected as nothing.
    let folder = Fixtures.temporaryDirectory()
    let asset = Fixtures.write(
      "import{a as b}from\"./vue.js\";const chatMessages2=1;", name: "index-abc.js", in: folder)
    let page = Fixtures.write(
      "<!doctype html><html><head><title>PyWxDump</title></head><body><div id=app></div></body></html>",
      name: "index.html", in: folder)
    for path in [asset, page] {
      let probe = try FileProbe.read(path: path)
      #expect(ImporterRegistry.detect(probe) == nil)
    }
  }
}
