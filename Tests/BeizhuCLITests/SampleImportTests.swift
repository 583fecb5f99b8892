import BeizhuCore
import BeizhuKit
import BeizhuTestSupport
import BeizhuWorkspace
import Foundation
import Testing

/// `beizhu import samples/<exporter>` finds exactly the labelled friends, none of the excluded
/// ids as friends, and the hand-checked message counts (testdata/expected/).
@Suite(.enabled(if: Fixtures.samplesAvailable, "needs ../shared/formats/samples"))
struct SampleImportTests {
  static let exporters = [
    "memotrace", "memotrace3", "pywxdump", "chatlog", "wechatexporter", "weflow", "wechatdump",
  ]

  struct Expected {
    var friends: [String: (friend: Int, me: Int, system: Int)] = [:]
  }

  static func expected(_ exporter: String) -> [String: [Int]] {
    var result: [String: [Int]] = [:]
    for row in Fixtures.simpleCSV(Fixtures.testdata("expected/messages_by_side.csv")).dropFirst()
    where row.first == exporter && row.count >= 6 {
      result[row[2]] = [Int(row[3]) ?? -1, Int(row[4]) ?? -1, Int(row[5]) ?? -1]
    }
    return result
  }

  static func ids(in file: String, exporter: String) -> Set<String> {
    Set(
      Fixtures.simpleCSV(Fixtures.sample(file)).dropFirst().filter { $0.first == exporter }.map { $0[1] })
  }

  @Test(arguments: exporters)
  func friendsAndCountsMatchTheLabels(exporter: String) throws {
    let workspace = try Workspace.inMemory()
    let summary = try Pipeline.importPaths([Fixtures.sample(exporter)], into: workspace)
    #expect(summary.report.rejectedFiles == 0, "\(summary.report.files.filter { $0.status == .rejected })")
    let friends = try workspace.friendSummaries()
    let found = Set(friends.map(\.contact.id))
    let labelled = Self.ids(in: "labels.csv", exporter: exporter)
    #expect(found == labelled)
    let excluded = Self.ids(in: "excluded.csv", exporter: exporter)
    #expect(found.isDisjoint(with: excluded))
    let expected = Self.expected(exporter)
    for friend in friends {
      let counts = [friend.messagesFromFriend, friend.messagesFromMe, friend.systemMessages]
      #expect(counts == expected[friend.contact.id], "\(exporter) \(friend.contact.id)")
    }
  }

  @Test(arguments: exporters)
  func importingTwiceChangesNothing(exporter: String) throws {
    let workspace = try Workspace.inMemory()
    _ = try Pipeline.importPaths([Fixtures.sample(exporter)], into: workspace)
    let first = try workspace.friendSummaries()
    let again = try Pipeline.importPaths([Fixtures.sample(exporter)], into: workspace)
    #expect(again.newMessages == 0)
    #expect(try workspace.friendSummaries() == first)
  }

  /// Two tools' exports of the same account: one set of friends, no doubled messages.
  @Test(arguments: [
    ("chatlog", "pywxdump"), ("memotrace", "memotrace3"), ("weflow", "chatlog"), ("chatlog", "wechatdump"),
  ])
  func overlappingExportersCountOnce(first: String, second: String) throws {
    let workspace = try Workspace.inMemory()
    _ = try Pipeline.importPaths([Fixtures.sample(first), Fixtures.sample(second)], into: workspace)
    let friends = try workspace.friendSummaries()
    let expected = Self.expected(first)
    #expect(Set(friends.map(\.contact.id)) == Self.ids(in: "labels.csv", exporter: first))
    for friend in friends {
      #expect(
        [friend.messagesFromFriend, friend.messagesFromMe, friend.systemMessages]
          == expected[friend.contact.id],
        "\(first)+\(second) \(friend.contact.id)")
    }
  }
}
