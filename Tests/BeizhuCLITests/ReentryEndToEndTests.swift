import BeizhuTestSupport
import Foundation
import Testing

/// The built binary through a whole round: import → plan → export → apply → plan → undo.
@Suite struct ReentryEndToEndTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func importPlanExportApplyPlanUndo() throws {
    let directory = Fixtures.temporaryDirectory()
    let workspace = ["--workspace", directory + "/w.sqlite"]
    let today = ["--today", "2025-01-15"]
    let run = { (arguments: [String]) in try CommandLineTests.run(arguments, in: directory) }

    // One chat in this folder is truncated on purpose: a warning, not a failure.
    let imported = try run(["import", Fixtures.testdata("import/chatlog")] + workspace)
    #expect(imported.status == 0 || imported.status == 65, "\(imported.stderr)")

    let first = try json(try run(["plan", "--format", "json"] + workspace + today).stdout)
    let contacts = first["contacts"] as? [[String: Any]] ?? []
    let toEnter = contacts.filter { $0["status"] as? String != "unchanged" }
    #expect(!toEnter.isEmpty)

    // A dry run names the files and writes none.
    let out = directory + "/out"
    let dry = try run(["export", "--out", out, "-n"] + workspace + today)
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(dry.stdout.contains("+ \(out)/worksheet.csv"))
    #expect(!FileManager.default.fileExists(atPath: out))

    let exported = try run(["export", "--out", out] + workspace + today)
    #expect(exported.status == 0, "\(exported.stderr)")
    for file in [
      "worksheet.csv", "agenda.csv", "agenda.ics", "undo.csv", "report.html", "wecom/remark.jsonl",
      "wecom/mark_tag.jsonl", "wecom/violations.txt",
    ] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
    }
    let worksheet = CSVRows.parse(try String(contentsOfFile: out + "/worksheet.csv", encoding: .utf8))
    #expect(worksheet.count - 1 == toEnter.count)
    // Exporting again changes nothing.
    let again = try run(["export", "--out", out, "-n"] + workspace + today)
    #expect(again.stdout.isEmpty, "\(again.stdout)")

    let applied = try run(["apply", "--mark-applied"] + workspace + today)
    #expect(applied.status == 0, "\(applied.stderr)")

    let second = try json(try run(["plan", "--format", "json"] + workspace + today).stdout)
    let after = second["contacts"] as? [[String: Any]] ?? []
    #expect(after.count == contacts.count)
    #expect(
      after.allSatisfy { $0["status"] as? String == "unchanged" }, "\(after.map { $0["status"] ?? "" })")
    for entry in after { #expect(entry["oldRemark"] as? String == entry["remark"] as? String) }

    let history = try run(["show", try #require(contacts.first?["id"] as? String)] + workspace + today)
    #expect(history.stdout.contains("Level history"))
    #expect(history.stdout.contains("2025-01-15  \(contacts.first?["level"] as? Int ?? 0)类"))

    let undone = try run(["undo", "--out", directory + "/undo"] + workspace)
    #expect(undone.status == 0, "\(undone.stderr)")
    let restore = CSVRows.parse(try String(contentsOfFile: directory + "/undo/undo.csv", encoding: .utf8))
      .dropFirst()
    let changedIDs = Set(
      contacts.filter { $0["remark"] as? String != $0["oldRemark"] as? String }.compactMap {
        $0["id"] as? String
      })
    #expect(Set(restore.map { $0[5] }) == changedIDs.union(Set(toEnter.compactMap { $0["id"] as? String })))
    for row in restore {
      let original = contacts.first { $0["id"] as? String == row[5] }
      #expect(row[1] == original?["oldRemark"] as? String)
    }
    // After undo the plan compares against the imported remarks again.
    let third = try json(try run(["plan", "--format", "json"] + workspace + today).stdout)
    #expect(
      (third["contacts"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
        == contacts.map { $0["status"] as? String })
  }

  @Test func applyNeedsTheFlag() throws {
    let result = try CommandLineTests.run(["apply"], in: Fixtures.temporaryDirectory())
    #expect(result.status == 64)
  }
}
