import BeizhuCore
import Foundation

/// Streams one WeFlow chat JSON (`JsonFormatter.ts`): `{"weflow":…, "session":…, "messages":[…]}`.
///
/// `session` is small and read whole; `messages` is read one element at a time. When a
/// re-serialised file puts `messages` before `session`, the chat is named by the file stem.
final class WeFlowChatReader {
  private let stream: UTF8Stream
  private let stem: String
  private let context: ImportContext
  private let emitter: RecordEmitter
  private var path: String { emitter.path }

  private var session: WeFlowSession?
  private var chat: ChatRef?
  /// The owner's wxid: `senderUsername` of the `isSend:1` rows, else what earlier files said.
  private var ownerID: String?
  private var ownerHintSent = false

  init(stream: UTF8Stream, stem: String, context: ImportContext, emitter: RecordEmitter) {
    self.stream = stream
    self.stem = stem
    self.context = context
    self.emitter = emitter
    ownerID = context.ownerHints.lazy.compactMap(\.id).first { !$0.isEmpty }
  }

  func run() throws(ImportError) {
    let reader = JSONStreamReader(stream: stream)
    guard try reader.beginObject() else {
      throw ImportError.rejected(
        Issue(
          .error, .badRecord, at: SourceLocation(path: path, line: 1),
          "expected a WeFlow chat object / 应为 WeFlow 聊天记录 JSON 对象"))
    }
    while let key = try reader.nextKey() {
      switch key {
      case "session":
        let value = try reader.readValue()
        session = WeFlowSession(value)
        chat = nil
      case "messages":
        guard try reader.beginArray() else {
          try reader.skipValue()
          continue
        }
        let chat = try currentChat()
        while try reader.nextElement() {
          let location = SourceLocation(path: path, line: reader.currentLine, byteOffset: reader.byteOffset)
          let value = try reader.readValue()
          try handle(value, chat: chat, at: location)
        }
      default:
        try reader.skipValue()
      }
    }
  }

  /// The chat the messages belong to, decided once the messages start.
  private func currentChat() throws(ImportError) -> ChatRef {
    if let chat { return chat }
    let made: ChatRef
    if let session, !session.accountID.isEmpty {
      made = ChatRef(.id(session.accountID), isGroup: session.isGroup, title: session.title)
    } else {
      try emitter.once("no-session") {
        Issue(
          .note, .badRecord, at: SourceLocation(path: path, line: 1),
          "no \"session\" before \"messages\": the chat is named after the file / 消息前没有 session，按文件名识别聊天",
          hint: "the file may have been re-saved by another program; the contact is matched by name")
      }
      made = ChatRef(.name(stem), isGroup: session?.isGroup, title: session?.title ?? stem)
    }
    chat = made
    return made
  }

  private func handle(_ value: JSONValue, chat: ChatRef, at location: SourceLocation) throws(ImportError) {
    guard value.object != nil else {
      try emitter.issue(
        Issue(.warning, .badRecord, at: location, "a message is not a JSON object / 消息不是 JSON 对象，已跳过"))
      return
    }
    let time: Int64
    if let created = value["createTime"]?.int64, created > 0 {
      time = created
    } else if let text = value["formattedTime"]?.text, let parsed = context.timeParser.parse(text) {
      time = parsed.unixSeconds
    } else {
      try emitter.issue(
        Issue(
          .warning, .badTime, at: location,
          "message without a readable createTime / 消息时间无法识别，已跳过",
          hint: "createTime must be unix seconds"))
      return
    }
    let isSend = value["isSend"]?.bool ?? false
    let senderID = value["senderUsername"]?.text ?? ""
    let senderName = value["senderDisplayName"]?.text ?? ""
    if isSend && !senderID.isEmpty {
      try learnOwner(id: senderID, name: senderName)
    }
    try checkConsistency(isSend: isSend, senderID: senderID, chat: chat, at: location)

    let content = value["content"]?.text ?? ""
    let typeName = value["type"]?.text ?? ""
    let localType = value["localType"]?.int64
    let kind = WeFlowKinds.kind(content: content, typeName: typeName, localType: localType)
    let side: MessageSide
    if WeFlowKinds.isSystem(kind: kind, typeName: typeName, localType: localType) {
      side = .system
    } else {
      side = isSend ? .me : .friend
    }
    var sender: String?
    if chat.isGroup == true && side == .friend {
      sender = senderID.isEmpty ? (senderName.isEmpty ? nil : senderName) : senderID
    }
    var transfer: Transfer?
    if kind == .transfer {
      transfer = WeFlowTransferText.parse(content).map { rendered in
        var transfer = Transfer(paySubtype: rendered.paySubtype, amountFen: rendered.amountFen)
        transfer.payer = rendered.payer.flatMap { resolve($0, senderID: senderID, senderName: senderName) }
        transfer.receiver = rendered.receiver.flatMap {
          resolve($0, senderID: senderID, senderName: senderName)
        }
        return transfer
      }
    }
    let exporterKey = value["localId"]?.text
    let message = Message(
      chat: chat, time: time, side: side, kind: kind, text: content, sender: sender,
      exporterKey: exporterKey, transfer: transfer, source: location)
    try emitter.emit(.message(message))
  }

  /// A name in `(A 转账给 B)` as a username: `我` is the owner, the chat's own names are the
  /// chat's account (private chats), the message's sender name is its sender; else unknown.
  private func resolve(_ name: String, senderID: String, senderName: String) -> String? {
    if name == "我" { return ownerID }
    if let session, !session.isGroup, session.names.contains(name), !session.accountID.isEmpty {
      return session.accountID
    }
    if !senderID.isEmpty && name == senderName { return senderID }
    return nil
  }

  private func learnOwner(id: String, name: String) throws(ImportError) {
    if ownerID == nil || !ownerHintSent { ownerID = id }
    guard !ownerHintSent else { return }
    ownerHintSent = true
    try emitter.emit(.owner(OwnerHint(id: id, names: name.isEmpty ? [] : [name])))
  }

  /// The sender flag wins over `senderUsername`; a contradiction is reported once per file.
  private func checkConsistency(isSend: Bool, senderID: String, chat: ChatRef, at location: SourceLocation)
    throws(ImportError)
  {
    guard !senderID.isEmpty else { return }
    let contradicts: Bool
    if isSend {
      contradicts = chat.isGroup != true && senderID == session?.accountID
    } else {
      contradicts = senderID == ownerID
    }
    guard contradicts else { return }
    try emitter.once("inconsistent-sender") {
      Issue(
        .warning, .inconsistentRow, at: location,
        "isSend contradicts senderUsername; isSend was trusted / isSend 与 senderUsername 矛盾，以 isSend 为准",
        hint: "the file may have been edited by hand")
    }
  }
}

/// The `session` object of a WeFlow chat.
struct WeFlowSession {
  var accountID: String
  var isGroup: Bool
  var title: String
  /// Every name the chat is shown by, to recognise it in transfer texts.
  var names: Set<String>

  init(_ value: JSONValue) {
    accountID = value["accountId"]?.text ?? ""
    let type = value["type"]?.text ?? ""
    isGroup = type == "群聊" || type == "group" || accountID.hasSuffix("@chatroom")
    let display = value["displayName"]?.text ?? ""
    let remark = value["remark"]?.text ?? ""
    let nickname = value["nickname"]?.text ?? ""
    title = [display, remark, nickname, accountID].first { !$0.isEmpty } ?? ""
    names = Set([display, remark, nickname].filter { !$0.isEmpty })
  }
}
