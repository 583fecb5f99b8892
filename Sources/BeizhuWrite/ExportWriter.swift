import BeizhuPlan

/// One file of an export, relative to `--out DIR`.
public struct ExportFile: Sendable, Equatable {
  /// Relative path with `/` separators.
  public var path: String
  public var contents: String

  public init(path: String, contents: String) {
    self.path = path
    self.contents = contents
  }
}

/// Writes some of the re-entry files for a plan. One conformer per file in this folder.
public protocol ExportWriter: Sendable {
  func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile]
}

/// Every file `beizhu export` writes, in a fixed order.
public struct ReentryExport: Sendable {
  public var wecom: WeComWriter

  public init(wecom: WeComWriter = WeComWriter()) { self.wecom = wecom }

  public var writers: [any ExportWriter] {
    [
      WorksheetCSVWriter(), TagListWriter(), wecom, AgendaCSVWriter(), AgendaICSWriter(), UndoCSVWriter(),
      HTMLReportWriter(),
    ]
  }

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    try writers.flatMap { try $0.files(document, context: context) }
  }
}

/// CSV rows as a spreadsheet wants them: UTF-8 with BOM, CRLF, every cell neutralized.
enum SpreadsheetCSV {
  static func render(header: [String], rows: [[String]]) -> String {
    var lines = ["\u{FEFF}" + header.map(SpreadsheetCell.csvField).joined(separator: ",")]
    for row in rows { lines.append(row.map(SpreadsheetCell.csvField).joined(separator: ",")) }
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}
