import Foundation
import Testing

@testable import BeizhuCompose

/// The friends of the shared sample exports get clean names and keep their old remarks' content.
@Suite struct SampleContactsTests {
  struct Friend {
    var id: String, alias: String, nickname: String, remark: String, tags: [String], region: String
  }

  static func weflowFriends() -> [Friend] {
    struct Document: Decodable {
      struct Contact: Decodable {
        var username: String, alias: String, nickname: String, remark: String, labels: [String]
        var description: String, region: String, type: String
      }
      var contacts: [Contact]
    }
    let folder = ComposeFixtures.samples.appendingPathComponent("weflow")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    guard let name = files.first(where: { $0.hasPrefix("contacts_") && $0.hasSuffix(".json") }),
      let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
      let document = try? JSONDecoder().decode(Document.self, from: data)
    else { return [] }
    return document.contacts.filter { $0.type == "friend" }.map {
      Friend(
        id: $0.username, alias: $0.alias, nickname: $0.nickname, remark: $0.remark, tags: $0.labels,
        region: $0.region)
    }
  }

  static func memotraceFriends() -> [Friend] {
    let url = ComposeFixtures.samples.appendingPathComponent("memotrace/contacts.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    // This file has no quoted fields; a real importer handles quoting.
    return text.split(whereSeparator: \.isNewline).dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    .filter { $0.count >= 16 && $0[2] == "3" && !$0[0].hasSuffix("@chatroom") }
    .map {
      Friend(
        id: $0[0], alias: $0[1], nickname: $0[4], remark: $0[3], tags: $0[9] == "None" ? [] : [$0[9]],
        region: "\($0[14]) \($0[15])")
    }
  }

  @Test func samplesAreThere() {
    #expect(Self.weflowFriends().count >= 7)
    #expect(Self.memotraceFriends().count >= 7)
  }

  @Test(arguments: ["weflow", "memotrace"])
  func friendsGetCleanNamesAndKeepTheirOldRemarks(_ exporter: String) {
    let friends = exporter == "weflow" ? Self.weflowFriends() : Self.memotraceFriends()
    let inputs = friends.map {
      ComposeInput(
        id: $0.id, alias: $0.alias, nickname: $0.nickname, oldRemark: $0.remark, oldTags: $0.tags,
        region: $0.region, level: 4)
    }
    let out = RemarkComposer().compose(for: inputs)
    for result in out {
      #expect(!result.name.contains { CharacterClass.isEmoji($0) }, "\(result.id)")
      #expect(
        !result.name.unicodeScalars.contains {
          CharacterClass.isInvisible($0) || CharacterClass.ornamentLetters.contains($0)
        })
      #expect(!result.name.contains("の"))
      #expect(result.accounting.droppedInformation.isEmpty)
    }
    let byId = Dictionary(uniqueKeysWithValues: out.map { ($0.id, $0) })
    #expect(byId["wxid_tiantian77"]?.remark == "4K甜甜小屋")
    #expect(byId["wxid_wangli1985"]?.remark == "4K王姐")
    #expect(byId["wxid_wangli1985"]?.tags.contains("老客户") == true)
    #expect(byId["wxid_coco_orange"]?.remark == "4KCoco")
    #expect(byId["wxid_coco_orange"]?.tags.contains("同事介绍") == true)
    #expect(byId["wxid_zhaoayi_66"]?.role == .agent)
    #expect(byId["wxid_zhaoayi_66"]?.tags.contains("想做代理") == true)
    #expect(byId["wxid_chenchen88"]?.remark == "4K陈晨")
    #expect(byId["wxid_chenchen88"]?.tags.contains("高中同学") == true)
    #expect(byId["wxid_ajie996"]?.tags.contains("健身房") == true)
    #expect(byId["wxid_xiaolu0321"]?.remark == "4K小鹿")
  }
}
