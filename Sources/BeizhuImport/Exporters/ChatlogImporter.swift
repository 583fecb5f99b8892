import BeizhuCore

/// Reads chatlog's saved HTTP responses (FORMATS.md §9): the contact, chat-room and session lists,
/// and chats as JSON, CSV or the default text format.
public struct ChatlogImporter: FormatImporter {
  public static let contactsCSV = FileFormat(.chatlog, "contacts-csv", role: .contacts)
  public static let contactsJSON = FileFormat(.chatlog, "contacts-json", role: .contacts)
  public static let chatroomCSV = FileFormat(.chatlog, "chatroom-csv", role: .auxiliary)
  public static let sessionCSV = FileFormat(.chatlog, "session-csv", role: .auxiliary)
  public static let chatJSON = FileFormat(.chatlog, "chat-json", role: .chat)
  public static let chatCSV = FileFormat(.chatlog, "chat-csv", role: .chat)
  public static let chatText = FileFormat(.chatlog, "chat-txt", role: .chat)

  /// Read size of the file streams; tests make it tiny to cross chunk boundaries everywhere.
  let chunkSize: Int

  public init() { chunkSize = FileByteSource.defaultChunkSize }
  init(chunkSize: Int) { self.chunkSize = max(1, chunkSize) }

  public var formats: [FileFormat] {
    [
      Self.contactsCSV, Self.contactsJSON, Self.chatroomCSV, Self.sessionCSV, Self.chatJSON, Self.chatCSV,
      Self.chatText,
    ]
  }

  public func detect(_ probe: FileProbe) -> FileFormat? {
    var line = probe.firstLine
    if line.hasSuffix("\r") { line.removeLast() }
    switch line {
    case ChatlogContacts.contactHeader: return Self.contactsCSV
    case ChatlogContacts.chatroomHeader: return Self.chatroomCSV
    case ChatlogContacts.sessionHeader: return Self.sessionCSV
    case ChatlogChats.csvHeader.joined(separator: ","): return Self.chatCSV
    default: break
    }
    switch probe.firstNonSpaceByte {
    case UInt8(ascii: "{"):
      let keys = ["\"items\"", "\"userName\"", "\"nickName\"", "\"isFriend\""]
      return keys.allSatisfy { probe.headContains($0) } ? Self.contactsJSON : nil
    case UInt8(ascii: "["):
      let keys = ["\"seq\"", "\"talker\"", "\"isSelf\"", "\"isChatRoom\""]
      return keys.allSatisfy { probe.headContains($0) } ? Self.chatJSON : nil
    default:
      return ChatlogText.looksLikeText(probe) ? Self.chatText : nil
    }
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    // The emitter lives only for this call, so the sink never really escapes.
    try withoutActuallyEscaping(sink) { (sink) throws(ImportError) in
      let emitter = RecordEmitter(path: probe.path, sink: sink)
      let stream = try UTF8Stream(path: probe.path, chunkSize: chunkSize, onIssue: emitter.streamIssueHandler)
      switch format.name {
      case Self.contactsCSV.name:
        try ChatlogContacts.readContactCSV(probe, stream: stream, emitter: emitter, context: context)
      case Self.contactsJSON.name:
        try ChatlogContacts.readContactJSON(probe, stream: stream, emitter: emitter, context: context)
      case Self.chatroomCSV.name:
        try ChatlogContacts.readChatroomCSV(probe, stream: stream, emitter: emitter, context: context)
      case Self.sessionCSV.name:
        try ChatlogContacts.readSessionCSV(probe, stream: stream, emitter: emitter, context: context)
      case Self.chatJSON.name:
        try ChatlogChats.readJSON(probe, stream: stream, emitter: emitter, context: context)
      case Self.chatCSV.name:
        try ChatlogChats.readCSV(probe, stream: stream, emitter: emitter, context: context)
      case Self.chatText.name: try ChatlogText.read(probe, stream: stream, emitter: emitter, context: context)
      default: break
      }
      try emitter.flush()
    }
  }
}
