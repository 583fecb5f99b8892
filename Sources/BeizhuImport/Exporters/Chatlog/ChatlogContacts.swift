import BeizhuCore
import Foundation

/// chatlog's lists: `contact.json`, and the unquoted CSVs `contact.csv`, `chatroom.csv`, `session.csv`
/// (written with `fmt.Sprintf`, so a comma in a name shifts the columns; FORMATS.md §9).
enum ChatlogContacts {
  static let contactHeader = "UserName,Alias,Remark,NickName"
  static let chatroomHeader = "Name,Remark,NickName,Owner,UserCount"
  static let sessionHeader = "UserName,NOrder,NickName,Content,NTime"

  /// Splits the ambiguous middle of a shifted row into remark and nickname.
  ///
  /// Best guess, documented: an empty first piece means the remark was empty and the commas are
  /// the nickname's; otherwise the last piece is the nickname and the rest the remark — sellers
  /// write lists into remarks (`王姐,老客户`) far more often than nicknames hold ASCII commas.
  static func splitNames(_ pieces: ArraySlice<String>) -> (remark: String, nickname: String) {
    guard let first = pieces.first else { return ("", "") }
    if pieces.count == 1 { return (first, "") }
    if first.isEmpty { return ("", pieces.dropFirst().joined(separator: ",")) }
    return (pieces.dropLast().joined(separator: ","), pieces.last ?? "")
  }

  static func kind(_ id: String, _ context: ImportContext) -> ContactKind? {
    ContactKind.fromID(id) ?? (context.isOwner(id: id) ? .owner : nil)
  }

  /// `contact.csv`: `UserName,Alias,Remark,NickName`, no quoting. UserName and Alias never hold commas.
  static func readContactCSV(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  ) throws(ImportError) {
    let folder = (probe.path as NSString).deletingLastPathComponent
    let jsonBeside = FileManager.default.fileExists(
      atPath: (folder as NSString).appendingPathComponent("contact.json"))
    try forEachRow(
      probe, stream: stream, emitter: emitter, minimumFields: 2,
      expected: "expected UserName,Alias,Remark,NickName / 联系人行格式不对"
    ) {
      (fields: [String], line: LineReader.Line, location: SourceLocation) throws(ImportError) in
      var contact = Contact(id: fields[0], alias: fields[1], kind: kind(fields[0], context))
      if fields.count <= 4 {
        contact.remark = fields.count > 2 ? fields[2] : ""
        contact.nickname = fields.count > 3 ? fields[3] : ""
      } else if jsonBeside {
        // contact.json beside holds the same rows with quoting: leave the names to it.
        try emitter.once("preferred") {
          Issue(
            .note, .preferredSource, at: location,
            "a remark or nickname contains a comma; names of such rows are taken from contact.json beside this file / 备注或昵称含逗号，以同目录 contact.json 为准"
          )
        }
      } else {
        let names = splitNames(fields[2...])
        contact.remark = names.remark
        contact.nickname = names.nickname
        try emitter.issue(
          Issue(
            .warning, .recoveredRow, at: location,
            "\(fields.count) fields instead of 4: a remark or nickname contains a comma; the last piece was taken as the nickname / 备注或昵称含逗号，已按最后一段为昵称恢复",
            hint: "export contact.json (format=json) beside contact.csv for exact names"))
      }
      try emitter.emit(.contact(contact, location))
    }
  }

  /// `contact.json`: `{"items":[{userName, alias, remark, nickName, isFriend}]}`.
  ///
  /// `isFriend` is `Reserved1 == 1`: true for friends, the owner, groups and official accounts, so it
  /// only rules out: `false` marks a group-only member; `true` leaves the kind to ids and the workspace.
  static func readContactJSON(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  ) throws(ImportError) {
    let reader = JSONStreamReader(stream: stream)
    try PyWxDumpContacts.readingTruncation(emitter) { () throws(ImportError) in
      guard try reader.beginObject() else { throw PyWxDumpContacts.notJSONObject(probe.path) }
      while let key = try reader.nextKey() {
        guard key == "items", try reader.beginArray() else {
          try reader.skipValue()
          continue
        }
        while try reader.nextElement() {
          let location = SourceLocation(
            path: probe.path, line: reader.currentLine, byteOffset: reader.byteOffset)
          let value = try reader.readValue()
          guard let id = value["userName"]?.text, !id.isEmpty else { continue }
          var contact = Contact(
            id: id, alias: value["alias"]?.text ?? "", nickname: value["nickName"]?.text ?? "",
            remark: value["remark"]?.text ?? "", kind: kind(id, context))
          if contact.kind == nil, value["isFriend"]?.bool == false { contact.kind = .groupMember }
          try emitter.emit(.contact(contact, location))
        }
      }
    }
  }

  /// The rows of one of chatlog's unquoted lists: the header and blank lines skipped, fields split
  /// on every comma (the caller recovers shifted columns), a row with too few fields or no id
  /// reported with `expected` and skipped.
  static func forEachRow(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, minimumFields: Int, expected: String,
    _ body: ([String], LineReader.Line, SourceLocation) throws(ImportError) -> Void
  ) throws(ImportError) {
    let reader = LineReader(stream: stream)
    _ = try reader.next()  // header
    while let line = try reader.next() {
      if line.text.isEmpty { continue }
      let fields = line.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let location = SourceLocation(path: probe.path, line: line.number, byteOffset: line.byteOffset)
      guard fields.count >= minimumFields, !fields[0].isEmpty else {
        try emitter.issue(Issue(.warning, .badRecord, at: location, expected, hint: "the row was skipped"))
        continue
      }
      try body(fields, line, location)
    }
  }

  /// `chatroom.csv`: `Name,Remark,NickName,Owner,UserCount`; Owner and UserCount are safe from the right.
  static func readChatroomCSV(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  ) throws(ImportError) {
    try forEachRow(
      probe, stream: stream, emitter: emitter, minimumFields: 5,
      expected: "expected Name,Remark,NickName,Owner,UserCount / 群聊行格式不对"
    ) {
      (fields: [String], line: LineReader.Line, location: SourceLocation) throws(ImportError) in
      let names = splitNames(fields[1..<fields.count - 2])
      if fields.count > 5 {
        try emitter.issue(
          Issue(
            .warning, .recoveredRow, at: location,
            "\(fields.count) fields instead of 5: a group name contains a comma / 群名含逗号，已恢复"))
      }
      let contact = Contact(
        id: fields[0], nickname: names.nickname, remark: names.remark,
        kind: ContactKind.fromID(fields[0]) ?? .group)
      try emitter.emit(.contact(contact, location))
      // chatlog never marks the exporting account. Sellers own their customer groups, so the
      // group owner is a good guess — applied only to a contact nobody chats with privately.
      let owner = fields[fields.count - 2]
      if !owner.isEmpty { try emitter.emit(.owner(OwnerHint(id: owner, isGuess: true))) }
    }
  }

  /// `session.csv`: `UserName,NOrder,NickName,Content,NTime`; NTime is Go's `2024-09-01 11:23:56 +0800 CST`.
  /// Emits each chat's id with its shown name; the name is left out when commas make it ambiguous.
  static func readSessionCSV(
    _ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext
  ) throws(ImportError) {
    var shifted = 0
    var firstShifted: SourceLocation?
    try forEachRow(
      probe, stream: stream, emitter: emitter, minimumFields: 5,
      expected: "expected UserName,NOrder,NickName,Content,NTime / 会话行格式不对"
    ) {
      (fields: [String], line: LineReader.Line, location: SourceLocation) throws(ImportError) in
      if context.timeParser.parse(fields[fields.count - 1]) == nil {
        try emitter.issue(
          ExportText.badTime(path: probe.path, line: line.number, offset: line.byteOffset, column: "NTime"))
      }
      var contact = Contact(id: fields[0], kind: kind(fields[0], context))
      if fields.count == 5 {
        if !fields[2].isEmpty { contact.otherNames = [fields[2]] }
      } else {
        shifted += 1
        if firstShifted == nil { firstShifted = location }
      }
      try emitter.emit(.contact(contact, location))
    }
    if let firstShifted {
      try emitter.issue(
        Issue(
          .note, .recoveredRow, at: firstShifted,
          "\(shifted) session rows contain commas in the name or last message; their names were left out / 会话行含逗号，名称已略过"
        ))
    }
  }
}
