import BeizhuPlan
import BeizhuTestSupport
import BeizhuWrite
import Foundation
import Testing

/// Golden files for every writer, over the hand-made plan with `today` pinned.
@Suite struct WriterGoldenTests {
  let document = OutputFixtures.document
  let context = OutputFixtures.context

  @Test func planText() throws {
    let writer = PlanTextWriter(levelNames: context.levelNames)
    Snapshot.assert(try writer.render(document), named: "plan.txt")
  }

  @Test func planTextColouredAndLimited() throws {
    let writer = PlanTextWriter(limit: 3, style: TerminalStyle(enabled: true), levelNames: context.levelNames)
    Snapshot.assert(try writer.render(document), named: "plan-color-limit3.txt")
  }

  @Test func planJSONAndCSV() throws {
    Snapshot.assert(try PlanJSONWriter().render(document), named: "plan.json")
    Snapshot.assert(try PlanCSVWriter().render(document), named: "plan.csv")
  }

  @Test(arguments: [
    "worksheet.csv", "agenda.csv", "agenda.ics", "undo.csv", "wecom/remark.jsonl", "wecom/mark_tag.jsonl",
    "wecom/violations.txt", "report.html",
  ])
  func exportFile(_ path: String) throws {
    let files = try OutputFixtures.files()
    Snapshot.assert(try #require(files[path]), named: "export/" + path)
  }

  @Test func tagLists() throws {
    let files = try OutputFixtures.files().filter { $0.key.hasPrefix("tags/") }
    let joined = files.keys.sorted().map { "== \($0)\n\(files[$0] ?? "")" }.joined()
    Snapshot.assert(joined, named: "export/tags.txt")
  }

  @Test func sameInputSameBytes() throws {
    #expect(try OutputFixtures.files() == OutputFixtures.files())
  }

  @Test func worksheetWalksTheContactListInOrder() throws {
    let rows = CSVRows.parse(try #require(OutputFixtures.files()["worksheet.csv"])).dropFirst()
    let sections = rows.map { $0[0] }
    // A–Z first, `#` last, and unchanged friends are not listed.
    #expect(sections == sections.sorted { ($0 == "#" ? 1 : 0, $0) < ($1 == "#" ? 1 : 0, $1) })
    #expect(sections.last == "#")
    #expect(!rows.contains { $0[8] == "wxid_plain" })
    #expect(rows.count == document.contacts.count { $0.status != .unchanged })
  }

  @Test func calendarIsValidICalendar() throws {
    let ics = try #require(OutputFixtures.files()["agenda.ics"])
    #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
    #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
    // Every line break is CRLF, and no physical line exceeds 75 octets.
    #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
    let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
    let events = unfolded.components(separatedBy: "BEGIN:VEVENT").count - 1
    #expect(events == document.contacts.count { $0.revisit != nil })
    #expect(unfolded.components(separatedBy: "DTSTAMP:20250115T000000Z").count - 1 == events)
    #expect(unfolded.contains("a\\;b\\,c\\\\d"))
    let uids = unfolded.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
    #expect(Set(uids).count == events)
  }

  @Test func weComViolationsAreListed() throws {
    let violations = WeComWriter.violations(document)
    let fields = Set(violations.map { "\($0.id).\($0.field)" })
    #expect(fields.contains("wxid_evil1.remark"))
    #expect(fields.contains("wxid_evil1.description"))
    #expect(fields.contains("wxid_evil2.tag"))
    #expect(!fields.contains { $0.hasPrefix("wxid_wang") })
    let text = try #require(OutputFixtures.files()["wecom/violations.txt"])
    #expect(text.split(separator: "\n").count == violations.count)
  }

  @Test func tagFileNamesAreSafe() {
    #expect(TagListWriter.safeFileName("意向:面膜") == "意向_面膜")
    #expect(TagListWriter.safeFileName("../etc/passwd") == "_etc_passwd")
    #expect(TagListWriter.safeFileName("con") == "_con")
    #expect(TagListWriter.safeFileName("a\u{0}b") == "a_b")
  }
}

/// A small RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF.
enum CSVRows {
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    characters.append("\n")
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if quoted {
        if character == "\"" {
          if index + 1 < characters.count && characters[index + 1] == "\"" {
            field.append("\"")
            index += 1
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        row.append(field)
        field = ""
      } else if character == "\r\n" || character == "\n" {
        row.append(field)
        field = ""
        if row != [""] { rows.append(row) }
        row = []
      } else {
        field.append(character)
      }
      index += 1
    }
    return rows
  }
}
