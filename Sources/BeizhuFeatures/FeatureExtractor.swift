import BeizhuCore

/// Knobs for feature extraction.
public struct FeatureOptions: Sendable, Hashable, Codable {
  /// Silence longer than this (seconds) starts a new session; exactly this much keeps one.
  public var sessionGap: Int64
  /// How long after a red packet its 领取 notice may come (red packets expire after 24 h).
  public var redPacketWindow: Int64
  /// How long a transfer may wait for its receipt.
  public var transferWindow: Int64

  public init(
    sessionGap: Int64 = 6 * 3600, redPacketWindow: Int64 = 24 * 3600, transferWindow: Int64 = 24 * 3600
  ) {
    self.sessionGap = sessionGap
    self.redPacketWindow = redPacketWindow
    self.transferWindow = transferWindow
  }
}

/// Computes ``FriendFeatures`` from one friend's private chat.
///
/// Input: the contact and its private-chat messages, de-duplicated and sorted by time. Each
/// message is scanned once (one automaton pass over its UTF-8 bytes); strings are built only for
/// the words found and for the few messages that may hold an address.
public struct FeatureExtractor: Sendable {
  public let scanner: KeywordScanner
  public let options: FeatureOptions
  private let addressReader: AddressReader

  public init(lexicon: Lexicon, options: FeatureOptions = FeatureOptions()) {
    scanner = KeywordScanner(lexicon: lexicon)
    self.options = options
    addressReader = AddressReader(folding: lexicon.folding)
  }

  /// The shipped lexicon plus the user's product words.
  public init(products: [String] = [], options: FeatureOptions = FeatureOptions()) throws {
    self.init(lexicon: try Lexicon.shipped().adding(products: products), options: options)
  }

  private enum Author: Equatable {
    case friend, me
    case generated(SystemLine)
  }

  public func features(for contact: Contact, messages: [Message]) -> FriendFeatures {
    var result = FriendFeatures(contactID: contact.id)
    result.messageCount = messages.count
    guard !messages.isEmpty else { return result }
    let friendIDs = Set([contact.id, contact.alias] + contact.otherNames).subtracting([""])

    // Who wrote each message, by type and text, never by the sender flag alone.
    var authors: [Author] = messages.map { message in
      if let line = SystemLine.classify(message) { return .generated(line) }
      return message.side == .me ? .me : .friend
    }
    for index in messages.indices.dropFirst() where authors[index] == .generated(.greetingMarker) {
      // The greeting typed into the friend request is the friend's, however it was attributed.
      let previous = messages[index - 1]
      if authors[index - 1] == .generated(.notice), previous.kind == .text, previous.side != .me {
        authors[index - 1] = .friend
      }
    }

    // Sessions.
    var sessionOf = [Int](repeating: 0, count: messages.count)
    for index in messages.indices {
      let message = messages[index]
      if index == 0 || message.time - messages[index - 1].time > options.sessionGap {
        result.sessions.append(
          Session(
            start: message.time, end: message.time, firstIndex: index, lastIndex: index, messageCount: 0,
            friendMessages: 0, myMessages: 0, hasProductTalk: false))
      }
      let current = result.sessions.count - 1
      sessionOf[index] = current
      result.sessions[current].end = max(result.sessions[current].end, message.time)
      result.sessions[current].lastIndex = index
      result.sessions[current].messageCount += 1
      switch authors[index] {
      case .friend:
        result.sessions[current].friendMessages += 1
        result.messagesFromFriend += 1
        result.lastFromFriend = message.time
        result.lastContact = message.time
      case .me:
        result.sessions[current].myMessages += 1
        result.messagesFromMe += 1
        result.lastContact = message.time
      case .generated:
        result.generatedMessages += 1
      }
    }
    result.firstContact = messages.first?.time

    var transfers: [(index: Int, reading: TransferReading)] = []
    var packets: [(index: Int, direction: MoneyDirection)] = []
    var notices: [(index: Int, direction: MoneyDirection)] = []
    for (index, message) in messages.enumerated() {
      let author = authors[index]
      switch author {
      case .generated(.redPacketOpenedByMe): notices.append((index, .toMe))
      case .generated(.redPacketOpenedByFriend): notices.append((index, .toFriend))
      case .generated: continue
      case .friend, .me: break
      }
      guard author == .friend || author == .me else { continue }
      let side: MessageSide = author == .friend ? .friend : .me

      if let reading = PaymentEvidence.transfer(in: message, friendIDs: friendIDs) {
        transfers.append((index, reading))
      } else if message.kind == .redPacket {
        packets.append((index, side == .friend ? .toMe : .toFriend))
      }

      let evidence = scanKeywords(message, side: side, session: sessionOf[index])
      for item in evidence where FriendFeatures.productTalkCategories.contains(item.category) {
        result.sessions[item.session].hasProductTalk = true
      }
      result.keywords += evidence

      let shippingWords = evidence.filter { $0.category == .shipping }.flatMap(\.words)
      if Self.isTextual(message.kind), !shippingWords.isEmpty || Self.digitCount(message.text) >= 9 {
        let tracking = ContactDetails.trackingNumbers(
          in: message.text, shippingContext: !shippingWords.isEmpty)
        if !shippingWords.isEmpty || !tracking.isEmpty {
          result.shipping.append(
            ShippingEvent(time: message.time, side: side, words: shippingWords, trackingNumbers: tracking))
        }
      }
      if side == .friend, Self.isTextual(message.kind) {
        for phone in ContactDetails.phones(in: message.text) where !result.phones.contains(phone) {
          result.phones.append(phone)
        }
        if let address = addressReader.read(message.text, time: message.time) {
          result.addresses.append(address)
        }
      }
    }

    for item in result.keywords where result.sessions[item.session].isInteraction {
      if FriendFeatures.productTalkCategories.contains(item.category) { result.productsDiscussed = true }
      for name in item.productNames where !result.productsOfInterest.contains(name) {
        result.productsOfInterest.append(name)
      }
    }

    result.payments = resolveTransfers(transfers, messages: messages, sessionOf: sessionOf)
    result.payments += resolveRedPackets(
      packets: packets, notices: notices, messages: messages, sessionOf: sessionOf, sessions: result.sessions)
    result.payments += paymentsInWords(result)
    result.payments.sort { $0.time < $1.time }
    return result
  }

  /// ASCII digits in `text`, counted over bytes (a tracking number needs at least 9).
  static func digitCount(_ text: String) -> Int {
    var count = 0
    for byte in text.utf8 where byte >= 0x30 && byte <= 0x39 { count += 1 }
    return count
  }

  /// Kinds whose text is a person's words (not a media placeholder or raw media XML).
  static func isTextual(_ kind: MessageKind) -> Bool {
    switch kind {
    case .text, .quote, .other: true
    default: false
    }
  }

  /// Keyword evidence for one message, one item per category and sub-kind.
  func scanKeywords(_ message: Message, side: MessageSide, session: Int) -> [KeywordEvidence] {
    var text: String
    switch message.kind {
    case .image, .voice, .video, .emoji, .call, .location, .pat, .system, .card:
      return []
    case .transfer, .redPacket:
      // The memo or blessing (货款) is the payer's own words; the rest of a payload is boilerplate.
      if message.text.contains("<wcpayinfo>") {
        text = PayloadTags.paymentWords(in: message.text)
      } else {
        text = message.text
        if let payload = message.payload { text += "\n" + PayloadTags.paymentWords(in: payload) }
      }
      if let memo = message.transfer?.memo { text += "\n" + memo }
    default:
      text = message.text
    }
    var hits = scanner.scan(text)
    guard !hits.isEmpty else { return [] }
    // A word inside a longer word of the same kind (防晒 in 防晒霜) is the longer word.
    hits = hits.filter { hit in
      !hits.contains { other in
        other != hit && other.category == hit.category && other.start <= hit.start && other.end >= hit.end
          && other.end - other.start > hit.end - hit.start
      }
    }
    var grouped: [KeywordEvidence] = []
    for hit in hits {
      if let existing = grouped.firstIndex(where: { $0.category == hit.category && $0.sub == hit.sub }) {
        if !grouped[existing].words.contains(hit.word) { grouped[existing].words.append(hit.word) }
        if hit.namesProduct, !grouped[existing].productNames.contains(hit.word) {
          grouped[existing].productNames.append(hit.word)
        }
      } else {
        grouped.append(
          KeywordEvidence(
            time: message.time, side: side, fromFriend: side == .friend, category: hit.category, sub: hit.sub,
            words: [hit.word], productNames: hit.namesProduct ? [hit.word] : [], session: session))
      }
    }
    return grouped.sorted { ($0.category, $0.sub) < ($1.category, $1.sub) }
  }

  /// One payment per transfer: an initiation and its receipt count once; a returned or expired
  /// transfer cancels the one it answers.
  func resolveTransfers(
    _ transfers: [(index: Int, reading: TransferReading)], messages: [Message], sessionOf: [Int]
  ) -> [PaymentEvent] {
    var events: [PaymentEvent] = []
    // Per event: answered by a receipt yet, and the side that wrote the first message.
    var answered: [Bool] = []
    var firstSide: [MessageSide] = []
    var firstStage: [TransferStage] = []
    var ids: [String?] = []

    func matching(_ reading: TransferReading, time: Int64, where accept: (Int) -> Bool) -> Int? {
      if let id = reading.transferID, let found = ids.lastIndex(where: { $0 == id }) { return found }
      return events.indices.last { index in
        accept(index) && time - events[index].time <= options.transferWindow
          && (reading.amountFen == nil || events[index].amountFen == nil
            || reading.amountFen == events[index].amountFen)
      }
    }

    for (index, reading) in transfers {
      let message = messages[index]
      let side = message.side == .me ? MessageSide.me : .friend
      switch reading.stage {
      case .initiation, .receipt, .unknown:
        var pairedWith: Int?
        if reading.stage == .receipt {
          pairedWith = matching(reading, time: message.time) { candidate in
            !answered[candidate] && firstStage[candidate] != .receipt
              && (reading.direction == nil || events[candidate].direction == reading.direction)
          }
        } else if reading.stage == .unknown {
          // No stage shown: a transfer from the other side still waiting is answered by this one.
          pairedWith = matching(reading, time: message.time) { candidate in
            !answered[candidate] && firstStage[candidate] == .unknown && firstSide[candidate] != side
          }
        }
        if let pairedWith {
          answered[pairedWith] = true
          if events[pairedWith].amountFen == nil { events[pairedWith].amountFen = reading.amountFen }
          continue
        }
        let direction = reading.direction ?? (side == .friend ? .toMe : .toFriend)
        events.append(
          PaymentEvent(
            time: message.time, method: .transfer, direction: direction, amountFen: reading.amountFen,
            countsAsPayment: direction == .toMe, cancelled: false,
            note: direction == .toMe ? "好友转账" : "我方转账给好友（退款/补偿等，不算付款）",
            session: sessionOf[index]))
        answered.append(reading.stage == .receipt)
        firstSide.append(side)
        firstStage.append(reading.stage)
        ids.append(reading.transferID)
      case .returned, .expired:
        if let target = matching(reading, time: message.time, where: { !events[$0].cancelled }) {
          events[target].cancelled = true
          events[target].note += reading.stage == .returned ? "，已退还" : "，已过期"
        }
      }
    }
    return events
  }

  /// Red packets: the packet message and its 领取 notice are one red packet; it counts as a payment
  /// when it came from the friend in a session with product, payment or shipping words.
  func resolveRedPackets(
    packets: [(index: Int, direction: MoneyDirection)], notices: [(index: Int, direction: MoneyDirection)],
    messages: [Message], sessionOf: [Int], sessions: [Session]
  ) -> [PaymentEvent] {
    var sources = packets.map { (index: $0.index, direction: $0.direction, opened: false) }
    var standalone: [(index: Int, direction: MoneyDirection)] = []
    for notice in notices {
      let time = messages[notice.index].time
      if let match = sources.lastIndex(where: {
        !$0.opened && $0.direction == notice.direction && messages[$0.index].time <= time
          && time - messages[$0.index].time <= options.redPacketWindow
      }) {
        sources[match].opened = true
      } else {
        standalone.append(notice)
      }
    }
    let all = sources.map { ($0.index, $0.direction) } + standalone.map { ($0.index, $0.direction) }
    return all.map { index, direction in
      let session = sessionOf[index]
      let forGoods = direction == .toMe && sessions[session].hasProductTalk
      let note: String =
        switch (direction, forGoods) {
        case (.toMe, true): "好友红包，同一会话谈到产品/付款/发货，算货款"
        case (.toMe, false): "好友红包，会话未谈产品，算礼物"
        default: "我方发给好友的红包"
        }
      return PaymentEvent(
        time: messages[index].time, method: .redPacket, direction: direction, amountFen: nil,
        countsAsPayment: forGoods, cancelled: false, note: note, session: session)
    }
  }

  /// Payment confirmed in words, in a session the friend took part in, with an order in that
  /// session or a shipment after it; one per session, and none where money already moved.
  func paymentsInWords(_ features: FriendFeatures) -> [PaymentEvent] {
    var events: [PaymentEvent] = []
    var done: Set<Int> = []
    for item in features.keywords where item.category == .payment {
      let session = features.sessions[item.session]
      guard session.isInteraction, !done.contains(item.session) else { continue }
      let movedMoney = features.payments.contains {
        $0.session == item.session && $0.direction == .toMe && $0.method != .words
      }
      let ordered = features.keywords.contains {
        $0.session == item.session
          && ($0.category == .intent || ($0.category == .product && $0.sub == "order"))
      }
      let shipped = features.shipping.contains { $0.time >= session.start }
      guard !movedMoney, ordered || shipped else { continue }
      done.insert(item.session)
      events.append(
        PaymentEvent(
          time: item.time, method: .words, direction: .toMe, amountFen: nil, countsAsPayment: true,
          cancelled: false, note: "文字确认付款（" + item.words.joined(separator: "、") + "），并有下单或发货",
          session: item.session))
    }
    return events
  }
}
