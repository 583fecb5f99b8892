import BeizhuCore
import Foundation

/// Reads one exporter's files. One conformer per exporter, each in `Exporters/`.
///
/// An importer streams: it emits each contact and message to the sink as soon as it is read and
/// keeps nothing but the current record (and small per-file state such as a header map).
public protocol FormatImporter: Sendable {
  /// The formats this importer reads.
  var formats: [FileFormat] { get }
  /// The format of the probed file, or `nil` when it is not one of this importer's.
  /// Decide from the content (header, first keys, line shapes); the file name only breaks ties.
  func detect(_ probe: FileProbe) -> FileFormat?
  /// Streams the file's records into `sink`. Problems inside the file are `.issue` records;
  /// throw only when the file cannot be read at all (it is then counted as rejected).
  func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
}

/// What an import run knows beyond the file at hand.
public struct ImportContext: Sendable {
  public var timeParser: LocalTimeParser
  /// Owner facts learnt from files imported earlier in the run (or the workspace).
  public var ownerHints: [OwnerHint]

  public init(timeParser: LocalTimeParser = LocalTimeParser(), ownerHints: [OwnerHint] = []) {
    self.timeParser = timeParser
    self.ownerHints = ownerHints
  }

  /// Whether `name` or `id` is one of the owner's known names or ids.
  public func isOwner(id: String? = nil, name: String? = nil) -> Bool {
    ownerHints.contains { hint in
      if let id, !id.isEmpty, hint.id == id || hint.alias == id { return true }
      if let name, !name.isEmpty, hint.names.contains(name) { return true }
      return false
    }
  }
}
