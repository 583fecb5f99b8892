import BeizhuCore
import Foundation

/// The columns of MemoTrace v2's message CSVs (per-chat and `messages.csv` share the header).
struct MemoTraceV2Columns {
  let localID, type, subType, isSender, createTime, content, strTime, remark, nickname, sender: Int?

  init(_ header: CSVHeader, path: String) throws(ImportError) {
    try header.require(["Type", "IsSender", "StrContent", "Sender"], path: path)
    if header["CreateTime"] == nil && header["StrTime"] == nil {
      try header.require(["CreateTime"], path: path)
    }
    localID = header["localId"]
    type = header["Type"]
    subType = header["SubType"]
    isSender = header["IsSender"]
    createTime = header["CreateTime"]
    content = header["StrContent"]
    strTime = header["StrTime"]
    remark = header["Remark"]
    nickname = header["NickName"]
    sender = header["Sender"]
  }
}

/// One v2 message row, decoded as far as it can be without knowing the chat.
struct MemoTraceV2Row {
  var type: Int64
  var subType: Int64
  var isSender: Bool
  var time: Int64
  var content: String
  var remark: String
  var nickname: String
  var sender: String
  var localID: String
  /// `StrTime` was not in the exporter's own form (a spreadsheet rewrote it).
  var timeReformatted: Bool

  var isSystem: Bool { type == 10000 || type == 10002 }

  /// Decodes `record`, or reports why it cannot and returns `nil`.
  static func decode(
    _ record: CSVRecord, _ columns: MemoTraceV2Columns, file: MemoTraceCSVFile, context: ImportContext,
    sink: ImportSink
  ) throws(ImportError) -> MemoTraceV2Row? {
    let typeText = record[safe: columns.type].trimmed(newlines: false)
    guard let type = Int64(typeText) else {
      try sink(
        .issue(
          Issue(
            .warning, .badRecord, at: file.location(record),
            "row skipped: column Type is not a number / 行已跳过：Type 列不是数字",
            hint: "the row may have been edited by hand or its columns shifted")))
      return nil
    }
    let strTime = record[safe: columns.strTime]
    var time = Int64(record[safe: columns.createTime].trimmed(newlines: false)) ?? 0
    if time <= 0 {
      guard let parsed = context.timeParser.parse(strTime) else {
        try sink(
          .issue(
            Issue(
              .warning, .badTime, at: file.location(record),
              "row skipped: neither CreateTime nor StrTime is a time / 行已跳过：时间无法识别",
              hint: "expected unix seconds in CreateTime or YYYY-MM-DD HH:MM:SS in StrTime")))
        return nil
      }
      time = parsed.unixSeconds
    }
    return MemoTraceV2Row(
      type: type, subType: Int64(record[safe: columns.subType].trimmed(newlines: false)) ?? 0,
      isSender: record[safe: columns.isSender].trimmed(newlines: false) == "1", time: time,
      content: record[safe: columns.content], remark: record[safe: columns.remark],
      nickname: record[safe: columns.nickname], sender: record[safe: columns.sender],
      localID: record[safe: columns.localID].trimmed(newlines: false),
      timeReformatted: !strTime.isEmpty && !MemoTraceText.isCanonicalTime(strTime))
  }

  /// Kind, text and payload: Type 49 rows are empty in v2 CSVs (kind from Type/SubType only),
  /// media rows hold raw XML, system rows markup.
  func body() -> (kind: MessageKind, text: String, payload: String?) {
    let kind = MessageKind.fromWeChatType(type, subType: subType)
    if isSystem {
      let hasMarkup = content.utf8.contains(UInt8(ascii: "<"))
      return (kind, MemoTraceText.stripMarkup(content), hasMarkup ? content : nil)
    }
    if type == 1 { return (kind, content, nil) }
    let trimmed = content.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
    if trimmed.hasPrefix("<") { return (kind, "", content) }
    return (kind, content, nil)
  }
}

/// MemoTrace v2 per-chat `<R>_utf8.csv` (FORMATS.md §6).
///
/// The chat's wxid is not in the file name, but the friend's rows carry it in `Sender`. A
/// pre-scan (it stops at the first row that decides) settles what the chat is:
/// - a `Sender` ending in `@chatroom` names the group;
/// - the friend's rows in a private chat carry the friend's sanitised remark-or-nickname in
///   `Remark`, which is the folder name `<R>`; a member's row in a group carries the member's
///   name instead, so the first non-system friend-side row decides (when the file still has its
///   exporter name `<R>_utf8.csv`);
/// - otherwise two different non-owner `Sender` ids make a group, one makes a private chat.
/// A private chat is `.id(wxid)`; a group, whose id the file lacks, is `.name(R)` with
/// `isGroup` true; a file with only the owner's rows is `.name(R)`.
struct MemoTraceChatCSV {
  let probe: FileProbe
  let context: ImportContext
  let chunkSize: Int

  /// The folder/file name `<R>` and whether the file still has the exporter's naming.
  var chatName: (name: String, reliable: Bool) {
    let stem = probe.stem
    if stem.hasSuffix("_utf8") {
      let name = String(stem.dropLast(5))
      return (name, probe.parentFolders.first == name)
    }
    return (probe.parentFolders.first ?? stem, false)
  }

  struct Decision {
    var chat: ChatRef
    var friendID: String?
    var ownerIDs: Set<String>
  }

  func decide() throws(ImportError) -> Decision {
    var file = try MemoTraceCSVFile(path: probe.path, chunkSize: chunkSize)
    let columns = try MemoTraceV2Columns(file.header, path: probe.path)
    let (name, reliable) = chatName
    var ownerIDs = Set<String>()
    var firstID: String?
    func matchesName(_ remark: String) -> Bool {
      !remark.isEmpty
        && (remark == name || NameVariants.memoTrace(remark) == name || remark == probe.parentFolders.first)
    }
    func privateChat(_ id: String) -> Decision {
      Decision(chat: ChatRef(.id(id), isGroup: false, title: name), friendID: id, ownerIDs: ownerIDs)
    }
    func group(_ id: String?) -> Decision {
      Decision(
        chat: ChatRef(id.map { .id($0) } ?? .name(name), isGroup: true, title: name), friendID: nil,
        ownerIDs: ownerIDs)
    }
    // Issues are reported by the main pass, which reads the same records again.
    while let record = try file.next(sink: { _ in }) {
      let flag = record[safe: columns.isSender].trimmed(newlines: false)
      let sender = record[safe: columns.sender].trimmed(newlines: false)
      if flag == "1" {
        if !sender.isEmpty { ownerIDs.insert(sender) }
        continue
      }
      if sender.hasSuffix("@chatroom") { return group(sender) }
      if sender.isEmpty || ownerIDs.contains(sender) || context.isOwner(id: sender) { continue }
      if let firstID, firstID != sender { return group(nil) }
      firstID = sender
      let type = Int64(record[safe: columns.type].trimmed(newlines: false)) ?? 0
      if type == 10000 || type == 10002 { continue }
      if matchesName(record[safe: columns.remark]) { return privateChat(sender) }
      if reliable { return group(nil) }
    }
    if let firstID { return privateChat(firstID) }
    return Decision(chat: ChatRef(.name(name), isGroup: nil, title: name), friendID: nil, ownerIDs: ownerIDs)
  }

  func read(sink: ImportSink) throws(ImportError) {
    let decision = try decide()
    var file = try MemoTraceCSVFile(path: probe.path, chunkSize: chunkSize)
    let columns = try MemoTraceV2Columns(file.header, path: probe.path)
    var notices = FileNotices(path: probe.path)
    if file.encodingShowsResave {
      try notices.once(file.resaveNote("encoding \(file.stream.encoding.rawValue), not UTF-8"), sink: sink)
    }
    var ownersSeen = Set<String>()
    var friendEmitted = false
    let isGroup = decision.chat.isGroup == true
    while let record = try file.next(sink: sink) {
      guard let row = try MemoTraceV2Row.decode(record, columns, file: file, context: context, sink: sink)
      else { continue }
      let location = file.location(record)
      if row.timeReformatted {
        try notices.once(file.resaveNote("StrTime rewritten, e.g. without seconds"), sink: sink)
      }
      let sender = row.sender.trimmed(newlines: false)
      if row.isSender, !sender.isEmpty, !ownersSeen.contains(sender) {
        ownersSeen.insert(sender)
        var names: [String] = []
        for name in [row.remark, row.nickname] where !name.isEmpty && !names.contains(name) {
          names.append(name)
        }
        try sink(.owner(OwnerHint(id: sender, names: names)))
      }
      // The sender flag wins over the id columns; say once when they disagree.
      let contradicts =
        row.isSender
        ? (sender == decision.friendID && !sender.isEmpty)
        : (decision.ownerIDs.contains(sender) || ownersSeen.contains(sender) || context.isOwner(id: sender))
      if contradicts && !row.isSystem {
        try notices.once(
          Issue(
            .warning, .inconsistentRow, at: location,
            "IsSender contradicts the Sender id; IsSender was followed / IsSender 与 Sender 矛盾，以 IsSender 为准",
            hint: "the file may have been edited by hand"), sink: sink)
      }
      if !friendEmitted, let friendID = decision.friendID, !row.isSender, sender == friendID {
        friendEmitted = true
        let otherNames = row.remark.isEmpty || row.remark == row.nickname ? [] : [row.remark]
        try sink(
          .contact(Contact(id: friendID, nickname: row.nickname, otherNames: otherNames), location))
      }
      let side: MessageSide = row.isSystem ? .system : row.isSender ? .me : .friend
      let body = row.body()
      let message = Message(
        chat: decision.chat, time: row.time, side: side, kind: body.kind, text: body.text,
        sender: isGroup && side == .friend && !sender.isEmpty ? sender : nil,
        exporterKey: row.localID.isEmpty ? nil : row.localID, payload: body.payload, source: location)
      try sink(.message(message))
    }
  }

  /// Detection: `messages.csv` has `我` as the owner's `Sender` and the friend's NickName as the
  /// friend's; a per-chat CSV has wxids there. The file name breaks a tie.
  static func looksLikeAllChats(_ probe: FileProbe) -> Bool {
    var allVotes = 0
    var perChatVotes = 0
    for line in probe.headText.split(separator: "\n").dropFirst().prefix(200) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
      }
      guard fields.count == 12 else { continue }
      let isSender = fields[4] == "1"
      let sender = fields[11]
      if sender == "我" {
        allVotes += 1
      } else if isSender {
        perChatVotes += 1
      } else if sender == fields[10] || sender.isEmpty {
        allVotes += 1
      } else if MemoTraceText.isPlausibleID(sender) {
        perChatVotes += 1
      }
    }
    if allVotes != perChatVotes { return allVotes > perChatVotes }
    return !probe.stem.hasSuffix("_utf8")
  }
}
