/// Who wrote a message, from the export owner's point of view.
public enum MessageSide: String, Sendable, Hashable, Codable, CaseIterable {
  /// The other party: the friend in a private chat, a member in a group.
  case friend
  /// The export owner.
  case me
  /// WeChat itself: notices, recalls, "你已添加了…", the auto-accept text.
  case system
}

/// What a message is. Payload XML is parsed later (the libxml2 stage); importers set the kind
/// that the export shows and keep the raw payload.
public enum MessageKind: String, Sendable, Hashable, Codable, CaseIterable {
  case text, image, voice, video, emoji, link, file, transfer
  case redPacket = "red-packet"
  case quote, call, location
  case card
  case miniProgram = "mini-program"
  case mergedForward = "merged-forward"
  case pat
  case system
  /// An app message or unknown type the export does not name.
  case other

  /// Maps a WeChat type code and app-message sub-type to a kind.
  ///
  /// Accepts WeChat 4.x packed codes (`subType << 32 | type`) and Android's high-bit app
  /// message codes (low 16 bits 49) as FORMATS.md §3 describes.
  public static func fromWeChatType(_ rawType: Int64, subType rawSub: Int64 = 0) -> MessageKind {
    var type = rawType
    var sub = rawSub
    if type > 0xFFFF_FFFF {
      sub = type >> 32
      type &= 0xFFFF_FFFF
    }
    switch type {
    case 419_430_449: return .transfer
    case 436_207_665: return .redPacket
    case 822_083_633: return .quote
    case 1_090_519_089: return .file
    case 1_048_625: return .emoji
    default: break
    }
    if type > 0xFFFF, type & 0xFFFF == 49 { type = 49 }
    switch type {
    case 1: return .text
    case 3: return .image
    case 34: return .voice
    case 37: return .text  // friend request: the greeting words
    case 42: return .card
    case 43, 62: return .video
    case 47: return .emoji
    case 48: return .location
    case 50: return .call
    case 10000, 10002: return sub == 4 ? .pat : .system
    case 49:
      switch sub {
      case 2000: return .transfer
      case 2001: return .redPacket
      case 57: return .quote
      case 4, 5: return .link
      case 0, 6: return .file
      case 1: return .text
      case 17: return .location
      case 19: return .mergedForward
      case 33, 36: return .miniProgram
      case 62: return .pat
      default: return .other
      }
    default: return .other
    }
  }
}

/// A money transfer (转账) as far as the export shows it.
public struct Transfer: Sendable, Hashable, Codable {
  /// `paysubtype`: 1/7 initiated, 3/5 accepted, 4 returned, 8/9 iOS, 10 expired (FORMATS.md §5.1).
  public var paySubtype: Int?
  /// Amount in fen (分), when the export shows one.
  public var amountFen: Int64?
  public var payer: String?
  public var receiver: String?
  public var transferID: String?
  public var memo: String?

  public init(
    paySubtype: Int? = nil, amountFen: Int64? = nil, payer: String? = nil, receiver: String? = nil,
    transferID: String? = nil, memo: String? = nil
  ) {
    self.paySubtype = paySubtype
    self.amountFen = amountFen
    self.payer = payer
    self.receiver = receiver
    self.transferID = transferID
    self.memo = memo
  }

  /// Whether this message starts a transfer (written by the payer) rather than accepting one.
  public var isInitiation: Bool? {
    switch paySubtype {
    case 1, 7: true
    case 3, 5: false
    default: nil
    }
  }
}

/// One message of a chat export.
public struct Message: Sendable, Hashable, Codable {
  public var chat: ChatRef
  /// Unix time in seconds (UTC).
  public var time: Int64
  public var side: MessageSide
  public var kind: MessageKind
  /// The text as the export shows it, unescaped; for media the export's placeholder or empty.
  public var text: String
  /// In a group, who wrote it (a wxid or a name); `nil` in private chats.
  public var sender: String?
  /// WeChat's server message id (MsgSvrID) where the export has it, as digits.
  public var serverID: String?
  /// The exporter's own stable key when it has one (chatlog `seq`, WeFlow `localId` …).
  public var exporterKey: String?
  public var transfer: Transfer?
  /// Raw payload XML (`StrContent`/`CompressContent`) where the export keeps it, for the payload
  /// parser to read later.
  public var payload: String?
  public var source: SourceLocation

  public init(
    chat: ChatRef, time: Int64, side: MessageSide, kind: MessageKind, text: String,
    sender: String? = nil, serverID: String? = nil, exporterKey: String? = nil, transfer: Transfer? = nil,
    payload: String? = nil, source: SourceLocation
  ) {
    self.chat = chat
    self.time = time
    self.side = side
    self.kind = kind
    self.text = text
    self.sender = sender
    self.serverID = serverID
    self.exporterKey = exporterKey
    self.transfer = transfer
    self.payload = payload
    self.source = source
  }
}
