import BeizhuCore
import BeizhuImport
import Foundation

/// Counts what the import runner produces, and keeps nothing.
final class Counter: ImportDestination {
  var messages = 0
  var contacts = 0
  var issues = 0
  var sides: [MessageSide: Int] = [:]

  func beginFile(_ probe: FileProbe, format: FileFormat) throws(ImportError) {}
  func receive(_ record: ImportRecord) throws(ImportError) {
    switch record {
    case .message(let message):
      messages += 1
      sides[message.side, default: 0] += 1
    case .contact: contacts += 1
    case .issue: issues += 1
    case .owner: break
    }
  }
  func endFile(_ result: ImportReport.FileResult) throws(ImportError) {}
}

let counter = Counter()
do {
  let report = try ImportRunner().run(paths: Array(CommandLine.arguments.dropFirst()), into: counter)
  print(
    "files \(report.importedFiles), messages \(counter.messages) (friend \(counter.sides[.friend] ?? 0), me \(counter.sides[.me] ?? 0), system \(counter.sides[.system] ?? 0)), issues \(counter.issues)"
  )
} catch {
  print("import failed: \(error)")
  exit(1)
}
