import BeizhuCore
import BeizhuKit
import BeizhuPlan
import BeizhuTestSupport
import BeizhuWorkspace
import Foundation
import Testing

/// The labelled friends judged through the importers: every exporter's rendering
/// (`testdata/labelled/exports`, made by `testdata/tools/render_labelled_exports.py`) is imported
/// and planned, and the plan is compared with `EXPECTED.csv`.
@Suite struct LabelledExportsTests {
  struct Expected {
    var exporter: String
    var id: String
    var friend: String
    var level: Int
    var role: String
    var channel: Bool
    var interactions: Int
    var paid: Bool
    var products: Bool
  }

  static let exporters = [
    "chatlog", "pywxdump", "memotrace", "memotrace3", "weflow", "wechatdump", "wechatexporter",
  ]

  static func expected() -> [Expected] {
    Fixtures.simpleCSV(Fixtures.testdata("labelled/exports/EXPECTED.csv")).dropFirst().compactMap { row in
      guard row.count >= 9, let level = Int(row[3]), let interactions = Int(row[6]) else { return nil }
      return Expected(
        exporter: row[0], id: row[1], friend: row[2], level: level, role: row[4], channel: row[5] == "yes",
        interactions: interactions, paid: row[7] == "yes", products: row[8] == "yes")
    }
  }

  static func plan(_ exporter: String) throws -> PlanDocument {
    let workspace = try Workspace.inMemory()
    _ = try Pipeline.importPaths([Fixtures.testdata("labelled/exports/\(exporter)")], into: workspace)
    return try Pipeline.plan(
      workspace: workspace,
      request: PlanRequest(options: PlanOptions(today: Day(year: 2025, month: 1, day: 15)))
    ).document
  }

  @Test func everyExporterAgreesWithTheLabels() throws {
    let expected = Self.expected()
    #expect(Set(expected.map(\.friend)).count >= 60)
    let excluded = Fixtures.simpleCSV(Fixtures.testdata("labelled/exports/EXCLUDED.csv")).dropFirst()
    var matrix = [[Int]](repeating: [Int](repeating: 0, count: 7), count: 7)
    var agree = 0
    var total = 0
    var perExporter: [String] = []
    var misses: [String] = []
    var levelsByFriend: [String: Set<Int>] = [:]
    for exporter in Self.exporters {
      let document = try Self.plan(exporter)
      let labels = expected.filter { $0.exporter == exporter }
      #expect(labels.count >= 5, "\(exporter) holds several friends")
      let excludedIDs = Set(excluded.filter { $0.first == exporter }.map { $0[1] })
      for entry in document.contacts {
        #expect(!excludedIDs.contains(entry.id), "\(exporter): excluded id \(entry.id) in the plan")
      }
      #expect(document.contacts.count == labels.count, "\(exporter): only the labelled friends are planned")
      var exporterAgree = 0
      for label in labels {
        total += 1
        guard let entry = document.contacts.first(where: { $0.id == label.id }) else {
          misses.append("\(exporter) \(label.friend) \(label.id): missing from the plan")
          continue
        }
        matrix[label.level][min(max(entry.level, 0), 6)] += 1
        levelsByFriend[label.friend, default: []].insert(entry.level)
        let what = "\(exporter) \(label.friend) \(label.id)"
        if entry.level == label.level {
          agree += 1
          exporterAgree += 1
        } else {
          misses.append("\(what): level \(label.level) expected, got \(entry.level) — \(entry.reasons)")
        }
        #expect(entry.interactions == label.interactions, "\(what) interactions")
        #expect(entry.paid == label.paid, "\(what) paid")
        #expect(entry.productsDiscussed == label.products, "\(what) products discussed")
        #expect(entry.role == (label.channel ? "C" : label.role) || entry.role == label.role, "\(what) role")
      }
      perExporter.append(
        "\(exporter): \(exporterAgree)/\(labels.count)"
          + String(format: " (%.1f %%)", 100 * Double(exporterAgree) / Double(max(labels.count, 1))))
    }
    var table = "expected \\ proposed   1   2   3   4   5   6\n"
    for level in 1...6 {
      table +=
        "                   \(level) "
        + (1...6).map { String(format: "%3d", matrix[level][$0]) }.joined(separator: " ")
        + "\n"
    }
    print(
      table + "agreement \(agree)/\(total)\n" + perExporter.joined(separator: "\n") + "\n"
        + misses.joined(separator: "\n"))
    #expect(Double(agree) >= 0.98 * Double(total), "\(misses.joined(separator: "\n"))")
    for level in 1...6 { #expect(matrix[level].reduce(0, +) >= 3, "level \(level) is covered several times") }
    // Friends rendered in two formats get the same level from both.
    let twice = Dictionary(grouping: expected, by: \.friend).filter { $0.value.count > 1 }
    #expect(twice.count >= 10)
    for (friend, _) in twice {
      #expect((levelsByFriend[friend] ?? []).count == 1, "\(friend): \(levelsByFriend[friend] ?? [])")
    }
  }
}
