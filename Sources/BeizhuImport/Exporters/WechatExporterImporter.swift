import BeizhuCore
import Foundation

/// Reads WechatExporter's non-HTML files (FORMATS.md §10): `<Owner>_Contacts.csv` and the text
/// export `<Owner>/<Chat>/index.txt`.
///
/// The chat pages (`index.html`) and `Files/Data/msg-N.js` are left to the HTML importer:
/// `detect` returns `nil` for them.
public struct WechatExporterImporter: FormatImporter {
  public static let contactsCSV = FileFormat(.wechatexporter, "contacts-csv", role: .contacts)
  public static let chatText = FileFormat(.wechatexporter, "chat-txt", role: .chat)

  /// Bytes read per chunk; tests make it tiny to cross chunk boundaries everywhere.
  public var chunkSize: Int

  public init(chunkSize: Int = FileByteSource.defaultChunkSize) {
    self.chunkSize = chunkSize
  }

  public var formats: [FileFormat] { [Self.contactsCSV, Self.chatText] }

  public func detect(_ probe: FileProbe) -> FileFormat? {
    switch probe.fileExtension {
    case "txt":
      return WechatExporterText.isTitle(probe.firstLine) ? Self.chatText : nil
    case "csv":
      return WechatExporterContacts.looksLikeContacts(probe) ? Self.contactsCSV : nil
    default:
      return nil
    }
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    // The emitter lives only for this call, so the sink never really escapes.
    try withoutActuallyEscaping(sink) { (sink) throws(ImportError) in
      let emitter = RecordEmitter(path: probe.path, sink: sink)
      let stream = try UTF8Stream(path: probe.path, chunkSize: chunkSize, onIssue: emitter.streamIssueHandler)
      if format == Self.contactsCSV {
        try WechatExporterContacts.importCSV(probe: probe, stream: stream, emitter: emitter)
      } else {
        let reader = WechatExporterText(probe: probe, context: context, emitter: emitter)
        try reader.run(stream: stream)
      }
      try emitter.flush()
    }
  }
}
