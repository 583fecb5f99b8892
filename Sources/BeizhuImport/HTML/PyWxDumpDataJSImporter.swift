import BeizhuCore
import Foundation

/// Reads PyWxDump's HTML export data file `export/<me>/html/<wxid>/data.js` (FORMATS.md §8):
/// `const local_mywxid = '…'`, `const local_user_list = {…}`, `const local_msg_list = [ … ]`.
///
/// The web UI copied beside it (`index.html`, `assets/*.js`) holds no chat and is not read.
public struct PyWxDumpDataJSImporter: FormatImporter {
  public static let dataJS = FileFormat(.pywxdump, "html-data-js", role: .chat)

  public init() {}

  public var formats: [FileFormat] { [Self.dataJS] }

  public func detect(_ probe: FileProbe) -> FileFormat? {
    guard probe.fileExtension == "js" else { return nil }
    let text = probe.headText
    guard
      text.contains("local_msg_list") || (text.contains("isUseLocalData") && text.contains("local_mywxid"))
    else { return nil }
    return Self.dataJS
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    let decodeIssues = IssueBox()
    let stream = try UTF8Stream(path: probe.path) { decodeIssues.issues.append($0) }
    let json = JSONStreamReader(stream: stream, lenient: true)
    var messages = PyWxDumpMessages(
      path: probe.path, folder: probe.parentFolders.first ?? "", context: context)
    do throws(ImportError) {
      guard try Self.seek(json, "local_mywxid") else {
        throw ImportError.rejected(
          Issue(
            .error, .missingColumn, at: SourceLocation(path: probe.path),
            "no `local_mywxid` / 缺少 local_mywxid",
            hint: nil))
      }
      let owner = try json.readValue().text ?? ""
      messages.ownerID = owner
      guard try Self.seek(json, "local_user_list") else { return }
      let users = try json.readValue()
      try Self.emitUsers(users, owner: owner, path: probe.path, sink: sink)
      guard try Self.seek(json, "local_msg_list"), try json.beginArray() else { return }
      while try json.nextElement() {
        let location = SourceLocation(path: probe.path, line: json.currentLine, byteOffset: json.byteOffset)
        let value = try json.readValue()
        for issue in decodeIssues.issues { try sink(.issue(issue)) }
        decodeIssues.issues.removeAll()
        try messages.add(value, at: location, sink: sink)
      }
    } catch {
      guard case .rejected(let issue) = error, messages.count > 0 || issue.code == .truncated else {
        throw error
      }
      try sink(.issue(issue))
    }
    for issue in decodeIssues.issues { try sink(.issue(issue)) }
  }

  /// Moves past `const <name> =`.
  static func seek(_ json: JSONStreamReader, _ name: String) throws(ImportError) -> Bool {
    let marker = Array(name.utf8)
    while try json.skip(past: marker) {
      guard try json.peekStructural() == UInt8(ascii: "=") else { continue }
      return try json.skip(past: [UInt8(ascii: "=")])
    }
    return false
  }

  /// `local_user_list`: the owner and the chat's senders, in `users.json`'s shape.
  static func emitUsers(_ users: JSONValue, owner: String, path: String, sink: ImportSink) throws(ImportError)
  {
    guard let members = users.object else { return }
    for (key, user) in members.sorted(by: { $0.key < $1.key }) {
      let id = user["wxid"]?.text ?? key
      guard !id.isEmpty else { continue }
      let nickname = user["nickname"]?.text ?? ""
      let remark = user["remark"]?.text ?? ""
      let alias = user["account"]?.text ?? ""
      if id == owner {
        let names = [nickname, remark].filter { !$0.isEmpty }
        try sink(.owner(OwnerHint(id: id, alias: alias.isEmpty ? nil : alias, names: names)))
        continue
      }
      let extra = user["ExtraBuf"]
      let region = [extra?["省"]?.text, extra?["市"]?.text].compactMap { $0 }.filter { !$0.isEmpty }
        .joined(separator: " ")
      let phone = extra?["手机号"]?.text ?? ""
      let tags = user["LabelIDList"]?.array?.compactMap(\.text).filter { !$0.isEmpty } ?? []
      let contact = Contact(
        id: id, alias: alias, nickname: nickname, remark: remark, tags: tags,
        description: user["describe"]?.text ?? "", phones: phone.isEmpty ? [] : [phone], region: region,
        kind: ContactKind.fromID(id))
      try sink(.contact(contact, SourceLocation(path: path)))
    }
  }
}

/// PyWxDump message objects (the JSON export's shape) → messages.
struct PyWxDumpMessages {
  let path: String
  let folder: String
  let context: ImportContext
  var ownerID = ""
  private(set) var count = 0
  private var notedResave = false
  private let payloads = PayloadParser()

  init(path: String, folder: String, context: ImportContext) {
    self.path = path
    self.folder = folder
    self.context = context
  }

  mutating func add(_ value: JSONValue, at location: SourceLocation, sink: ImportSink) throws(ImportError) {
    guard case .object = value else {
      try sink(.issue(Issue(.warning, .badRecord, at: location, "expected a message object / 消息不是对象")))
      return
    }
    let timeText = value["CreateTime"]?.text ?? ""
    guard let parsed = context.timeParser.parse(timeText) else {
      try sink(
        .issue(
          Issue(
            .warning, .badTime, at: location, "unreadable CreateTime (expected YYYY-MM-DD HH:MM:SS) / 时间无法识别",
            hint: "the message was skipped")))
      return
    }
    if parsed.lacksSeconds || parsed.isReformatted, !notedResave {
      notedResave = true
      try sink(
        .issue(
          Issue(
            .note, .spreadsheetResave, at: location, "times were reformatted / 时间格式被改写过", hint: nil)))
    }
    let room = value["room_name"]?.text ?? folder
    let typeName = value["type_name"]?.text ?? ""
    let kind = TypeNames.kind(for: typeName) ?? .other
    let isSender = value["is_sender"]?.bool ?? false
    let side: MessageSide = kind == .system ? .system : isSender ? .me : .friend
    var text = value["msg"]?.text ?? ""
    var transfer: Transfer?
    switch kind {
    case .image, .video, .emoji, .file: text = ""
    case .transfer:
      let received = text.hasPrefix("已收款")
      var memo: String?
      for line in text.split(separator: "\n") where line.hasPrefix("转账说明：") {
        let value = String(line.dropFirst("转账说明：".count))
        if !value.isEmpty { memo = value }
      }
      transfer = Transfer(
        paySubtype: received ? 3 : 1, amountFen: MoneyText.firstAmountFen(in: text), memo: memo)
    default: break
    }
    let isGroup = room.hasSuffix("@chatroom")
    var message = Message(
      chat: ChatRef(.id(room), isGroup: isGroup), time: parsed.unixSeconds, side: side, kind: kind,
      text: text,
      serverID: value["MsgSvrID"]?.text, exporterKey: value["id"]?.text, transfer: transfer, source: location)
    if isGroup, side == .friend, let talker = value["talker"]?.text, !talker.isEmpty {
      message.sender = talker
    }
    payloads.enrich(&message)
    count += 1
    try sink(.message(message))
  }
}
