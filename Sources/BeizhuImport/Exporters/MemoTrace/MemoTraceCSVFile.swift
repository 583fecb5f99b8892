import BeizhuCore
import Foundation

/// Collects the stream's encoding warnings (its callback cannot reach the sink) until the
/// reader flushes them between records.
final class PendingIssues: @unchecked Sendable {
  var items: [Issue] = []

  func flush(_ sink: ImportSink) throws(ImportError) {
    guard !items.isEmpty else { return }
    let drained = items
    items.removeAll()
    for issue in drained { try sink(.issue(issue)) }
  }
}

/// A MemoTrace CSV file opened for reading: the header read, records one at a time.
struct MemoTraceCSVFile {
  let path: String
  let stream: UTF8Stream
  let reader: CSVReader
  let header: CSVHeader
  let pending: PendingIssues

  init(path: String, chunkSize: Int) throws(ImportError) {
    let pending = PendingIssues()
    self.path = path
    self.pending = pending
    stream = try UTF8Stream(path: path, chunkSize: chunkSize) { pending.items.append($0) }
    reader = CSVReader(stream: stream)
    guard let first = try reader.next() else {
      throw ImportError.rejected(
        Issue(
          .error, .truncated, at: SourceLocation(path: path, line: 1, byteOffset: 0),
          "the file is empty: no header row / 文件为空，没有表头",
          hint: "export the chat again"))
    }
    header = CSVHeader(first.fields)
  }

  /// The next complete record; a record cut by the end of the file is reported as `.truncated`
  /// and ends the read.
  mutating func next(sink: ImportSink) throws(ImportError) -> CSVRecord? {
    let record = try reader.next()
    try pending.flush(sink)
    guard let record else { return nil }
    if record.isTruncated {
      try sink(
        .issue(
          Issue(
            .warning, .truncated,
            at: SourceLocation(path: path, line: record.line, byteOffset: record.byteOffset),
            "the file ends inside a quoted field; the records before it were imported / 文件在引号字段中被截断",
            hint: "export the chat again to get the rest")))
      return nil
    }
    return record
  }

  func location(_ record: CSVRecord) -> SourceLocation {
    SourceLocation(path: path, line: record.line, byteOffset: record.byteOffset)
  }

  /// A spreadsheet re-save announces itself by an encoding MemoTrace never writes.
  var encodingShowsResave: Bool { stream.encoding != .utf8 }

  /// The once-per-file note that the file went through a spreadsheet.
  func resaveNote(_ reason: String) -> Issue {
    Issue(
      .note, .spreadsheetResave, at: SourceLocation(path: path),
      "the file was re-saved by a spreadsheet (\(reason)) / 文件经表格软件另存过",
      hint: "times come from the unix column where present; minutes without seconds are read as :00")
  }
}
