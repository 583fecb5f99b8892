import BeizhuCore

/// A conversation: messages with no silence longer than the session gap between them.
public struct Session: Sendable, Hashable, Codable {
  public var start: Int64
  public var end: Int64
  /// Indexes into the message array the features were computed from.
  public var firstIndex: Int
  public var lastIndex: Int
  public var messageCount: Int
  /// Messages the friend really wrote (system lines and the auto-accept text excluded).
  public var friendMessages: Int
  public var myMessages: Int
  /// Product, intent, payment or shipping words from either side.
  public var hasProductTalk: Bool

  /// Whether the friend took part: the session is an interaction.
  public var isInteraction: Bool { friendMessages > 0 }
}

/// Keywords of one category found in one message.
public struct KeywordEvidence: Sendable, Hashable, Codable {
  public var time: Int64
  public var side: MessageSide
  /// The friend's own words (not a system line, not the auto-accept text).
  public var fromFriend: Bool
  public var category: KeywordCategory
  public var sub: String
  /// Lexicon words, longest first where they overlapped, without repeats.
  public var words: [String]
  /// Product names among `words` (`意向:…`).
  public var productNames: [String]
  /// Index into ``FriendFeatures/sessions``.
  public var session: Int
}

/// Money that moved between the friend and the owner, or was promised in words.
public struct PaymentEvent: Sendable, Hashable, Codable {
  public enum Method: String, Sendable, Hashable, Codable {
    case transfer
    case redPacket = "red-packet"
    /// Payment confirmed in words (已付款, 钱转你了) with an order or shipment.
    case words
  }

  public var time: Int64
  public var method: Method
  public var direction: MoneyDirection
  public var amountFen: Int64?
  /// Whether it counts as the friend paying for goods (level 1 evidence).
  public var countsAsPayment: Bool
  /// Returned or expired: no money moved.
  public var cancelled: Bool
  /// Why it counts or not, in words for the reasons list.
  public var note: String
  /// Index into ``FriendFeatures/sessions``.
  public var session: Int
}

/// A parcel sent: shipping words or a tracking number.
public struct ShippingEvent: Sendable, Hashable, Codable {
  public var time: Int64
  public var side: MessageSide
  public var words: [String]
  public var trackingNumbers: [String]
}

/// Everything the classifier needs to know about one friend, with evidence.
public struct FriendFeatures: Sendable, Hashable, Codable {
  public var contactID: String
  public var messageCount: Int = 0
  /// Messages the friend really wrote, of any kind.
  public var messagesFromFriend: Int = 0
  public var messagesFromMe: Int = 0
  /// System notices, the auto-accept text and other generated lines.
  public var generatedMessages: Int = 0
  public var sessions: [Session] = []
  /// Time of the first message of any kind (often 你已添加了…).
  public var firstContact: Int64?
  /// Time of the last message a person wrote (owner or friend).
  public var lastContact: Int64?
  /// Time of the last message the friend wrote.
  public var lastFromFriend: Int64?
  public var keywords: [KeywordEvidence] = []
  public var productsDiscussed: Bool = false
  /// Product names mentioned in sessions the friend took part in, first mention first.
  public var productsOfInterest: [String] = []
  public var payments: [PaymentEvent] = []
  public var shipping: [ShippingEvent] = []
  public var addresses: [PostalAddress] = []
  /// Mobile numbers the friend wrote, 11 digits, first seen first.
  public var phones: [String] = []

  public init(contactID: String) {
    self.contactID = contactID
  }

  /// Sessions holding at least one message the friend wrote.
  public var interactions: Int { sessions.reduce(0) { $0 + ($1.isInteraction ? 1 : 0) } }

  /// The friend paid: money in that counts as a payment and was not returned.
  public var paid: Bool { payments.contains { $0.countsAsPayment && !$0.cancelled && $0.direction == .toMe } }

  /// Money from the friend in fen, where amounts are known.
  public var amountInFen: Int64 {
    payments.filter { $0.direction == .toMe && !$0.cancelled && $0.method != .words }
      .reduce(0) { $0 + ($1.amountFen ?? 0) }
  }

  /// Money to the friend in fen, where amounts are known.
  public var amountOutFen: Int64 {
    payments.filter { $0.direction == .toFriend && !$0.cancelled }.reduce(0) { $0 + ($1.amountFen ?? 0) }
  }

  /// Keyword evidence of `category` in the friend's own words.
  public func friendSaid(_ category: KeywordCategory) -> [KeywordEvidence] {
    keywords.filter { $0.fromFriend && $0.category == category }
  }

  /// Product talk (either side) in sessions the friend took part in.
  public var productTalk: [KeywordEvidence] {
    keywords.filter {
      FriendFeatures.productTalkCategories.contains($0.category) && sessions[$0.session].isInteraction
    }
  }

  /// The categories that make a session a product discussion.
  public static let productTalkCategories: Set<KeywordCategory> = [.product, .intent, .payment, .shipping]

  /// The last shipping event, if any.
  public var lastShipped: Int64? { shipping.last?.time }
}
