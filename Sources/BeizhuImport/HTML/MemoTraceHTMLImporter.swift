import BeizhuCore
import Foundation

/// Reads MemoTrace's HTML chat pages: v2 `<R>.html` (FORMATS.md §6) and the v3 rewrite's
/// `<R>.html` (§7). Both hold the messages in a script, `const chatMessages = [ … ];`: v2 as
/// JavaScript object literals with HTML-escaped strings, v3 as HTML-escaped JSON. The page's
/// static placeholder bubbles are DOM, not messages, and are never read.
///
/// The page goes through libxml2's HTML parser; the script's text is streamed from its SAX
/// callbacks into a lenient ``JSONStreamReader``, one message object at a time.
public struct MemoTraceHTMLImporter: FormatImporter {
  public static let v2Page = FileFormat(.memotrace, "chat-html", role: .chat)
  public static let v3Page = FileFormat(.memotrace3, "chat-html", role: .chat)

  static let marker: [UInt8] = Array("const chatMessages".utf8)

  public init() {}

  public var formats: [FileFormat] { [Self.v2Page, Self.v3Page] }

  public func detect(_ probe: FileProbe) -> FileFormat? {
    guard probe.fileExtension == "html" || probe.fileExtension == "htm" else { return nil }
    guard !WechatExporterHTMLImporter.isChatPage(probe) else { return nil }
    let after: [UInt8]
    if let index = probe.head.withUnsafeBufferPointer({ HTMLBytes.find(Self.marker, in: $0) }),
      probe.head.count - index > 512 || probe.size <= Int64(probe.head.count)
    {
      after = Array(probe.head[(index + Self.marker.count)...].prefix(2048))
    } else if let scanned = FileScan.bytes(after: Self.marker, in: probe.path) {
      after = scanned
    } else {
      return nil
    }
    return Self.looksLikeV3(String(decoding: after, as: UTF8.self)) ? Self.v3Page : Self.v2Page
  }

  /// v3 writes JSON (quoted keys, `"type": "1"`) with `display_name`, `server_id`, `xml_dict`.
  static func looksLikeV3(_ text: String) -> Bool {
    text.contains("\"display_name\"") || text.contains("\"server_id\"") || text.contains("\"xml_dict\"")
      || text.contains("&quot;display_name&quot;")
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    if FileManager.default.fileExists(atPath: probe.path + ".json") {
      // MemoTrace v3 writes the same array unescaped beside the page; that file is read instead.
      try sink(
        .issue(
          Issue(
            .note, .preferredSource, at: SourceLocation(path: probe.path),
            "read from the sidecar \(probe.fileName).json instead (the same messages) / 已改读同名 .html.json",
            hint: nil)))
      return
    }
    let page = try ScriptStream(path: probe.path)
    var reader = MemoTraceMessages(probe: probe, format: format, context: context)
    var found = false
    while let event = try page.next() {
      try flush(page, sink)
      guard case .start(let line, let offset) = event else { continue }
      let script = ScriptText(page: page, line: line, offset: offset)
      if !found {
        let json = JSONStreamReader(source: script, lenient: true)
        do throws(ImportError) {
          if try Self.seekArray(json) {
            found = true
            reader.setTitle(page.title)
            while try json.nextElement() {
              let location = SourceLocation(
                path: probe.path, line: json.currentLine, byteOffset: json.byteOffset)
              try reader.add(from: json, at: location, sink: sink)
              try flush(page, sink)
            }
          }
        } catch {
          guard case .rejected(let issue) = error else { throw error }
          try flush(page, sink)
          try sink(.issue(issue))
          found = true
        }
      }
      try script.drain()
    }
    try flush(page, sink)
    if !found {
      throw ImportError.rejected(
        Issue(
          .error, .badRecord, at: SourceLocation(path: probe.path),
          "no `const chatMessages = [` array in the page's scripts / 页面中没有聊天记录数组",
          hint: "the page may not be a MemoTrace export"))
    }
  }

  private func flush(_ page: ScriptStream, _ sink: ImportSink) throws(ImportError) {
    for issue in page.issues { try sink(.issue(issue)) }
    page.issues.removeAll()
  }

  /// Moves past `const chatMessages =` and the array's `[`; `false` when the script has none.
  static func seekArray(_ json: JSONStreamReader) throws(ImportError) -> Bool {
    while try json.skip(past: marker) {
      guard try json.peekStructural() == UInt8(ascii: "=") else { continue }
      _ = try json.skip(past: [UInt8(ascii: "=")])
      if try json.beginArray() { return true }
    }
    return false
  }
}

/// Turns MemoTrace HTML message objects (v2 JS literals or v3 JSON) into messages.
struct MemoTraceMessages {
  let probe: FileProbe
  let format: FileFormat
  let context: ImportContext
  private(set) var chat: ChatRef.Key?
  private var title: String
  private var ownerSent = false
  private let payloads = PayloadParser()

  init(probe: FileProbe, format: FileFormat, context: ImportContext) {
    self.probe = probe
    self.format = format
    self.context = context
    title = probe.stem
    // v3 chat folders are `<R>(<wxid>)`: the wxid names the chat exactly.
    if format.exporter == .memotrace3, let folder = probe.parentFolders.first, let id = Self.folderID(folder)
    {
      chat = .id(id)
    }
  }

  /// The `(<wxid>)` at the end of a v3 folder name.
  static func folderID(_ folder: String) -> String? {
    guard folder.hasSuffix(")"), let open = folder.lastIndex(of: "(") else { return nil }
    let id = String(folder[folder.index(after: open)..<folder.index(before: folder.endIndex)])
    guard !id.isEmpty, !id.contains(" "),
      id.hasPrefix("wxid_") || id.hasSuffix("@chatroom") || id.hasPrefix("gh_")
        || id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
    else { return nil }
    return id
  }

  mutating func setTitle(_ pageTitle: String?) {
    if let pageTitle, !pageTitle.isEmpty { title = pageTitle }
    if chat == nil { chat = .name(title) }
  }

  /// The fields of one message object that Beizhu uses, read as they are needed; the rest are
  /// skipped unbuilt.
  struct Fields {
    var type: Int64?
    var subType: Int64?
    var text: String?
    var isSend: Bool?
    var timestamp: Int64?
    var isChatroom: Bool?
    var name: String?
    var serverID: String?
    var paySubtype: Int64?
    var fee: String?
    var memo: String?
    var voiceText: String?
    var xmlDict: JSONValue?
  }

  /// The keys of ``Fields``, in `Key` order (v2 and v3 spell some differently).
  private enum Key: Int, CaseIterable {
    case type, subType, text, isSend, timestamp, isChatroom, name, serverID, paySubtype, fee, memo, voiceText
    case xmlDict

    var names: [String] {
      switch self {
      case .type: ["type"]
      case .subType: ["sub_type"]
      case .text: ["text"]
      case .isSend: ["is_send"]
      case .timestamp: ["timestamp"]
      case .isChatroom: ["is_chatroom"]
      case .name: ["displayname", "display_name"]
      case .serverID: ["MsgSvrID", "server_id", "msgSvrId"]
      case .paySubtype: ["paysubtype", "pay_subtype"]
      case .fee: ["feedesc", "fee_desc"]
      case .memo: ["pay_memo"]
      case .voiceText: ["voice_to_text"]
      case .xmlDict: ["xml_dict"]
      }
    }

    static let set = JSONStreamReader.KeySet(aliases: allCases.map(\.names))
  }

  /// Reads the next message object from `json` key by key, without building a dictionary: keys
  /// are matched as bytes, numbers read without a String, text made once with its HTML
  /// escaping undone.
  mutating func add(from json: JSONStreamReader, at location: SourceLocation, sink: ImportSink)
    throws(ImportError)
  {
    guard try json.beginObject() else {
      try json.skipValue()
      try sink(
        .issue(
          Issue(
            .warning, .badRecord, at: location, "expected a message object in chatMessages / 消息不是对象",
            hint: nil)))
      return
    }
    var fields = Fields()
    while let index = try json.nextKey(in: Key.set) {
      guard let key = Key(rawValue: index) else {
        try json.skipValue()
        continue
      }
      switch key {
      case .type: fields.type = try json.readInt64()
      case .subType: fields.subType = try json.readInt64()
      case .text: fields.text = try json.readText(string: Self.decoded)
      case .isSend: fields.isSend = try json.readBool()
      case .timestamp: fields.timestamp = try json.readInt64()
      case .isChatroom: fields.isChatroom = try json.readBool()
      case .name: fields.name = try json.readText { nameCache.text($0, make: Self.decoded) }
      case .serverID: fields.serverID = try json.readText()
      case .paySubtype: fields.paySubtype = try json.readInt64()
      case .fee: fields.fee = try json.readText(string: Self.decoded)
      case .memo: fields.memo = try json.readText(string: Self.decoded)
      case .voiceText: fields.voiceText = try json.readText(string: Self.decoded)
      case .xmlDict: fields.xmlDict = try json.readValue()
      }
    }
    try add(fields, at: location, sink: sink)
  }

  /// A string value's text with the page's HTML escaping undone (v3 leaves `http…` values
  /// unescaped).
  static func decoded(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if bytes.starts(with: "http".utf8) { return String(decoding: bytes, as: UTF8.self) }
    return HTMLEntities.decode(bytes)
  }

  /// Every message of a chat repeats one of two or three display names: the last few are kept
  /// and handed out again instead of making a new String each time.
  private let nameCache = RecentStrings()

  mutating func add(_ fields: Fields, at location: SourceLocation, sink: ImportSink) throws(ImportError) {
    guard let time = fields.timestamp else {
      try sink(
        .issue(
          Issue(
            .warning, .badTime, at: location, "message without a unix `timestamp` / 消息缺少时间戳",
            hint: "the message was skipped")))
      return
    }
    let type = fields.type ?? 1
    let subType = fields.subType ?? 0
    let isSend = fields.isSend ?? false
    let isGroup = fields.isChatroom
    let name = fields.name ?? ""

    var kind: MessageKind
    if type == 0 {
      kind = .system  // v2's display type for system notices
    } else if type == -1 {
      kind = Self.appMessageKind(fields.xmlDict) ?? .other
    } else {
      kind = MessageKind.fromWeChatType(type, subType: subType)
    }
    let side: MessageSide = kind == .system || kind == .pat ? .system : isSend ? .me : .friend
    var text: String
    switch kind {
    case .image, .video, .emoji, .file:
      text = ""  // a URL or a media path, not words
    case .voice:
      text = fields.voiceText ?? ""
    default:
      text = fields.text ?? ""
    }

    if isSend, !ownerSent, !name.isEmpty {
      ownerSent = true
      try sink(.owner(OwnerHint(names: [name])))
    }
    let key = chat ?? .name(title)
    var message = Message(
      chat: ChatRef(key, isGroup: isGroup ?? (key.isGroupID ? true : nil), title: title), time: time,
      side: side,
      kind: kind, text: text, source: location)
    if isGroup == true, side == .friend, !name.isEmpty { message.sender = name }
    message.serverID = fields.serverID.flatMap { $0.isEmpty || $0 == "0" ? nil : $0 }
    if kind == .transfer {
      let fee = fields.fee ?? ""
      let memo = fields.memo ?? ""
      let subtype = fields.paySubtype.map { Int($0) }
      message.transfer = Transfer(
        paySubtype: subtype, amountFen: MoneyText.firstAmountFen(in: fee), memo: memo.isEmpty ? nil : memo)
    }
    if kind != .text { payloads.enrich(&message) }
    try sink(.message(message))
  }

  /// A v3 `-1` (unknown) row's kind, from the app message type inside its `xml_dict`.
  static func appMessageKind(_ dict: JSONValue?) -> MessageKind? {
    guard let appmsg = dict?["msg"]?["appmsg"], let type = appmsg["type"]?.int64 else { return nil }
    return MessageKind.fromWeChatType(49, subType: type)
  }

}

/// The last few strings made from bytes, handed out again when the same bytes come back.
final class RecentStrings {
  private var recent: [(bytes: [UInt8], text: String)] = []
  private var next = 0
  private static let capacity = 4

  /// `make(bytes)`, or the String made earlier from the same bytes.
  func text(_ bytes: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> String) -> String {
    for entry in recent where entry.bytes.count == bytes.count && entry.bytes.elementsEqual(bytes) {
      return entry.text
    }
    let text = make(bytes)
    // Long values are rarely repeated; keeping them would only cost comparisons.
    guard bytes.count <= 64 else { return text }
    if recent.count < Self.capacity {
      recent.append((Array(bytes), text))
    } else {
      recent[next] = (Array(bytes), text)
      next = (next + 1) % Self.capacity
    }
    return text
  }
}

extension ChatRef.Key {
  /// Whether the key is a group's id (`…@chatroom`).
  var isGroupID: Bool {
    if case .id(let id) = self { return id.hasSuffix("@chatroom") }
    return false
  }
}
