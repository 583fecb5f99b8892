import BeizhuCore
import BeizhuTestSupport
import Foundation

@testable import BeizhuImport

/// What an import produced, collected for assertions (tests only).
final class Collected: ImportDestination {
  var messages: [Message] = []
  var contacts: [Contact] = []
  var owners: [OwnerHint] = []
  var issues: [Issue] = []
  var formats: [String: String] = [:]

  func beginFile(_ probe: FileProbe, format: FileFormat) throws(ImportError) {
    formats[probe.path] = format.description
  }

  func receive(_ record: ImportRecord) throws(ImportError) {
    switch record {
    case .message(let message): messages.append(message)
    case .contact(let contact, _): contacts.append(contact)
    case .owner(let hint): owners.append(hint)
    case .issue(let issue): issues.append(issue)
    }
  }

  func endFile(_ result: ImportReport.FileResult) throws(ImportError) {}

  /// Messages counted by side, with the auto-accept text as system (the workspace's rule).
  func sides(_ messages: [Message]? = nil) -> (friend: Int, me: Int, system: Int) {
    var counts = (friend: 0, me: 0, system: 0)
    for message in messages ?? self.messages {
      if message.side == .system || (message.kind == .text && SystemText.isAutoAccept(message.text)) {
        counts.system += 1
      } else if message.side == .me {
        counts.me += 1
      } else {
        counts.friend += 1
      }
    }
    return counts
  }

  func issues(_ code: Issue.Code) -> [Issue] { issues.filter { $0.code == code } }
}

enum HTMLImport {
  /// Runs the whole import runner (all importers) over `paths`.
  @discardableResult
  static func run(_ paths: [String], into collected: Collected = Collected()) throws -> (
    Collected, ImportReport
  ) {
    let report = try ImportRunner().run(paths: paths, into: collected)
    return (collected, report)
  }

  /// Imports one file with `importer`, after checking that it detects the file as `format`.
  static func file(
    _ path: String, with importer: any FormatImporter, expecting format: FileFormat? = nil,
    context: ImportContext = ImportContext()
  ) throws -> Collected {
    let probe = try FileProbe.read(path: path)
    guard let detected = importer.detect(probe) else { throw Failure.notDetected(path) }
    if let format, detected != format { throw Failure.wrongFormat(detected.description) }
    let collected = Collected()
    try importer.importFile(probe, format: detected, context: context) {
      (record: ImportRecord) throws(ImportError) in
      try collected.receive(record)
    }
    return collected
  }

  enum Failure: Error { case notDetected(String), wrongFormat(String) }
}
