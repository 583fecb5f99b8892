import BeizhuCore

/// Reads PyWxDump exports (FORMATS.md §8): chat CSV pages in the 3.1 and 2024 layouts, the chat JSON
/// array, `users.json` beside each chat, and the API bodies `user_list`, `user_session_list` and
/// `user_labels_dict`. The HTML export's `data.js` is left to the HTML importer.
public struct PyWxDumpImporter: FormatImporter {
  public static let chatCSV = FileFormat(.pywxdump, "chat-csv", role: .chat)
  public static let chatCSV2024 = FileFormat(.pywxdump, "chat-csv-2024", role: .chat)
  public static let chatJSON = FileFormat(.pywxdump, "chat-json", role: .chat)
  public static let usersJSON = FileFormat(.pywxdump, "users-json", role: .contacts)
  public static let userList = FileFormat(.pywxdump, "api-user-list", role: .contacts)
  public static let sessionList = FileFormat(.pywxdump, "api-session-list", role: .auxiliary)
  public static let labels = FileFormat(.pywxdump, "api-labels", role: .auxiliary)

  /// Read size of the file streams; tests make it tiny to cross chunk boundaries everywhere.
  let chunkSize: Int

  public init() { chunkSize = FileByteSource.defaultChunkSize }
  init(chunkSize: Int) { self.chunkSize = max(1, chunkSize) }

  public var formats: [FileFormat] {
    [
      Self.chatCSV, Self.chatCSV2024, Self.chatJSON, Self.usersJSON, Self.userList, Self.sessionList,
      Self.labels,
    ]
  }

  public func detect(_ probe: FileProbe) -> FileFormat? {
    if let header = PyWxDumpChats.header(probe) {
      if header.contains(all: ["msg", "CreateTime"]) { return Self.chatCSV }
      if header.contains(all: ["content", "CreateTime"]) { return Self.chatCSV2024 }
      return nil
    }
    guard let first = probe.firstNonSpaceByte else { return nil }
    let head = probe.headText
    if first == UInt8(ascii: "[") {
      let keys = ["\"MsgSvrID\"", "\"type_name\"", "\"is_sender\"", "\"room_name\""]
      return keys.allSatisfy { probe.headContains($0) } ? Self.chatJSON : nil
    }
    guard first == UInt8(ascii: "{") else { return nil }
    if let body = PyWxDumpContacts.envelopeBody(head) {
      switch body {
      case .array where probe.headContains("\"nOrder\"") && probe.headContains("\"wxid\""):
        return Self.sessionList
      case .object where probe.headContains("\"LabelIDList\"") && probe.headContains("\"wxid\""):
        return Self.userList
      case .stringMap: return Self.labels
      default: return nil
      }
    }
    // users.json: an object of wxid → user, indented; no envelope.
    let userKeys = ["\"wxid\"", "\"nickname\"", "\"remark\"", "\"account\"", "\"LabelIDList\""]
    return userKeys.allSatisfy { probe.headContains($0) } ? Self.usersJSON : nil
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    // The emitter lives only for this call, so the sink never really escapes.
    try withoutActuallyEscaping(sink) { (sink) throws(ImportError) in
      try read(
        probe, format: format, context: context, emitter: RecordEmitter(path: probe.path, sink: sink))
    }
  }

  private func read(
    _ probe: FileProbe, format: FileFormat, context: ImportContext, emitter: RecordEmitter
  )
    throws(ImportError)
  {
    let stream = try UTF8Stream(path: probe.path, chunkSize: chunkSize, onIssue: emitter.streamIssueHandler)
    switch format.name {
    case Self.chatCSV.name, Self.chatCSV2024.name:
      try PyWxDumpChats.readCSV(probe, stream: stream, emitter: emitter, context: context)
    case Self.chatJSON.name:
      try PyWxDumpChats.readJSON(probe, stream: stream, emitter: emitter, context: context)
    case Self.usersJSON.name:
      try PyWxDumpContacts.readUsers(probe, stream: stream, emitter: emitter, context: context)
    case Self.userList.name, Self.sessionList.name, Self.labels.name:
      try PyWxDumpContacts.readAPI(probe, stream: stream, emitter: emitter, context: context)
    default:
      break
    }
    try emitter.flush()
  }
}
