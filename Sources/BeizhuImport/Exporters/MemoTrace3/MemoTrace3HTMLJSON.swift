import BeizhuCore
import Foundation

/// MemoTrace v3 `<R>.html.json` (FORMATS.md §7): the chat page's message array, unescaped.
///
/// Read element by element. `type` is a string holding a WeChat type code, possibly a 4.x
/// packed 64-bit one, or `-1` for a type the exporter does not know (red packets on 3.x data),
/// whose kind then comes from `xml_dict`. `xml_dict` is turned back into XML for the payload
/// parser. `is_send` marks the owner, whose `display_name` becomes an owner hint.
struct MemoTrace3HTMLJSON {
  let probe: FileProbe
  let chunkSize: Int

  func read(sink: ImportSink) throws(ImportError) {
    let pending = PendingIssues()
    let stream = try UTF8Stream(path: probe.path, chunkSize: chunkSize) { pending.items.append($0) }
    let reader = JSONStreamReader(stream: stream)
    let ref = MemoTrace3Chat(probe: probe).ref
    let isGroup = ref.isGroup == true
    guard try reader.beginArray() else {
      throw ImportError.rejected(
        Issue(
          .error, .badRecord, at: SourceLocation(path: probe.path, line: reader.currentLine),
          "expected a JSON array of messages / 应为消息数组", hint: "is this a MemoTrace .html.json file?"))
    }
    var ownerNames = Set<String>()
    do {
      while try reader.nextElement() {
        _ = try reader.peekStructural()
        let location = SourceLocation(
          path: probe.path, line: reader.currentLine, byteOffset: reader.byteOffset)
        let value = try reader.readValue()
        try pending.flush(sink)
        guard case .object = value else {
          try sink(.issue(badRecord(location, "an object")))
          continue
        }
        guard let time = value["timestamp"]?.int64, let rawType = value["type"]?.int64 else {
          try sink(.issue(badRecord(location, "the keys type and timestamp")))
          continue
        }
        let isSend = value["is_send"]?.bool ?? false
        let name = value["display_name"]?.text ?? ""
        if isSend, !name.isEmpty, !ownerNames.contains(name) {
          ownerNames.insert(name)
          try sink(.owner(OwnerHint(names: [name])))
        }
        try sink(
          .message(message(value, rawType: rawType, time: time, ref: ref, isGroup: isGroup, at: location)))
      }
    } catch {
      // A cut or damaged file keeps what was read; the reader's issue says where.
      guard case .rejected(let issue) = error else { throw error }
      try pending.flush(sink)
      var warning = issue
      warning.severity = .warning
      try sink(.issue(warning))
    }
    try pending.flush(sink)
  }

  private func message(
    _ value: JSONValue, rawType: Int64, time: Int64, ref: ChatRef, isGroup: Bool, at location: SourceLocation
  ) -> Message {
    let type = rawType > 0xFFFF_FFFF ? rawType & 0xFFFF_FFFF : rawType
    let isSystem = type == 10000 || type == 10002
    let node = value["xml_dict"].map(XMLDictNode.init(json:))
    let payload = node.map(MemoTracePayload.init(node:))
    var kind = rawType < 0 ? payload?.kind ?? .other : MessageKind.fromWeChatType(rawType)
    if isSystem { kind = MessageKind.fromWeChatType(rawType) }
    let text = value["text"]?.text ?? ""
    var transfer = payload?.transfer
    if kind == .transfer {
      var merged = transfer ?? Transfer()
      if let subtype = value["pay_subtype"]?.int64 { merged.paySubtype = Int(subtype) }
      if let fee = value["fee_desc"]?.text, let fen = MoneyText.firstAmountFen(in: fee) {
        merged.amountFen = fen
      }
      if let memo = value["pay_memo"]?.text, !memo.isEmpty { merged.memo = memo }
      transfer = merged
    }
    let side: MessageSide = isSystem ? .system : (value["is_send"]?.bool ?? false) ? .me : .friend
    var shown = text
    var xml = payload?.xml
    if isSystem {
      shown = MemoTraceText.stripMarkup(text)
      if text.utf8.contains(UInt8(ascii: "<")) { xml = text }
    } else if kind == .voice {
      shown = value["voice_to_text"]?.text ?? ""
    }
    let serverID = value["server_id"]?.text.flatMap { id in
      !id.isEmpty && id.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? id : nil
    }
    let name = value["display_name"]?.text ?? ""
    return Message(
      chat: ref, time: time, side: side, kind: kind, text: shown,
      sender: isGroup && side == .friend && !name.isEmpty ? name : nil, serverID: serverID,
      transfer: transfer,
      payload: xml, source: location)
  }

  private func badRecord(_ location: SourceLocation, _ expected: String) -> Issue {
    Issue(
      .warning, .badRecord, at: location, "message skipped: expected \(expected) / 消息格式不符，已跳过",
      hint: "the file may have been edited by hand")
  }
}
