import BeizhuCore

/// PyWxDump's contact sources (FORMATS.md §8, §15): `users.json` beside each chat and the local API
/// bodies. None of them has a type column, so kinds come from ids, the owner from the folder or
/// earlier files, and — in `user_list` and a group's `users.json` — the group-only-member rule below.
enum PyWxDumpContacts {
  enum BodyShape { case array, object, stringMap, other }

  /// The shape of `body` in a `{"code":0,"body":…}` API envelope, or `nil` without an envelope.
  static func envelopeBody(_ head: String) -> BodyShape? {
    guard head.contains("\"code\""), let range = head.range(of: "\"body\"") else { return nil }
    var rest = head[range.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
    guard rest.first == ":" else { return nil }
    rest = rest.dropFirst().drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
    switch rest.first {
    case "[": return .array
    case "{":
      // `{"3":"代理",…}`: the first member's value is a string, not a user object.
      let afterBrace = rest.dropFirst().drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
      if afterBrace.first == "}" { return .stringMap }
      if let colon = afterBrace.firstIndex(of: ":") {
        let value = afterBrace[afterBrace.index(after: colon)...].drop { $0 == " " || $0 == "\n" }
        return value.first == "\"" ? .stringMap : .object
      }
      return .object
    default: return .other
    }
  }

  /// `users.json`: `{wxid: user}`, streamed one user at a time.
  static func readUsers(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  )
    throws(ImportError)
  {
    let reader = JSONStreamReader(stream: stream)
    let owner = PyWxDumpPaths.ownerID(path: probe.path)
    if let owner { try emitter.owner(id: owner) }
    let inGroupFolder = probe.path.split(separator: "/").dropLast().last?.hasSuffix("@chatroom") ?? false
    try readingTruncation(emitter) { () throws(ImportError) in
      guard try reader.beginObject() else { throw notJSONObject(probe.path) }
      while let key = try reader.nextKey() {
        let line = reader.currentLine
        let offset = reader.byteOffset
        let value = try reader.readValue()
        guard value.object != nil else { continue }
        // A private chat's users.json holds only the two people of that chat; a group's also holds
        // members met only there, whom PyWxDump prints with `ExtraBuf: null` as in `user_list`.
        let contact = makeContact(
          value, key: key, ownerID: owner, context: context, groupOnlyRule: inGroupFolder)
        try emitter.emit(.contact(contact, SourceLocation(path: probe.path, line: line, byteOffset: offset)))
      }
    }
  }

  /// The API bodies: `user_list` (contacts), `user_session_list` (chats with contact fields),
  /// `user_labels_dict` (label id → name; nothing to emit, the other bodies already carry names).
  static func readAPI(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  )
    throws(ImportError)
  {
    let reader = JSONStreamReader(stream: stream)
    let owner = PyWxDumpPaths.ownerID(path: probe.path) ?? context.ownerHints.first { $0.id != nil }?.id
    try readingTruncation(emitter) { () throws(ImportError) in
      guard try reader.beginObject() else { throw notJSONObject(probe.path) }
      while let key = try reader.nextKey() {
        guard key == "body" else {
          try reader.skipValue()
          continue
        }
        switch try reader.peekStructural() {
        case UInt8(ascii: "["):
          _ = try reader.beginArray()
          while try reader.nextElement() {
            let line = reader.currentLine
            let offset = reader.byteOffset
            let value = try reader.readValue()
            guard value.object != nil, let id = value["wxid"]?.text, !id.isEmpty else { continue }
            var contact = makeContact(value, key: id, ownerID: owner, context: context, groupOnlyRule: false)
            if let shown = value["strNickName"]?.text, !shown.isEmpty, shown != contact.remark,
              shown != contact.nickname
            {
              contact.otherNames.append(shown)
            }
            try emitter.emit(
              .contact(contact, SourceLocation(path: probe.path, line: line, byteOffset: offset)))
          }
        case UInt8(ascii: "{"):
          _ = try reader.beginObject()
          while let wxid = try reader.nextKey() {
            let line = reader.currentLine
            let offset = reader.byteOffset
            let value = try reader.readValue()
            // Label dictionaries map ids to plain names: not contacts.
            guard value.object != nil else { continue }
            let contact = makeContact(value, key: wxid, ownerID: owner, context: context, groupOnlyRule: true)
            try emitter.emit(
              .contact(contact, SourceLocation(path: probe.path, line: line, byteOffset: offset)))
          }
        default:
          try reader.skipValue()
        }
      }
    }
  }

  /// One PyWxDump user object as a contact.
  ///
  /// The group-only-member rule (`user_list` and group folders): these hold contacts of any type.
  /// WeChat keeps no profile buffer for people met only in groups (`Contact.Type` 4), so PyWxDump
  /// prints `ExtraBuf: null` for them, and the owner never wrote them a remark. A person id with
  /// `ExtraBuf == null` and no remark is therefore taken as a group-only member. This is a
  /// heuristic: a friend whose profile buffer is empty would be misread, so the kind is only a
  /// hint the workspace may overrule with a private chat.
  static func makeContact(
    _ value: JSONValue, key: String, ownerID: String?, context: ImportContext, groupOnlyRule: Bool
  ) -> Contact {
    let id = value["wxid"]?.text.flatMap { $0.isEmpty ? nil : $0 } ?? key
    var contact = Contact(id: id)
    contact.nickname = value["nickname"]?.text ?? ""
    contact.remark = value["remark"]?.text ?? ""
    contact.alias = value["account"]?.text ?? ""
    contact.description = value["describe"]?.text ?? ""
    contact.tags = labelNames(value["LabelIDList"])
    let extra = value["ExtraBuf"]
    if let buffer = extra?.object {
      if let phone = buffer["手机号"]?.text?.trimmedSpaces, !phone.isEmpty { contact.phones = [phone] }
      var parts: [String] = []
      if let country = buffer["国"]?.text?.trimmedSpaces, !country.isEmpty, country != "CN" {
        parts.append(country)
      }
      for key in ["省", "市"] {
        if let part = buffer[key]?.text?.trimmedSpaces, !part.isEmpty { parts.append(part) }
      }
      contact.region = parts.joined(separator: " ")
    }
    if let kind = ContactKind.fromID(id) {
      contact.kind = kind
    } else if id == ownerID || context.isOwner(id: id) {
      contact.kind = .owner
    } else if groupOnlyRule, extra == nil || extra?.isNull == true, contact.remark.isEmpty {
      contact.kind = .groupMember
    }
    return contact
  }

  /// Label names from `LabelIDList`: a list of names, or a comma-joined string from older builds.
  static func labelNames(_ value: JSONValue?) -> [String] {
    var names: [String] = []
    if let items = value?.array {
      names = items.compactMap { $0.text?.trimmedSpaces }
    } else if let text = value?.text {
      names = text.split(separator: ",").map { String($0).trimmedSpaces }
    }
    return names.filter { !$0.isEmpty && $0 != "None" }
  }

  static func notJSONObject(_ path: String) -> ImportError {
    .rejected(
      Issue(
        .error, .unrecognized, at: SourceLocation(path: path, line: 1), "expected a JSON object / 应为 JSON 对象")
    )
  }

  /// Runs `body`; a cut or broken file keeps what was read and reports where it stopped.
  static func readingTruncation(_ emitter: RecordEmitter, _ body: () throws(ImportError) -> Void)
    throws(ImportError)
  {
    do throws(ImportError) {
      try body()
    } catch {
      guard case .rejected(let issue) = error, issue.code == .truncated || issue.code == .badRecord else {
        throw error
      }
      try emitter.issue(ExportText.locatingCut(issue))
    }
  }
}

extension String {
  /// Without leading and trailing whitespace.
  fileprivate var trimmedSpaces: String {
    var view = Substring(self)
    while let first = view.first, first.isWhitespace { view = view.dropFirst() }
    while let last = view.last, last.isWhitespace { view = view.dropLast() }
    return String(view)
  }
}
