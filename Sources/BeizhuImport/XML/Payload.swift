import BeizhuCore

/// What a WeChat message payload (`StrContent` / `CompressContent`) says, in typed form.
///
/// See FORMATS.md §5. Only the fields Beizhu uses are kept; everything else in the XML is
/// skipped without building strings.
public struct Payload: Sendable, Hashable {
  public var content: Content
  /// The wxid that prefixed the XML (`"wxid_…:\n<msg>…"`, WeChat 4.x group chats), if any.
  public var groupSender: String?
  /// `<msg><fromusername>`: the account that wrote the message, when the payload names it.
  public var fromUsername: String?

  public init(_ content: Content, groupSender: String? = nil, fromUsername: String? = nil) {
    self.content = content
    self.groupSender = groupSender
    self.fromUsername = fromUsername
  }

  /// The payload's content by message type.
  public enum Content: Sendable, Hashable {
    /// appmsg type 2000 (转账).
    case transfer(Transfer)
    /// appmsg type 2001 (红包): no amount exists anywhere in it.
    case redPacket(RedPacket)
    /// appmsg type 57: a reply quoting an earlier message.
    case quote(Quote)
    /// appmsg type 4/5: a link card.
    case link(Link)
    /// appmsg type 6 (and 0 with an attachment): a file.
    case file(FileAttachment)
    /// appmsg type 19: merged chat records.
    case mergedForward(title: String, description: String)
    /// appmsg type 62, or `<sysmsg type="pat">`: 拍一拍.
    case pat(Pat)
    /// Any other appmsg type, with its number (mini programs, music, Channels cards …).
    case appMessage(AppMessage)
    /// Type 3.
    case image(Image)
    /// Type 34.
    case voice(Voice)
    /// Type 43.
    case video(Video)
    /// Type 47 (动画表情).
    case emoji(Emoji)
    /// Type 48.
    case location(Location)
    /// Type 50: voice or video call (`voipmsg`, `voipinvitemsg`).
    case call(Call)
    /// `<sysmsg type="revokemsg">` (Type 10002) or a bare `<revokemsg>`. Type 10000 texts
    /// with markup are not XML: read them with ``SystemNotice/init(markup:)``.
    case recall(SystemNotice)
    /// Well-formed XML whose shape Beizhu does not know; `root` is the root element's name.
    case unknown(root: String)
  }

  public struct RedPacket: Sendable, Hashable {
    /// The blessing (`receivertitle`, else `sendertitle`): free text, e.g. `恭喜发财，大吉大利` or `货款`.
    public var blessing: String
    public var receiverTitle: String?
    public var senderTitle: String?

    public init(blessing: String, receiverTitle: String? = nil, senderTitle: String? = nil) {
      self.blessing = blessing
      self.receiverTitle = receiverTitle
      self.senderTitle = senderTitle
    }
  }

  public struct Quote: Sendable, Hashable {
    /// The reply itself (`appmsg/title`): the sender's own words.
    public var text: String
    /// The quoted message's type code (`refermsg/type`).
    public var quotedType: Int?
    public var quotedServerID: String?
    /// Who wrote the quoted message (`fromusr`).
    public var quotedFrom: String?
    /// The chat of the quoted message (`chatusr`), set in groups.
    public var quotedChat: String?
    public var quotedDisplayName: String?
    /// The quoted text: usually someone else's words.
    public var quotedContent: String?
    /// Unix seconds.
    public var quotedTime: Int64?

    public init(
      text: String, quotedType: Int? = nil, quotedServerID: String? = nil, quotedFrom: String? = nil,
      quotedChat: String? = nil, quotedDisplayName: String? = nil, quotedContent: String? = nil,
      quotedTime: Int64? = nil
    ) {
      self.text = text
      self.quotedType = quotedType
      self.quotedServerID = quotedServerID
      self.quotedFrom = quotedFrom
      self.quotedChat = quotedChat
      self.quotedDisplayName = quotedDisplayName
      self.quotedContent = quotedContent
      self.quotedTime = quotedTime
    }
  }

  public struct Link: Sendable, Hashable {
    public var title: String
    public var description: String
    public var url: String
    /// The official account or app the card comes from (`sourcedisplayname`).
    public var sourceName: String?

    public init(title: String, description: String = "", url: String = "", sourceName: String? = nil) {
      self.title = title
      self.description = description
      self.url = url
      self.sourceName = sourceName
    }
  }

  public struct FileAttachment: Sendable, Hashable {
    public var title: String
    /// `appattach/totallen`, in bytes.
    public var size: Int64?
    /// `appattach/fileext`, without the dot.
    public var fileExtension: String?

    public init(title: String, size: Int64? = nil, fileExtension: String? = nil) {
      self.title = title
      self.size = size
      self.fileExtension = fileExtension
    }
  }

  public struct Pat: Sendable, Hashable {
    /// The notice as shown (`"王丽" 拍了拍我`), or the `template` with `${wxid}` placeholders.
    public var text: String
    public var from: String?
    public var patted: String?

    public init(text: String, from: String? = nil, patted: String? = nil) {
      self.text = text
      self.from = from
      self.patted = patted
    }
  }

  public struct AppMessage: Sendable, Hashable {
    /// The `<appmsg><type>` number.
    public var type: Int
    public var title: String
    public var description: String
    public var url: String

    public init(type: Int, title: String = "", description: String = "", url: String = "") {
      self.type = type
      self.title = title
      self.description = description
      self.url = url
    }
  }

  public struct Image: Sendable, Hashable {
    public var md5: String?
    /// Bytes of the full image (`length`).
    public var length: Int64?

    public init(md5: String? = nil, length: Int64? = nil) {
      self.md5 = md5
      self.length = length
    }
  }

  public struct Voice: Sendable, Hashable {
    /// `voicelength`, in milliseconds.
    public var durationMilliseconds: Int?

    public init(durationMilliseconds: Int? = nil) {
      self.durationMilliseconds = durationMilliseconds
    }
  }

  public struct Video: Sendable, Hashable {
    public var md5: String?
    public var length: Int64?
    /// `playlength`, in seconds.
    public var durationSeconds: Int?

    public init(md5: String? = nil, length: Int64? = nil, durationSeconds: Int? = nil) {
      self.md5 = md5
      self.length = length
      self.durationSeconds = durationSeconds
    }
  }

  public struct Emoji: Sendable, Hashable {
    public var md5: String?
    /// With `&amp;` already decoded.
    public var cdnURL: String?

    public init(md5: String? = nil, cdnURL: String? = nil) {
      self.md5 = md5
      self.cdnURL = cdnURL
    }
  }

  public struct Location: Sendable, Hashable {
    /// Latitude and longitude as written (`x`, `y`), kept as text to stay exact.
    public var latitude: String?
    public var longitude: String?
    public var label: String?
    public var poiName: String?

    public init(
      latitude: String? = nil, longitude: String? = nil, label: String? = nil, poiName: String? = nil
    ) {
      self.latitude = latitude
      self.longitude = longitude
      self.label = label
      self.poiName = poiName
    }
  }

  public struct Call: Sendable, Hashable {
    /// The bubble text (`通话时长 00:31`, `已取消`), when there is one.
    public var text: String

    public init(text: String = "") {
      self.text = text
    }
  }
}

extension Payload {
  /// The message kind this payload shows.
  public var messageKind: MessageKind {
    switch content {
    case .transfer: .transfer
    case .redPacket: .redPacket
    case .quote: .quote
    case .link: .link
    case .file: .file
    case .mergedForward: .mergedForward
    case .pat: .pat
    case .appMessage(let app): MessageKind.fromWeChatType(49, subType: Int64(app.type))
    case .image: .image
    case .voice: .voice
    case .video: .video
    case .emoji: .emoji
    case .location: .location
    case .call: .call
    case .recall: .system
    case .unknown: .other
    }
  }

  /// The words the payload carries for people, for keyword matching and previews: the transfer
  /// memo, the red-packet blessing, the reply, a card's title and description; empty for media.
  public var displayText: String {
    switch content {
    case .transfer(let transfer): transfer.memo ?? ""
    case .redPacket(let packet): packet.blessing
    case .quote(let quote): quote.text
    case .link(let link): link.description.isEmpty ? link.title : link.title + "\n" + link.description
    case .file(let file): file.title
    case .mergedForward(let title, let description): description.isEmpty ? title : title + "\n" + description
    case .pat(let pat): pat.text
    case .appMessage(let app): app.title
    case .location(let location): location.poiName ?? location.label ?? ""
    case .call(let call): call.text
    case .recall(let notice): notice.text
    case .image, .voice, .video, .emoji, .unknown: ""
    }
  }
}
