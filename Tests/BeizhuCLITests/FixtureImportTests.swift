import BeizhuCore
import BeizhuKit
import BeizhuTestSupport
import BeizhuWorkspace
import Foundation
import Testing

/// Our own messy fixtures (testdata/import/EXPECTED.csv): encodings, spreadsheet re-saves,
/// truncation, bad rows, files that are not exports.
@Suite struct FixtureImportTests {
  struct Row: CustomTestStringConvertible, Sendable {
    var file: String
    var friends: Int
    var fromFriend: Int
    var fromMe: Int
    var system: Int
    var skipped: Int
    var testDescription: String { file }
  }

  static let rows: [Row] = {
    guard let text = try? String(contentsOfFile: Fixtures.testdata("import/EXPECTED.csv"), encoding: .utf8)
    else {
      return []
    }
    return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
      let fields = line.split(separator: ",", maxSplits: 8, omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 8, let friends = Int(fields[3]), let fromFriend = Int(fields[4]),
        let fromMe = Int(fields[5]), let system = Int(fields[6]), let skipped = Int(fields[7])
      else { return nil }
      return Row(
        file: fields[0], friends: friends, fromFriend: fromFriend, fromMe: fromMe, system: system,
        skipped: skipped)
    }
  }()

  @Test(arguments: rows)
  func fixtureImportsAsExpected(row: Row) throws {
    let workspace = try Workspace.inMemory()
    let summary = try Pipeline.importPaths([Fixtures.testdata("import/" + row.file)], into: workspace)
    let friends = try workspace.friendSummaries()
    if row.skipped < 0 {
      #expect(summary.report.importedFiles == 0)
      #expect(summary.exitCode != 0)
      return
    }
    #expect(friends.count == row.friends)
    #expect(summary.messagesBySide["friend"] == row.fromFriend)
    #expect(summary.messagesBySide["me"] == row.fromMe)
    #expect(summary.messagesBySide["system"] == row.system)
    #expect(summary.report.skippedRecords == row.skipped)
    // Every problem is located: a file and a line or byte offset.
    for issue in summary.report.issues where issue.severity >= .warning {
      #expect(!issue.location.path.isEmpty)
    }
  }

  @Test func aBadFolderNeverStopsTheOthers() throws {
    let workspace = try Workspace.inMemory()
    let summary = try Pipeline.importPaths(
      [Fixtures.testdata("import/messy"), Fixtures.testdata("import/does-not-exist")], into: workspace)
    #expect(summary.report.files.contains { $0.status == .rejected && $0.path.hasSuffix("does-not-exist") })
    #expect(summary.report.files.contains { $0.status == .media && $0.path.hasSuffix("photo.jpg") })
    #expect(summary.report.files.contains { $0.status == .unrecognized && $0.path.hasSuffix("notes.txt") })
  }
}
