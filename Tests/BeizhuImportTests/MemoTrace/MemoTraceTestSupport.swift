import BeizhuCore
import Foundation
import Testing

@testable import BeizhuImport

/// Records an importer emitted for one file (tests only).
struct MTCollected {
  var format: FileFormat?
  var contacts: [Contact] = []
  var messages: [Message] = []
  var owners: [OwnerHint] = []
  var issues: [BeizhuCore.Issue] = []
  var rejection: ImportError?

  func count(_ side: MessageSide) -> Int { messages.filter { $0.side == side }.count }
  /// `friend/me/system` counts, e.g. `"6/7/0"`.
  var sides: String { "\(count(.friend))/\(count(.me))/\(count(.system))" }
  func issues(_ code: BeizhuCore.Issue.Code) -> [BeizhuCore.Issue] { issues.filter { $0.code == code } }
}

enum MTPaths {
  /// The repository root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let samples = root.appendingPathComponent("../shared/formats/samples").standardized
  static let fixtures = root.appendingPathComponent("testdata/import")

  static func sample(_ relative: String) -> String { samples.appendingPathComponent(relative).path }
  static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }
}

/// Detects `path` with the registry's order and imports it with the importer that claims it.
func mtImport(
  _ path: String, chunkSize: Int = FileByteSource.defaultChunkSize, context: ImportContext = ImportContext()
) throws -> MTCollected {
  let probe = try FileProbe.read(path: path)
  var collected = MTCollected()
  let importers: [any FormatImporter] = [
    MemoTraceImporter(chunkSize: chunkSize), MemoTrace3Importer(chunkSize: chunkSize),
  ]
  guard
    let (importer, format) = importers.lazy.compactMap({ importer in
      importer.detect(probe).map { (importer, $0) }
    }).first
  else { return collected }
  collected.format = format
  do {
    try importer.importFile(probe, format: format, context: context) { record in
      switch record {
      case .contact(let contact, _): collected.contacts.append(contact)
      case .message(let message): collected.messages.append(message)
      case .owner(let hint): collected.owners.append(hint)
      case .issue(let issue): collected.issues.append(issue)
      }
    }
  } catch {
    collected.rejection = error
  }
  return collected
}

/// Which importer of the whole registry claims `path` (to check others do not).
func mtRegistryFormat(_ path: String) throws -> FileFormat? {
  ImporterRegistry.detect(try FileProbe.read(path: path))?.format
}
