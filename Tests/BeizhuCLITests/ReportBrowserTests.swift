import BeizhuPlan
import BeizhuTestSupport
import BeizhuWrite
import Foundation
import Testing

/// Opens report.html in Debian's headless Chromium and reads the rendered DOM.
///
/// Chromium is a large package: `scripts/install-deps` installs it only in CI (CI=true) or when
/// asked (WITH_BROWSER=1). Without it this suite is skipped, and Swift Testing reports it as
/// skipped rather than passed.
@Suite(.enabled(if: Browser.path != nil, "chromium is not installed (scripts/install-deps with CI=true)"))
struct ReportBrowserTests {
  let document = OutputFixtures.document

  func renderedReport() throws -> (dom: String, file: URL) {
    let directory = URL(fileURLWithPath: Fixtures.temporaryDirectory())
    let file = directory.appendingPathComponent("report.html")
    try Data(HTMLReportWriter().render(document, context: OutputFixtures.context).utf8).write(to: file)
    let dom = try Browser.run(["--dump-dom", file.absoluteString], profile: directory)
    return (dom, file)
  }

  /// `data-value` of each bar of one chart in the rendered DOM, by `data-key`.
  func bars(_ chart: String, in dom: String) throws -> [String: Int] {
    let start = try #require(dom.range(of: "data-chart=\"\(chart)\""))
    let end = dom.range(of: "</figure>", range: start.upperBound..<dom.endIndex)?.lowerBound ?? dom.endIndex
    let section = String(dom[start.upperBound..<end])
    let regex = try NSRegularExpression(pattern: "data-key=\"([^\"]*)\" data-value=\"([0-9]+)\"")
    var result: [String: Int] = [:]
    for match in regex.matches(in: section, range: NSRange(section.startIndex..., in: section)) {
      guard let key = Range(match.range(at: 1), in: section),
        let value = Range(match.range(at: 2), in: section)
      else { continue }
      result[String(section[key])] = Int(section[value])
    }
    return result
  }

  @Test func chartsShowThePlanNumbers() throws {
    let (dom, _) = try renderedReport()
    #expect(dom.contains("data-ready=\"1\""), "the inline script did not run")
    for chart in ["levels", "funnel", "roles", "revisits", "recency"] {
      #expect(dom.contains("id=\"chart-\(chart)\""), "missing chart \(chart)")
    }
    // Numbers from the JSON plan, counted here independently of the writer.
    let json =
      try JSONSerialization.jsonObject(with: Data(try PlanJSONWriter().render(document).utf8))
      as? [String: Any]
    let contacts = json?["contacts"] as? [[String: Any]] ?? []
    let byLevel = (json?["summary"] as? [String: Any])?["byLevel"] as? [String: Int] ?? [:]
    let levels = try bars("levels", in: dom)
    for level in 1...6 { #expect(levels[String(level)] == byLevel[String(level)], "level \(level)") }
    let funnel = try bars("funnel", in: dom)
    for level in 1...6 {
      #expect(
        funnel[String(level)] == contacts.count { ($0["level"] as? Int ?? 9) <= level }, "funnel \(level)")
    }
    let roles = try bars("roles", in: dom)
    for role in ["K", "D", "C"] {
      #expect(roles[role] == contacts.count { $0["role"] as? String == role }, "role \(role)")
    }
    let revisits = try bars("revisits", in: dom)
    #expect(revisits.values.reduce(0, +) == contacts.count { $0["revisit"] is String })
    #expect(revisits["2025-01-15"] == 3)
    #expect(revisits["later"] == 1)
    let recency = try bars("recency", in: dom)
    #expect(recency == ["underAMonth": 2, "oneToSixMonths": 1, "overSixMonths": 1, "never": 2])
    #expect(dom.contains("data-field=\"contacts\">\(contacts.count)<"))
    #expect(dom.contains("id=\"shown-count\">\(contacts.count) / \(contacts.count)<"))
  }

  @Test func injectedMarkupStaysText() throws {
    let (dom, _) = try renderedReport()
    #expect(!dom.contains("<img"))
    #expect(dom.components(separatedBy: "<script").count == 2)
    #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  @Test func screenshotRenders() throws {
    let (_, file) = try renderedReport()
    let png = file.deletingLastPathComponent().appendingPathComponent("report.png")
    _ = try Browser.run(
      ["--screenshot=\(png.path)", "--window-size=1200,1400", file.absoluteString],
      profile: file.deletingLastPathComponent())
    let bytes = try Data(contentsOf: png)
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
  }
}

/// The headless browser, if installed.
enum Browser {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Runs Chromium headless with a throwaway profile; returns stdout.
  static func run(_ arguments: [String], profile: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(path))
    process.arguments =
      [
        "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=\(profile.appendingPathComponent("chromium-profile").path)",
      ] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
