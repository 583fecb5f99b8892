import BeizhuCore
import Foundation

/// Reads what MemoTrace prints for a message (v2 TXT placeholders `[图片]`, v3 `to_text()`
/// forms `【图片】`, `【发起转账】:￥198.00\n备注: …`, `-1\n{…}` for unknown types).
enum MemoTraceRenderedText {
  struct Result {
    var kind: MessageKind
    var text: String
    var transfer: Transfer?
    var payload: String?
  }

  /// v3 transfer states (`exporter_html.py` / `to_text()` names) and their paysubtype.
  static let transferStates: [String: Int?] = [
    "发起转账": 1, "转账": nil, "已收款": 3, "已退还": 4, "非实时转账收款": 5, "发起非实时转账": 7, "已被接收": 8,
    "已被退还": 9, "已过期": 10, "收款": 3, "接收": 3,
  ]

  /// Interprets `text`. `typeName` is v3 CSV's `类型` cell when there is one.
  static func interpret(_ text: String, isSystem: Bool, typeName: String? = nil) -> Result {
    if isSystem {
      let hasMarkup = text.utf8.contains(UInt8(ascii: "<"))
      return Result(kind: .system, text: MemoTraceText.stripMarkup(text), payload: hasMarkup ? text : nil)
    }
    var named = typeName.flatMap { TypeNames.kind(for: $0) }
    if named == .other { named = nil }
    if text.hasPrefix("-1\n") || text.hasPrefix("-1\r\n") || text == "-1" {
      let dictText = text.drop { $0 != "\n" }.dropFirst()
      if let node = XMLDictNode.parsePython(dictText) {
        let payload = MemoTracePayload(node: node)
        return Result(
          kind: named ?? payload.kind ?? .other, text: "", transfer: payload.transfer,
          payload: payload.xml ?? String(dictText))
      }
      return Result(kind: named ?? .other, text: "", payload: dictText.isEmpty ? nil : String(dictText))
    }
    if text.hasPrefix("【"), let close = text.firstIndex(of: "】") {
      let label = String(text[text.index(after: text.startIndex)..<close])
      if let state = transferStates[label] {
        return Result(kind: .transfer, text: text, transfer: transfer(state: state, text: text))
      }
      if let kind = TypeNames.kind(for: label) {
        return Result(kind: named ?? kind, text: text)
      }
    }
    if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
      let label = String(text[text.index(after: text.startIndex)..<close])
      let rest = text[text.index(after: close)...]
      if rest.isEmpty, let kind = TypeNames.kind(for: label) {
        return Result(kind: named ?? kind, text: text)
      }
    }
    let trimmed = text.drop { $0 == " " }
    if trimmed.hasPrefix("[链接]:title:") { return Result(kind: named ?? .link, text: text) }
    if text.contains("\n引用:") || text.contains("\n引用：") { return Result(kind: named ?? .quote, text: text) }
    return Result(kind: named ?? .text, text: text)
  }

  /// `【发起转账】:￥198.00\n备注: 水乳套装\n`.
  static func transfer(state: Int?, text: String) -> Transfer {
    var memo: String?
    for line in text.split(separator: "\n") {
      for prefix in ["备注:", "备注："] where line.hasPrefix(prefix) {
        let value = line.dropFirst(prefix.count).trimmed(newlines: false)
        if !value.isEmpty { memo = value }
      }
    }
    return Transfer(paySubtype: state, amountFen: MoneyText.firstAmountFen(in: text), memo: memo)
  }
}

/// What a v3 `xml_dict` tree (or its Python repr) says about the message.
struct MemoTracePayload {
  var kind: MessageKind?
  var transfer: Transfer?
  var xml: String?

  init(node: XMLDictNode) {
    xml = node.xml()
    let msg = node["msg"] ?? node
    if let appmsg = msg["appmsg"] {
      let type = Int64(appmsg["type"]?.text ?? "") ?? 0
      kind = MessageKind.fromWeChatType(49, subType: type)
      if let pay = appmsg["wcpayinfo"], type == 2000 {
        let fee = pay["feedesc"]?.text ?? ""
        transfer = Transfer(
          paySubtype: Int(pay["paysubtype"]?.text ?? ""), amountFen: MoneyText.firstAmountFen(in: fee),
          payer: Self.nonEmpty(pay["payer_username"]?.text),
          receiver: Self.nonEmpty(pay["receiver_username"]?.text),
          transferID: Self.nonEmpty(pay["transferid"]?.text), memo: Self.nonEmpty(pay["pay_memo"]?.text))
      }
    } else if msg["img"] != nil {
      kind = .image
    } else if msg["voicemsg"] != nil {
      kind = .voice
    } else if msg["emoji"] != nil {
      kind = .emoji
    } else if msg["videomsg"] != nil {
      kind = .video
    } else if msg["location"] != nil {
      kind = .location
    }
  }

  private static func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
  }
}
