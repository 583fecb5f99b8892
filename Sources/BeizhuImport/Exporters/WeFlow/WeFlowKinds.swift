import BeizhuCore

/// Message kinds from WeFlow's three signals: the rendered content, the Chinese `type` name and
/// the `localType` code.
enum WeFlowKinds {
  static func kind(content: String, typeName: String, localType: Int64?) -> MessageKind {
    // Transfers and red packets are told by their content: the sample carries them with a plain
    // `49` (no app sub-type) and red packets with the catch-all name 其他消息.
    if content.hasPrefix("[转账") { return .transfer }
    if content.hasPrefix("[红包]") { return .redPacket }
    if let localType, localType > 0xFFFF_FFFF { return MessageKind.fromWeChatType(localType) }
    if let named = TypeNames.kind(for: typeName) { return named }
    guard let localType else { return .other }
    // A plain 49 without its sub-type could be anything an app message carries.
    if localType == 49 { return .other }
    return MessageKind.fromWeChatType(localType)
  }

  /// System messages by type (WeFlow attributes them to the friend, `isSend` 0).
  static func isSystem(kind: MessageKind, typeName: String, localType: Int64?) -> Bool {
    if kind == .system { return true }
    if typeName == "系统消息" || typeName == "系统通知" || typeName == "撤回消息" { return true }
    if let localType {
      let low = localType & 0xFFFF_FFFF
      if low == 10000 || low == 10002 { return true }
    }
    return false
  }
}

/// WeFlow's rendered transfer (`transferParser.ts`): `[转账] (A 转账给 B) ￥198.00`,
/// `[转账收款] (A 转账给 B) ￥198.00`, the owner shown as `我`.
enum WeFlowTransferText {
  struct Rendered: Equatable {
    var paySubtype: Int?
    var amountFen: Int64?
    var payer: String?
    var receiver: String?
  }

  static func parse(_ content: String) -> Rendered? {
    let subtype: Int?
    let rest: Substring
    if content.hasPrefix("[转账收款]") {
      subtype = 3
      rest = content.dropFirst("[转账收款]".count)
    } else if content.hasPrefix("[转账退还]") || content.hasPrefix("[转账退回]") {
      subtype = 4
      rest = content.dropFirst(6)
    } else if content.hasPrefix("[转账]") {
      subtype = 1
      rest = content.dropFirst("[转账]".count)
    } else {
      return nil
    }
    var result = Rendered(paySubtype: subtype)
    var amountText = rest
    let trimmed = rest.drop { $0 == " " }
    // `(A 转账给 B)`: names may hold parentheses, so the group ends at the last `)` before
    // the amount's currency sign.
    if trimmed.hasPrefix("(") {
      let signIndex = trimmed.lastIndex { $0 == "￥" || $0 == "¥" } ?? trimmed.endIndex
      if let close = trimmed[..<signIndex].lastIndex(of: ")") {
        let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
        if let arrow = inner.range(of: " 转账给 ") {
          let payer = String(inner[..<arrow.lowerBound])
          let receiver = String(inner[arrow.upperBound...])
          result.payer = payer.isEmpty ? nil : payer
          result.receiver = receiver.isEmpty ? nil : receiver
        }
        amountText = trimmed[trimmed.index(after: close)...]
      }
    }
    result.amountFen = MoneyText.firstAmountFen(in: String(amountText))
    return result
  }
}
