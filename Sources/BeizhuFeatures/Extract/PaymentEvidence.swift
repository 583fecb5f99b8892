import BeizhuCore
import Foundation

/// Which way money moved, from the export owner's point of view.
public enum MoneyDirection: String, Sendable, Hashable, Codable {
  /// From the friend to the owner: a payment.
  case toMe = "in"
  /// From the owner to the friend: a refund, compensation, a gift.
  case toFriend = "out"
}

/// Where a transfer message stands in the life of one transfer.
public enum TransferStage: String, Sendable, Hashable, Codable {
  /// Written by the payer (paysubtype 1/7).
  case initiation
  /// Written by the receiver on accepting (paysubtype 3/5, iOS 8).
  case receipt
  /// Sent back (paysubtype 4, iOS 9).
  case returned
  /// Not accepted in time (paysubtype 10).
  case expired
  /// The export does not say (MemoTrace v2 CSV: empty text, no payload).
  case unknown
}

/// What one transfer message says.
public struct TransferReading: Sendable, Hashable, Codable {
  public var stage: TransferStage
  /// `nil` when neither payer/receiver nor the rendering tells and the stage is unknown.
  public var direction: MoneyDirection?
  public var amountFen: Int64?
  public var transferID: String?
  public var memo: String?
}

/// Reads transfers and red packets as the exporters render them (FORMATS.md §5.1, §5.2).
///
/// Direction comes from payer/receiver when known, else from the side that wrote the message and
/// the stage (money in = the friend initiated or the owner accepted), where the stage comes from
/// paysubtype or the exporter's rendered text.
public enum PaymentEvidence {
  /// Reads a transfer message, or `nil` when `message` is not one.
  ///
  /// - Parameter friendIDs: the ids and names the friend appears under (wxid, alias …), to tell
  ///   payer from receiver.
  public static func transfer(in message: Message, friendIDs: Set<String>) -> TransferReading? {
    var transfer = message.transfer
    if transfer == nil, let payload = message.payload, payload.contains("<wcpayinfo>"),
      payload.contains("<paysubtype>") || payload.contains("<payer_username>")
    {
      transfer = PayloadTags.transfer(from: payload)
    }
    let text = message.text.trimmed()
    let rendered = renderedTransfer(text)
    guard transfer != nil || message.kind == .transfer || rendered != nil else { return nil }

    var reading = TransferReading(
      stage: .unknown, direction: nil, amountFen: transfer?.amountFen ?? amountFen(in: text),
      transferID: transfer?.transferID.flatMap { $0.isEmpty ? nil : $0 }, memo: transfer?.memo)
    if let subtype = transfer?.paySubtype {
      reading.stage = stage(ofPaySubtype: subtype)
    } else if let rendered {
      reading.stage = rendered.stage
    }

    // Direction: named parties first, then the rendering, then side + stage.
    if let payer = transfer?.payer, !payer.isEmpty, friendIDs.contains(payer) {
      reading.direction = .toMe
    } else if let receiver = transfer?.receiver, !receiver.isEmpty, friendIDs.contains(receiver) {
      reading.direction = .toFriend
    } else if let rendered, let direction = rendered.direction {
      reading.direction = direction
    } else {
      switch (message.side, reading.stage) {
      case (.friend, .initiation), (.me, .receipt): reading.direction = .toMe
      case (.me, .initiation), (.friend, .receipt): reading.direction = .toFriend
      default: reading.direction = nil
      }
    }
    return reading
  }

  /// The stage a `paysubtype` value means (FORMATS.md §5.1 table).
  public static func stage(ofPaySubtype subtype: Int) -> TransferStage {
    switch subtype {
    case 1, 7: .initiation
    case 3, 5, 8: .receipt
    case 4, 9: .returned
    case 10: .expired
    default: .unknown
    }
  }

  struct Rendered {
    var stage: TransferStage
    var direction: MoneyDirection?
  }

  /// Recognises each exporter's transfer rendering in `text` (trimmed).
  static func renderedTransfer(_ text: String) -> Rendered? {
    // chatlog: [转账|发送 ￥198.00](memo) — 发送/接收/退还 is the paysubtype, not the direction.
    if text.hasPrefix("[转账|") {
      if text.hasPrefix("[转账|发送") { return Rendered(stage: .initiation) }
      if text.hasPrefix("[转账|接收") { return Rendered(stage: .receipt) }
      if text.hasPrefix("[转账|退还") { return Rendered(stage: .returned) }
      return Rendered(stage: .unknown)
    }
    // WeFlow: [转账] (A 转账给 B) ￥198.00 / [转账收款] (…); the owner is 我.
    if text.hasPrefix("[转账]") || text.hasPrefix("[转账收款]") {
      let stage: TransferStage = text.hasPrefix("[转账收款]") ? .receipt : .initiation
      return Rendered(stage: stage, direction: weflowDirection(text))
    }
    // MemoTrace v3: 【发起转账】:￥198.00 / 【已收款】 / 【已退还】.
    if text.hasPrefix("【") {
      if text.hasPrefix("【发起转账】") || text.hasPrefix("【发起非实时转账】") { return Rendered(stage: .initiation) }
      if text.hasPrefix("【已收款】") || text.hasPrefix("【非实时转账收款】") { return Rendered(stage: .receipt) }
      if text.hasPrefix("【已退还】") { return Rendered(stage: .returned) }
      if text.hasPrefix("【已过期】") { return Rendered(stage: .expired) }
    }
    // wechat-dump: [Money Transfer]\n收到转账198.00元… / 已收款198.00元.
    if text.hasPrefix("[Money Transfer]") {
      if text.contains("已收款") { return Rendered(stage: .receipt) }
      if text.contains("退还") { return Rendered(stage: .returned) }
      return Rendered(stage: .initiation)
    }
    // PyWxDump: 转账：￥… (paysubtype 1, but also 4/5/7) / 已收款：￥….
    if text.hasPrefix("转账：￥") || text.hasPrefix("转账：¥") { return Rendered(stage: .initiation) }
    if text.hasPrefix("已收款：") { return Rendered(stage: .receipt) }
    // WechatExporter: ￥198.00 - 转账 / - 已收款 (HTML), 微信转账 ￥198.00 - 转账 (TXT).
    if text.hasPrefix("￥") || text.hasPrefix("¥") || text.hasPrefix("微信转账 ") {
      let firstLine = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
      if firstLine.hasSuffix(" - 转账") { return Rendered(stage: .initiation) }
      if firstLine.hasSuffix(" - 已收款") || firstLine.hasSuffix(" - 已接收") || firstLine.hasSuffix(" - 已被接收") {
        return Rendered(stage: .receipt)
      }
      if firstLine.hasSuffix(" - 已退还") || firstLine.hasSuffix(" - 已被退还") { return Rendered(stage: .returned) }
      if firstLine.hasSuffix(" - 已过期") { return Rendered(stage: .expired) }
    }
    // MemoTrace v2 HTML texts, kind .transfer.
    switch text {
    case "已收款", "非实时转账收款": return Rendered(stage: .receipt)
    case "发起转账", "发起非实时转账": return Rendered(stage: .initiation)
    case "已退还": return Rendered(stage: .returned)
    default: return nil
    }
  }

  /// `(A 转账给 B)` with the owner shown as `我`.
  static func weflowDirection(_ text: String) -> MoneyDirection? {
    guard let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") else {
      return nil
    }
    let inner = text[text.index(after: open)..<close]
    guard let range = inner.range(of: " 转账给 ") else { return nil }
    let payer = inner[..<range.lowerBound].trimmed(newlines: false)
    let receiver = inner[range.upperBound...].trimmed(newlines: false)
    if receiver == "我" { return .toMe }
    if payer == "我" { return .toFriend }
    return nil
  }

  /// The first amount in `text`: after ￥/¥, else the number before 元. In fen.
  public static func amountFen(in text: String) -> Int64? { MoneyText.firstAmountFen(in: text) }
}

/// Tolerant reads of single tags in payload XML, for importers that keep the raw payload only.
///
/// This is not an XML parser: it finds `<name>…</name>` and unwraps CDATA, which is all a
/// transfer or red-packet payload needs; anything odd yields `nil`.
enum PayloadTags {
  static func value(_ name: String, in xml: String) -> String? {
    guard let open = xml.range(of: "<\(name)>"),
      let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
    else { return nil }
    var inner = xml[open.upperBound..<close.lowerBound].trimmed()
    if inner.hasPrefix("<![CDATA["), inner.hasSuffix("]]>") {
      inner = String(inner.dropFirst(9).dropLast(3))
    }
    return inner
  }

  static func transfer(from xml: String) -> Transfer {
    Transfer(
      paySubtype: value("paysubtype", in: xml).flatMap { Int($0) },
      amountFen: value("feedesc", in: xml).flatMap { PaymentEvidence.amountFen(in: $0) },
      payer: value("payer_username", in: xml), receiver: value("receiver_username", in: xml),
      transferID: value("transferid", in: xml), memo: value("pay_memo", in: xml))
  }

  /// Human text inside a payment payload: a red packet's blessing, a transfer's memo.
  static func paymentWords(in xml: String) -> String {
    ["sendertitle", "receivertitle", "pay_memo"].compactMap { value($0, in: xml) }.joined(separator: "\n")
  }
}
