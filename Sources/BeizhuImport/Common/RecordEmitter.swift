import BeizhuCore
import Foundation

/// One file's path to the sink, shared by the importers: decoding issues from `UTF8Stream`
/// (whose callback cannot throw) wait for the next record, "once per file" notes are emitted
/// once, and each owner id is announced once.
final class RecordEmitter {
  let path: String
  private let sink: ImportSink
  private var pending: [Issue] = []
  private var emittedOnce: Set<String> = []
  private var owners: Set<String> = []
  /// Records emitted so far, issues excluded: whether a syntax error ends a file or rejects it.
  private(set) var recordCount = 0

  init(path: String, sink: @escaping ImportSink) {
    self.path = path
    self.sink = sink
  }

  /// The callback to give `UTF8Stream`.
  var streamIssueHandler: (Issue) -> Void {
    { [weak self] issue in self?.pending.append(issue) }
  }

  func emit(_ record: ImportRecord) throws(ImportError) {
    try flush()
    if case .issue = record {} else { recordCount += 1 }
    try sink(record)
  }

  func issue(_ issue: Issue) throws(ImportError) { try emit(.issue(issue)) }

  /// Emits the issue only the first time `key` is seen in this file.
  func once(_ key: String, _ make: () -> Issue) throws(ImportError) {
    guard emittedOnce.insert(key).inserted else { return }
    try emit(.issue(make()))
  }

  /// Emits an owner hint once per distinct id.
  func owner(id: String, alias: String? = nil, names: [String] = []) throws(ImportError) {
    guard !id.isEmpty, owners.insert(id).inserted else { return }
    try emit(.owner(OwnerHint(id: id, alias: alias, names: names)))
  }

  func flush() throws(ImportError) {
    while !pending.isEmpty {
      try sink(.issue(pending.removeFirst()))
    }
  }

  /// Ends a file whose reader hit a syntax error or the end of the file mid-record: the records
  /// before it stay imported and the problem becomes an issue. A file that yielded nothing at
  /// all is rejected instead.
  func finish(after error: ImportError) throws(ImportError) {
    guard case .rejected(let issue) = error else { throw error }
    if issue.code != .truncated && recordCount == 0 {
      try flush()
      throw error
    }
    try emit(.issue(issue))
  }

  /// A `.truncated` warning at the end of a text file whose last line lacks its line break,
  /// which the TXT exporters always write.
  func reportMissingFinalNewline(line: Int) throws(ImportError) {
    guard let size = FileTail.sizeIfMissingFinalNewline(path: path) else { return }
    try issue(
      Issue(
        .warning, .truncated, at: SourceLocation(path: path, line: line, byteOffset: size),
        "the file ends in the middle of a line: it may be cut off / 文件末尾不完整（可能被截断）",
        hint: "the messages before this point were imported; export the chat again for the rest"))
  }
}

/// Reads the last byte of a file without reading the rest.
enum FileTail {
  /// The file's size when it is not empty and its last byte is not `\n`, else `nil`.
  static func sizeIfMissingFinalNewline(path: String) -> Int64? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let end = try? handle.seekToEnd(), end > 0 else { return nil }
    try? handle.seek(toOffset: end - 1)
    guard let last = try? handle.read(upToCount: 1), let byte = last.first else { return nil }
    return byte == 0x0A ? nil : Int64(end)
  }
}
