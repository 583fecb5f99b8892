import BeizhuCore
import Foundation

/// Reads WeFlow exports (FORMATS.md §11): `contacts_<time>.csv` / `.json` and the per-chat JSON.
///
/// Everything streams: the contact CSV row by row, the `contacts` and `messages` arrays element
/// by element, so a chat of millions of messages never sits in memory.
public struct WeFlowImporter: FormatImporter {
  public static let contactsCSV = FileFormat(.weflow, "contacts-csv", role: .contacts)
  public static let contactsJSON = FileFormat(.weflow, "contacts-json", role: .contacts)
  public static let chatJSON = FileFormat(.weflow, "chat-json", role: .chat)

  /// Bytes read per chunk; tests make it tiny to cross chunk boundaries everywhere.
  public var chunkSize: Int

  public init(chunkSize: Int = FileByteSource.defaultChunkSize) {
    self.chunkSize = chunkSize
  }

  public var formats: [FileFormat] { [Self.contactsCSV, Self.contactsJSON, Self.chatJSON] }

  public func detect(_ probe: FileProbe) -> FileFormat? {
    if probe.firstLine.hasPrefix(WeFlowContacts.headerPrefix) { return Self.contactsCSV }
    guard probe.firstNonSpaceByte == UInt8(ascii: "{") else { return nil }
    if probe.headContains("\"exportedAt\"") && probe.headContains("\"contacts\"") { return Self.contactsJSON }
    // The chat document starts with the `weflow` header; a re-serialised one may have lost it
    // or moved `messages` first, so the message fields WeFlow alone writes also count.
    if probe.headContains("\"weflow\"")
      && (probe.headContains("\"session\"") || probe.headContains("\"messages\""))
    {
      return Self.chatJSON
    }
    if probe.headContains("\"messages\"") && probe.headContains("\"senderUsername\"")
      && probe.headContains("\"localType\"")
      && probe.headContains("\"isSend\"")
    {
      return Self.chatJSON
    }
    return nil
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    // The emitter lives only for this call, so the sink never really escapes.
    try withoutActuallyEscaping(sink) { (sink) throws(ImportError) in
      try read(probe, format: format, context: context, emitter: RecordEmitter(path: probe.path, sink: sink))
    }
  }

  private func read(_ probe: FileProbe, format: FileFormat, context: ImportContext, emitter: RecordEmitter)
    throws(ImportError)
  {
    let stream = try UTF8Stream(path: probe.path, chunkSize: chunkSize, onIssue: emitter.streamIssueHandler)
    do {
      switch format {
      case Self.contactsCSV:
        try WeFlowContacts.importCSV(stream: stream, emitter: emitter)
      case Self.contactsJSON:
        try WeFlowContacts.importJSON(stream: stream, emitter: emitter)
      default:
        let reader = WeFlowChatReader(stream: stream, stem: probe.stem, context: context, emitter: emitter)
        try reader.run()
      }
    } catch {
      try emitter.finish(after: error)
    }
    try emitter.flush()
  }
}
