import BeizhuCore
import BeizhuImport
import Foundation

/// Everything one importer emitted for one file, sorted by record type (tests only).
struct CollectedImport {
  var format: FileFormat?
  var contacts: [Contact] = []
  var messages: [Message] = []
  var owners: [OwnerHint] = []
  var issues: [Issue] = []

  func count(_ side: MessageSide) -> Int { messages.filter { $0.side == side }.count }
  func issues(_ code: Issue.Code) -> [Issue] { issues.filter { $0.code == code } }
}

enum ImportCollector {
  /// The repository root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let samples = root.appendingPathComponent("../shared/formats/samples").standardized.path
  static let testdata = root.appendingPathComponent("testdata/import").path

  /// Detects `path` with `importer` and imports it; `format` is nil when detection said no.
  static func run(
    _ importer: some FormatImporter, path: String, context: ImportContext = ImportContext()
  ) throws -> CollectedImport {
    let probe = try FileProbe.read(path: path)
    var result = CollectedImport()
    guard let format = importer.detect(probe) else { return result }
    result.format = format
    try importer.importFile(probe, format: format, context: context) { record in
      switch record {
      case .contact(let contact, _): result.contacts.append(contact)
      case .message(let message): result.messages.append(message)
      case .owner(let hint): result.owners.append(hint)
      case .issue(let issue): result.issues.append(issue)
      }
    }
    return result
  }

  /// Writes `bytes` to a fresh temporary file named `name` inside `folders` and returns its path.
  static func temporaryFile(_ name: String, folders: [String] = [], bytes: [UInt8]) throws -> String {
    var directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "beizhu-\(UUID().uuidString)")
    for folder in folders { directory.appendPathComponent(folder) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  static func temporaryFile(_ name: String, folders: [String] = [], text: String) throws -> String {
    try temporaryFile(name, folders: folders, bytes: Array(text.utf8))
  }

  /// The message fields a chunk-size change must not alter.
  static func summary(_ messages: [Message]) -> [String] {
    messages.map {
      "\($0.chat.storageKey)|\($0.time)|\($0.side)|\($0.kind)|\($0.sender ?? "")|\($0.text)|"
        + "\($0.transfer?.paySubtype ?? -1)|\($0.transfer?.amountFen ?? -1)|\($0.source.line)"
    }
  }
}
