import BeizhuCore
import BeizhuKit
import BeizhuPlan
import BeizhuTestSupport
import BeizhuWorkspace
import Foundation
import Testing

/// `plan` on every exporter's samples gives the labelled answers (samples/labels.csv): level,
/// interactions, paid, products discussed, role D for agent intent; and the same seller gets the
/// same levels from every exporter.
@Suite(.enabled(if: Fixtures.samplesAvailable, "needs ../shared/formats/samples"))
struct PlanLabelTests {
  static let exporters = SampleImportTests.exporters

  static func request() -> PlanRequest {
    PlanRequest(options: PlanOptions(today: Day(year: 2025, month: 1, day: 15)))
  }

  static func plan(_ exporter: String) throws -> PlanDocument {
    let workspace = try Workspace.inMemory()
    _ = try Pipeline.importPaths([Fixtures.sample(exporter)], into: workspace)
    return try Pipeline.plan(workspace: workspace, request: request()).document
  }

  @Test(arguments: exporters)
  func labelledAnswers(exporter: String) throws {
    let document = try Self.plan(exporter)
    let labels = Fixtures.simpleCSV(Fixtures.sample("labels.csv")).dropFirst().filter { $0.first == exporter }
    #expect(document.contacts.count == labels.count)
    let excluded = Set(
      Fixtures.simpleCSV(Fixtures.sample("excluded.csv")).dropFirst().filter { $0.first == exporter }.map {
        $0[1]
      })
    for entry in document.contacts {
      #expect(!excluded.contains(entry.id), "excluded id \(entry.id) in the plan")
    }
    for label in labels {
      let id = label[1]
      guard let entry = document.contacts.first(where: { $0.id == id }) else {
        Issue.record("\(exporter): \(id) missing from the plan")
        continue
      }
      #expect(entry.level == Int(label[8]), "\(exporter) \(id) level")
      #expect(entry.interactions == Int(label[3]), "\(exporter) \(id) interactions")
      #expect(entry.productsDiscussed == (label[4] == "yes"), "\(exporter) \(id) products")
      #expect(entry.paid == (label[5] == "yes"), "\(exporter) \(id) paid")
      if label[7] == "yes" { #expect(entry.role == "D", "\(exporter) \(id) agent") }
      #expect(!entry.reasons.isEmpty)
    }
  }

  @Test func theSameSellerGetsTheSameLevelsFromEveryExporter() throws {
    var levelsByNickname: [String: Set<Int>] = [:]
    for exporter in Self.exporters {
      let document = try Self.plan(exporter)
      let labels = Fixtures.simpleCSV(Fixtures.sample("labels.csv")).dropFirst().filter {
        $0.first == exporter
      }
      for label in labels {
        if let entry = document.contacts.first(where: { $0.id == label[1] }) {
          levelsByNickname[label[2], default: []].insert(entry.level)
        }
      }
    }
    for (nickname, levels) in levelsByNickname { #expect(levels.count == 1, "\(nickname): \(levels)") }
  }

  @Test func planIsDeterministic() throws {
    let first = try PlanJSONRendering.render(Self.plan("memotrace"))
    let second = try PlanJSONRendering.render(Self.plan("memotrace"))
    #expect(first == second)
  }
}

enum PlanJSONRendering {
  static func render(_ document: PlanDocument) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(document)
  }
}
