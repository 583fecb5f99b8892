import BeizhuCore

extension PayloadParser {
  /// Reads the payload a message carries and fills in what it says: `kind`, `transfer`, the
  /// human `text`, and the group `sender` from a `"wxid:\n"` prefix.
  ///
  /// The payload is `message.payload`, else `message.text` when it starts like a payload
  /// (`<msg`, `<?xml`, `<sysmsg`, …, or MemoTrace's `-1\n{'msg': …}`). A text the export calls
  /// plain `.text` is never read as XML: a friend can type `<msg>…` and must not fake a transfer.
  /// System messages (`.system`, `.pat`) with markup get their tags stripped and keep their kind,
  /// unless the markup is a `<sysmsg>` (pat, recall).
  ///
  /// - Returns: the problem when the payload could not be read; the message is then left as the
  ///   export showed it (system texts still get their tags stripped).
  @discardableResult
  public func enrich(_ message: inout Message) -> PayloadError? {
    let isSystem = message.kind == .system || message.kind == .pat
    var fromText = false
    let source: String
    if let payload = message.payload, Self.looksLikePayload(payload) {
      source = payload
    } else if message.kind != .text, Self.looksLikePayload(message.text) {
      source = message.text
      fromText = true
    } else {
      if isSystem { stripSystemMarkup(&message) }
      return nil
    }

    let payload: Payload
    do {
      payload = try parse(source)
    } catch {
      if isSystem { stripSystemMarkup(&message) }
      return error
    }
    if case .unknown = payload.content {
      if isSystem && fromText { stripSystemMarkup(&message) }
      return nil
    }
    message.kind = payload.messageKind
    if case .transfer(let parsed) = payload.content {
      message.transfer = Self.merge(parsed, over: message.transfer)
    }
    if fromText || message.text.isEmpty {
      message.text = payload.displayText
    }
    if message.sender == nil, let sender = payload.groupSender {
      message.sender = sender
    }
    return nil
  }

  private func stripSystemMarkup(_ message: inout Message) {
    guard message.text.utf8.contains(UInt8(ascii: "<")) || message.text.utf8.contains(UInt8(ascii: "&"))
    else {
      return
    }
    let notice = SystemNotice(markup: message.text)
    message.text = notice.text
    if notice.event == .pat { message.kind = .pat }
  }

  /// The parsed transfer, with fields the payload lacks taken from what the importer already knew.
  private static func merge(_ parsed: Transfer, over existing: Transfer?) -> Transfer {
    guard let existing else { return parsed }
    var merged = parsed
    merged.paySubtype = parsed.paySubtype ?? existing.paySubtype
    merged.amountFen = parsed.amountFen ?? existing.amountFen
    merged.payer = parsed.payer ?? existing.payer
    merged.receiver = parsed.receiver ?? existing.receiver
    merged.transferID = parsed.transferID ?? existing.transferID
    merged.memo = parsed.memo ?? existing.memo
    return merged
  }
}
