import BeizhuCore
import Foundation

/// One chat row of a PyWxDump export as text, whichever file it came from (CSV 3.1, CSV 2024, JSON).
struct PyWxDumpRow {
  var msgSvrID = ""
  var typeName = ""
  var isSender = ""
  var talker = ""
  var roomName = ""
  var msg = ""
  var createTime = ""
  var line = 0
  var byteOffset: Int64 = -1
}

/// Turns PyWxDump rows into messages (FORMATS.md §8, §14) and keeps the per-file state: the owner's
/// wxid (from the `export/<me>/` folder and the `talker` of `is_sender=1` rows), the chat the file
/// belongs to when `room_name` is empty, and the once-per-file notes.
final class PyWxDumpMessageBuilder {
  private let emitter: RecordEmitter
  private let context: ImportContext
  /// The chat id taken from the folder or file name, for rows without `room_name`.
  private let fallbackChat: String
  private(set) var ownerID: String?

  init(probe: FileProbe, emitter: RecordEmitter, context: ImportContext) {
    self.emitter = emitter
    self.context = context
    fallbackChat = PyWxDumpPaths.chatID(probe: probe)
    ownerID = PyWxDumpPaths.ownerID(path: probe.path) ?? context.ownerHints.first { $0.id != nil }?.id
  }

  /// Emits the owner hint the folder reveals, before any message.
  func start() throws(ImportError) {
    if let folderOwner = PyWxDumpPaths.ownerID(path: emitter.path) { try emitter.owner(id: folderOwner) }
  }

  func handle(_ row: PyWxDumpRow) throws(ImportError) {
    let path = emitter.path
    guard let parsed = context.timeParser.parse(row.createTime) else {
      try emitter.issue(
        ExportText.badTime(path: path, line: row.line, offset: row.byteOffset, column: "CreateTime"))
      return
    }
    if parsed.lacksSeconds || parsed.isReformatted {
      try emitter.once("resave") { ExportText.resaveNote(path: path, line: row.line) }
    }
    let isMe = Self.isSenderFlag(row.isSender)
    let talker = row.talker
    // PyWxDump 3.1 writes the owner's wxid as `talker` of their rows (2024 builds write `我`).
    if isMe, Self.isPersonID(talker) {
      if ownerID == nil { ownerID = talker }
      try emitter.owner(id: talker)
    }
    if let ownerID {
      if !isMe, talker == ownerID {
        try emitter.once("inconsistent") {
          ExportText.inconsistent(
            path: path, line: row.line, offset: row.byteOffset,
            what: "is_sender=0 with the owner's wxid as talker")
        }
      } else if isMe, Self.isPersonID(talker), talker != ownerID {
        try emitter.once("inconsistent") {
          ExportText.inconsistent(
            path: path, line: row.line, offset: row.byteOffset,
            what: "is_sender=1 with another wxid as talker")
        }
      }
    }

    let chatID = row.roomName.isEmpty ? fallbackChat : row.roomName
    let isGroup = chatID.hasByteSuffix("@chatroom")
    var kind = typeNames.kind(for: row.typeName) ?? .other
    let transferText = PyWxDumpTransferText(row.msg)
    if transferText != nil { kind = .transfer }
    // System rows are classified by type, never by the sender flag (FORMATS.md §5.6).
    let side: MessageSide = kind == .system ? .system : isMe ? .me : .friend
    let writer: String? = isMe ? ownerID : (Self.isPersonID(talker) ? talker : nil)
    var sender: String?
    if isGroup && side != .system { sender = writer }

    var transfer: Transfer?
    if kind == .transfer {
      let text = transferText ?? PyWxDumpTransferText(prefix: .unknown, body: row.msg)
      var value = Transfer(
        paySubtype: text.isReceipt ? 3 : nil, amountFen: MoneyText.firstAmountFen(in: row.msg),
        memo: text.memo)
      // Only a receipt (`已收款：`) names its roles: the writer received. `转账：` is printed for
      // paysubtype 1, 4, 5 and 7 alike, so its roles stay unknown (the message side still tells who wrote it).
      if text.isReceipt {
        value.receiver = writer
        if !isGroup { value.payer = isMe ? chatID : ownerID }
      }
      transfer = value
    }
    let serverID = ExportText.isDigits(row.msgSvrID) && row.msgSvrID != "0" ? row.msgSvrID : nil
    let message = Message(
      chat: ChatRef(.id(chatID), isGroup: isGroup), time: parsed.unixSeconds, side: side, kind: kind,
      text: row.msg, sender: sender, serverID: serverID, transfer: transfer,
      source: SourceLocation(path: path, line: row.line, byteOffset: row.byteOffset))
    try emitter.emit(.message(message))
  }

  /// `is_sender` set: `1`, `true` or `True`, spaces around allowed.
  static func isSenderFlag(_ text: String) -> Bool {
    if text.hasSameBytes(as: "1") { return true }  // nearly every row says 0 or 1
    if text.hasSameBytes(as: "0") { return false }
    let flag = text.trimmed(newlines: false)
    return flag == "1" || flag == "true" || flag == "True"
  }

  /// A person's wxid in `talker`, not the placeholders PyWxDump writes (`我`, `未知`, `系统`).
  /// Compared as bytes: `String ==` and `hasSuffix` go by Characters, per row.
  static func isPersonID(_ talker: String) -> Bool {
    !talker.isEmpty && !talker.hasSameBytes(as: "我") && !talker.hasSameBytes(as: "未知")
      && !talker.hasSameBytes(as: "系统") && !talker.hasByteSuffix("@chatroom")
  }

  /// Type names seen in this file; a file has a handful, repeated on every row.
  private let typeNames = RecentTypeNames()
}

/// PyWxDump's rendered transfer text: `转账：￥198.00\n转账说明：…\n转账时间：…` or `已收款：￥198.00…`.
struct PyWxDumpTransferText {
  enum Prefix { case transfer, receipt, unknown }
  var prefix: Prefix
  var memo: String?

  var isReceipt: Bool { prefix == .receipt }

  init(prefix: Prefix, body: String) {
    self.prefix = prefix
    memo = Self.memo(in: body)
  }

  init?(_ msg: String) {
    // Byte prefixes: a Character-wise `hasPrefix` on every message's text showed in profiles.
    if msg.utf8.starts(with: "转账：".utf8) {
      self.init(prefix: .transfer, body: msg)
    } else if msg.utf8.starts(with: "已收款：".utf8) {
      self.init(prefix: .receipt, body: msg)
    } else {
      return nil
    }
  }

  /// The text after `转账说明：` on its line. Lines are found by their bytes: splitting the text
  /// into Characters cost 40 k instructions per transfer (and kept `\r\n` lines together).
  private static func memo(in body: String) -> String? {
    let label = Array("转账说明：".utf8)
    var bytes = Substring(body).utf8[...]
    while !bytes.isEmpty {
      let lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
      let line = bytes[..<lineEnd]
      if line.starts(with: label) {
        let memo = String(Substring(line.dropFirst(label.count))).trimmed()
        return memo.isEmpty ? nil : memo
      }
      bytes = lineEnd == bytes.endIndex ? bytes[lineEnd...] : bytes[bytes.index(after: lineEnd)...]
    }
    return nil
  }
}

/// What PyWxDump's folder layout `export/<me>/{csv,json,html}/<chat>/<chat>_<a>_<b>.csv` reveals.
enum PyWxDumpPaths {
  /// The owner's wxid: the component after `export` when the file sits deeper than `export/<me>/`.
  static func ownerID(path: String) -> String? {
    let components = path.split(separator: "/").map(String.init)
    guard let index = components.lastIndex(of: "export"), index + 2 < components.count else { return nil }
    let candidate = components[index + 1]
    guard ExportText.looksLikeID(candidate), !["csv", "json", "html"].contains(candidate) else { return nil }
    return candidate
  }

  /// The chat a file belongs to when its rows do not say: the folder name, else the page file's stem
  /// without `_<a>_<b>`.
  static func chatID(probe: FileProbe) -> String {
    if let folder = probe.parentFolders.first, !["csv", "json", "html", "export"].contains(folder),
      ExportText.looksLikeID(folder), probe.stem.hasPrefix(folder)
    {
      return folder
    }
    return pageStem(probe.stem)
  }

  /// `wxid_abc_0_5000` → `wxid_abc`.
  static func pageStem(_ stem: String) -> String {
    var parts = stem.split(separator: "_", omittingEmptySubsequences: false)
    guard parts.count >= 3, ExportText.isDigits(String(parts[parts.count - 1])),
      ExportText.isDigits(String(parts[parts.count - 2]))
    else { return stem }
    parts.removeLast(2)
    return parts.joined(separator: "_")
  }
}
