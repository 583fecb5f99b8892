import BeizhuCore
import Foundation

@testable import BeizhuImport

/// Collects what an importer emits for one file, for the PyWxDump and chatlog tests.
struct ExportRecords {
  var format: FileFormat?
  var contacts: [Contact] = []
  var messages: [Message] = []
  var owners: [OwnerHint] = []
  var issues: [Issue] = []

  /// Messages of one chat by side: (friend, me, system).
  func counts(chat: String) -> (friend: Int, me: Int, system: Int) {
    let chatMessages = messages.filter { $0.chat.key == .id(chat) }
    return (
      chatMessages.count { $0.side == .friend }, chatMessages.count { $0.side == .me },
      chatMessages.count { $0.side == .system }
    )
  }

  func issues(_ code: Issue.Code) -> [Issue] { issues.filter { $0.code == code } }
  func contact(_ id: String) -> Contact? { contacts.first { $0.id == id } }

  /// Detects `path` with `importer` and imports it.
  static func read(
    _ path: String, with importer: some FormatImporter, context: ImportContext = ImportContext()
  ) throws -> ExportRecords {
    var records = ExportRecords()
    let probe = try FileProbe.read(path: path)
    guard let format = importer.detect(probe) else { return records }
    records.format = format
    try importer.importFile(probe, format: format, context: context) {
      (record: ImportRecord) throws(ImportError) in
      switch record {
      case .contact(let contact, _): records.contacts.append(contact)
      case .message(let message): records.messages.append(message)
      case .owner(let hint): records.owners.append(hint)
      case .issue(let issue): records.issues.append(issue)
      }
    }
    return records
  }

  /// Imports every file under `folder` that `importer` recognises, in path order.
  static func readAll(
    _ folder: String, with importer: some FormatImporter, context: ImportContext = ImportContext()
  ) throws -> ExportRecords {
    var all = ExportRecords()
    let files = ImportRunner.collectFiles([folder]).files
    for file in files {
      let one = try read(file, with: importer, context: context)
      all.contacts += one.contacts
      all.messages += one.messages
      all.owners += one.owners
      all.issues += one.issues
    }
    return all
  }
}

/// Where the samples and our fixtures are, relative to this file.
enum ExportPaths {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  static let samples = (repository as NSString).appendingPathComponent("../shared/formats/samples")
  static let testdata = (repository as NSString).appendingPathComponent("testdata/import")

  static func sample(_ relative: String) -> String { (samples as NSString).appendingPathComponent(relative) }
  static func fixture(_ relative: String) -> String {
    (testdata as NSString).appendingPathComponent(relative)
  }

  /// A fresh temporary folder for files a test writes.
  static func temporaryFolder() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("beizhu-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
