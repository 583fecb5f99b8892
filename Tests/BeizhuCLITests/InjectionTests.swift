import BeizhuPlan
import BeizhuTestSupport
import BeizhuWrite
import Foundation
import Testing

/// Nicknames that try to run formulas in a spreadsheet or script in the report.
@Suite struct InjectionTests {
  @Test(arguments: ["worksheet.csv", "agenda.csv", "undo.csv"])
  func noSpreadsheetCellStartsAFormula(_ path: String) throws {
    let text = try #require(OutputFixtures.files()[path])
    #expect(text.hasPrefix("\u{FEFF}"))
    let cells = CSVRows.parse(text).flatMap { $0 }
    for cell in cells {
      let first = cell.unicodeScalars.first
      #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "\(path): \(cell)")
    }
    #expect(cells.contains { $0.hasPrefix("'=HYPERLINK(") || $0.hasPrefix("'@SUM") } || path == "agenda.csv")
  }

  @Test func planCSVNeutralizesTheNickname() throws {
    let cells = CSVRows.parse(try PlanCSVWriter().render(OutputFixtures.document)).flatMap { $0 }
    #expect(cells.contains("'" + OutputFixtures.hyperlink))
    #expect(!cells.contains(OutputFixtures.hyperlink))
  }

  @Test func reportEscapesEveryValue() throws {
    let html = try #require(OutputFixtures.files()["report.html"])
    #expect(!html.contains(OutputFixtures.script))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>x</b>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
    // Our own inline script is the only one.
    #expect(html.components(separatedBy: "<script").count == 2)
    #expect(!html.contains("http://") || !html.contains("src=\"http"))
    #expect(html.contains("default-src 'none'"))
  }

  @Test func jsonLinesRoundTripTheValues() throws {
    let text = try #require(OutputFixtures.files()["wecom/remark.jsonl"])
    let lines = text.split(separator: "\n")
    #expect(lines.count == OutputFixtures.document.contacts.count { $0.status != .unchanged })
    let remarks = try lines.map { line in
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["userid"] as? String == "seller01")
      return object["remark"] as? String
    }
    #expect(remarks.contains("3K" + OutputFixtures.hyperlink))
  }

  @Test func escapeCoversQuotesAndAmpersands() {
    #expect(HTMLReportWriter.escape("a&b<c>\"d'") == "a&amp;b&lt;c&gt;&quot;d&#39;")
  }
}
