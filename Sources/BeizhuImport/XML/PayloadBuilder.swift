import BeizhuCore

/// Collects the few fields Beizhu reads from a payload's elements, whoever produces the events:
/// libxml2's SAX parser or the walk over MemoTrace v3's Python dict rendering.
///
/// Element names are matched as bytes against a small table; only the text of elements that map
/// to a ``Field`` is ever turned into a `String`.
final class PayloadBuilder: XMLEventHandler {
  /// Elements Beizhu knows; everything else is `.other`.
  enum Tag: UInt8, CaseIterable {
    case other
    case msg, appmsg, title, des, type, url, sourcedisplayname, appattach, totallen, fileext
    case wcpayinfo, paysubtype, feedesc, transferid, transcationid, payMemo, payerUsername
    case receiverUsername, receivertitle, sendertitle
    case refermsg, svrid, fromusr, chatusr, displayname, content, createtime
    case fromusername, img, voicemsg, videomsg, emoji, location
    case voipmsg, voipinvitemsg, voipBubbleMsg, sysmsg, revokemsg, replacemsg
    case pat, template, pattedusername

    var name: String {
      switch self {
      case .payMemo: "pay_memo"
      case .payerUsername: "payer_username"
      case .receiverUsername: "receiver_username"
      case .voipBubbleMsg: "VoIPBubbleMsg"
      default: "\(self)"
      }
    }

    /// Whether a payload may have this root element.
    var isPayloadRoot: Bool {
      switch self {
      case .msg, .appmsg, .sysmsg, .voipmsg, .voipinvitemsg, .revokemsg: true
      default: false
      }
    }

    init(_ name: UnsafeBufferPointer<UInt8>) {
      // A switch on the length, then byte compares against static strings: no allocation and
      // no reference counting per element, which a table of arrays would cost.
      func matches(_ text: StaticString) -> Bool {
        UnsafeBufferPointer(start: text.utf8Start, count: name.count).elementsEqual(name)
      }
      guard name.baseAddress != nil else {
        self = .other
        return
      }
      switch name.count {
      case 3:
        if matches("msg") {
          self = .msg
          return
        }
        if matches("des") {
          self = .des
          return
        }
        if matches("url") {
          self = .url
          return
        }
        if matches("img") {
          self = .img
          return
        }
        if matches("pat") {
          self = .pat
          return
        }
      case 4:
        if matches("type") {
          self = .type
          return
        }
      case 5:
        if matches("title") {
          self = .title
          return
        }
        if matches("svrid") {
          self = .svrid
          return
        }
        if matches("emoji") {
          self = .emoji
          return
        }
      case 6:
        if matches("appmsg") {
          self = .appmsg
          return
        }
        if matches("sysmsg") {
          self = .sysmsg
          return
        }
      case 7:
        if matches("fileext") {
          self = .fileext
          return
        }
        if matches("feedesc") {
          self = .feedesc
          return
        }
        if matches("fromusr") {
          self = .fromusr
          return
        }
        if matches("chatusr") {
          self = .chatusr
          return
        }
        if matches("content") {
          self = .content
          return
        }
        if matches("voipmsg") {
          self = .voipmsg
          return
        }
      case 8:
        if matches("totallen") {
          self = .totallen
          return
        }
        if matches("pay_memo") {
          self = .payMemo
          return
        }
        if matches("refermsg") {
          self = .refermsg
          return
        }
        if matches("voicemsg") {
          self = .voicemsg
          return
        }
        if matches("videomsg") {
          self = .videomsg
          return
        }
        if matches("location") {
          self = .location
          return
        }
        if matches("template") {
          self = .template
          return
        }
      case 9:
        if matches("appattach") {
          self = .appattach
          return
        }
        if matches("wcpayinfo") {
          self = .wcpayinfo
          return
        }
        if matches("revokemsg") {
          self = .revokemsg
          return
        }
      case 10:
        if matches("paysubtype") {
          self = .paysubtype
          return
        }
        if matches("transferid") {
          self = .transferid
          return
        }
        if matches("createtime") {
          self = .createtime
          return
        }
        if matches("replacemsg") {
          self = .replacemsg
          return
        }
      case 11:
        if matches("sendertitle") {
          self = .sendertitle
          return
        }
        if matches("displayname") {
          self = .displayname
          return
        }
      case 12:
        if matches("fromusername") {
          self = .fromusername
          return
        }
      case 13:
        if matches("transcationid") {
          self = .transcationid
          return
        }
        if matches("receivertitle") {
          self = .receivertitle
          return
        }
        if matches("voipinvitemsg") {
          self = .voipinvitemsg
          return
        }
        if matches("VoIPBubbleMsg") {
          self = .voipBubbleMsg
          return
        }
      case 14:
        if matches("payer_username") {
          self = .payerUsername
          return
        }
        if matches("pattedusername") {
          self = .pattedusername
          return
        }
      case 17:
        if matches("sourcedisplayname") {
          self = .sourcedisplayname
          return
        }
        if matches("receiver_username") {
          self = .receiverUsername
          return
        }
      default: break
      }
      self = .other
    }
  }

  /// The values kept, by index into `fields`.
  enum Field: Int, CaseIterable {
    case title, des, appType, url, sourceName, totalLength, fileExtension
    case paySubtype, feeDesc, transferID, transactionID, payMemo, payer, receiver
    case receiverTitle, senderTitle
    case referType, referServerID, referFrom, referChat, referDisplayName, referContent, referTime
    case fromUsername
    case imageMD5, imageLength, voiceLength, videoMD5, videoLength, videoPlayLength
    case emojiMD5, emojiCDN, latitude, longitude, locationLabel, poiName
    case callText, sysmsgType, recallText, patTemplate, patFrom, patPatted
  }

  private(set) var fields = [String?](repeating: nil, count: Field.allCases.count)
  private var stack: [Tag] = []
  private var seen: UInt64 = 0
  private(set) var root: Tag?
  private(set) var rootName = ""
  private var capture: Field?
  private var captureDepth = 0
  private var buffer: [UInt8] = []

  init() {
    stack.reserveCapacity(16)
    buffer.reserveCapacity(256)
  }

  func reset() {
    for index in fields.indices { fields[index] = nil }
    stack.removeAll(keepingCapacity: true)
    seen = 0
    root = nil
    rootName = ""
    capture = nil
    buffer.removeAll(keepingCapacity: true)
  }

  func saw(_ tag: Tag) -> Bool { seen & (1 << UInt64(tag.rawValue)) != 0 }

  subscript(_ field: Field) -> String? { fields[field.rawValue] }

  // MARK: Events

  func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes) {
    let tag = open(name)
    guard attributes.count > 0, Self.hasAttributes(tag) else { return }
    attributes.visit { attributeName, value in
      if let field = Self.attributeField(element: tag, name: attributeName), fields[field.rawValue] == nil {
        fields[field.rawValue] = XMLAttributes.decode(value)
      }
    }
  }

  /// The start of an element whose attributes are already strings (the Python dict walk).
  func startElement(_ name: String, attributes: [(String, String)]) {
    var name = name
    let tag = name.withUTF8 { open($0) }
    guard Self.hasAttributes(tag) else { return }
    for (attributeName, value) in attributes {
      var attributeName = attributeName
      let field = attributeName.withUTF8 { Self.attributeField(element: tag, name: $0) }
      if let field, fields[field.rawValue] == nil { fields[field.rawValue] = value }
    }
  }

  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard capture != nil, stack.count == captureDepth else { return }
    buffer.append(contentsOf: bytes)
  }

  func endElement() {
    if let field = capture, stack.count == captureDepth {
      commit(field)
      capture = nil
    }
    _ = stack.popLast()
  }

  private func open(_ name: UnsafeBufferPointer<UInt8>) -> Tag {
    let tag = Tag(name)
    let parent = stack.last
    if parent == nil, root == nil {
      root = tag
      rootName = String(decoding: name, as: UTF8.self)
    }
    stack.append(tag)
    seen |= 1 << UInt64(tag.rawValue)
    if let field = Self.field(for: tag, parent: parent) {
      capture = field
      captureDepth = stack.count
      buffer.removeAll(keepingCapacity: true)
    }
    return tag
  }

  private func commit(_ field: Field) {
    guard fields[field.rawValue] == nil else { return }
    if field == .recallText {
      // A bare `<revokemsg>` holds the notice as its text; with children it is only whitespace.
      let text = String(decoding: buffer, as: UTF8.self)
      if !PayloadText.trimmed(text).isEmpty { fields[field.rawValue] = text }
      return
    }
    fields[field.rawValue] = String(decoding: buffer, as: UTF8.self)
  }

  // MARK: Which elements and attributes are kept

  private static func field(for tag: Tag, parent: Tag?) -> Field? {
    switch (parent, tag) {
    case (.appmsg, .title): .title
    case (.appmsg, .des): .des
    case (.appmsg, .type): .appType
    case (.appmsg, .url): .url
    case (.appmsg, .sourcedisplayname): .sourceName
    case (.appattach, .totallen): .totalLength
    case (.appattach, .fileext): .fileExtension
    case (.wcpayinfo, .paysubtype): .paySubtype
    case (.wcpayinfo, .feedesc): .feeDesc
    case (.wcpayinfo, .transferid): .transferID
    case (.wcpayinfo, .transcationid): .transactionID
    case (.wcpayinfo, .payMemo): .payMemo
    case (.wcpayinfo, .payerUsername): .payer
    case (.wcpayinfo, .receiverUsername): .receiver
    case (.wcpayinfo, .receivertitle): .receiverTitle
    case (.wcpayinfo, .sendertitle): .senderTitle
    case (.refermsg, .type): .referType
    case (.refermsg, .svrid): .referServerID
    case (.refermsg, .fromusr): .referFrom
    case (.refermsg, .chatusr): .referChat
    case (.refermsg, .displayname): .referDisplayName
    case (.refermsg, .content): .referContent
    case (.refermsg, .createtime): .referTime
    case (.msg, .fromusername): .fromUsername
    case (.voipBubbleMsg, .msg): .callText
    case (_, .revokemsg): .recallText
    case (.revokemsg, .replacemsg), (.revokemsg, .content): .recallText
    case (.pat, .template): .patTemplate
    case (.pat, .fromusername): .patFrom
    case (.pat, .pattedusername): .patPatted
    default: nil
    }
  }

  private static func hasAttributes(_ tag: Tag) -> Bool {
    switch tag {
    case .img, .voicemsg, .videomsg, .emoji, .location, .sysmsg: true
    default: false
    }
  }

  private static func attributeField(element: Tag, name: UnsafeBufferPointer<UInt8>) -> Field? {
    // Python dict keys for attributes start with `@` (xmltodict).
    var name = name
    if name.first == UInt8(ascii: "@") { name = UnsafeBufferPointer(rebasing: name.dropFirst()) }
    func named(_ text: StaticString) -> Bool {
      text.utf8CodeUnitCount == name.count
        && UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount).elementsEqual(name)
    }
    switch element {
    case .img:
      if named("md5") { return .imageMD5 }
      if named("length") { return .imageLength }
    case .voicemsg:
      if named("voicelength") { return .voiceLength }
    case .videomsg:
      if named("md5") { return .videoMD5 }
      if named("length") { return .videoLength }
      if named("playlength") { return .videoPlayLength }
    case .emoji:
      if named("md5") { return .emojiMD5 }
      if named("cdnurl") { return .emojiCDN }
    case .location:
      if named("x") { return .latitude }
      if named("y") { return .longitude }
      if named("label") { return .locationLabel }
      if named("poiname") { return .poiName }
    case .sysmsg:
      if named("type") { return .sysmsgType }
    default: break
    }
    return nil
  }

  // MARK: Result

  /// The typed payload, or `nil` when the root is not a payload root.
  func makeContent() -> Payload.Content {
    guard let root, root.isPayloadRoot else { return .unknown(root: rootName) }
    if saw(.appmsg) { return appMessageContent() }
    if saw(.sysmsg) || saw(.revokemsg) {
      let type = self[.sysmsgType].map(PayloadText.trimmed)
      if type == "pat" || (type == nil && saw(.pat)) {
        let template = self[.patTemplate] ?? ""
        return .pat(Payload.Pat(text: template, from: nonEmpty(.patFrom), patted: nonEmpty(.patPatted)))
      }
      if type == "revokemsg" || saw(.revokemsg) {
        return .recall(SystemNotice(text: PayloadText.trimmed(self[.recallText] ?? "")))
      }
      return .unknown(root: rootName)
    }
    if saw(.img) {
      return .image(Payload.Image(md5: nonEmpty(.imageMD5), length: integer(.imageLength)))
    }
    if saw(.voicemsg) {
      return .voice(Payload.Voice(durationMilliseconds: integer(.voiceLength).map { Int($0) }))
    }
    if saw(.videomsg) {
      return .video(
        Payload.Video(
          md5: nonEmpty(.videoMD5), length: integer(.videoLength),
          durationSeconds: integer(.videoPlayLength).map { Int($0) }))
    }
    if saw(.emoji) {
      return .emoji(Payload.Emoji(md5: nonEmpty(.emojiMD5), cdnURL: nonEmpty(.emojiCDN)))
    }
    if saw(.location) {
      return .location(
        Payload.Location(
          latitude: nonEmpty(.latitude), longitude: nonEmpty(.longitude), label: nonEmpty(.locationLabel),
          poiName: nonEmpty(.poiName)))
    }
    if saw(.voipmsg) || saw(.voipinvitemsg) || saw(.voipBubbleMsg) {
      return .call(Payload.Call(text: self[.callText] ?? ""))
    }
    return .unknown(root: rootName)
  }

  private func appMessageContent() -> Payload.Content {
    let title = self[.title] ?? ""
    let description = self[.des] ?? ""
    var type = integer(.appType).map { Int(clamping: $0) }
    if type == nil, saw(.wcpayinfo), self[.paySubtype] != nil { type = 2000 }
    switch type ?? 0 {
    case 2000:
      return .transfer(
        Transfer(
          paySubtype: integer(.paySubtype).map { Int(clamping: $0) },
          amountFen: self[.feeDesc].flatMap(PayloadParser.amountFen),
          payer: nonEmpty(.payer), receiver: nonEmpty(.receiver),
          transferID: nonEmpty(.transferID) ?? nonEmpty(.transactionID),
          memo: self[.payMemo].flatMap { $0.isEmpty ? nil : $0 }))
    case 2001:
      let receiverTitle = self[.receiverTitle]
      let senderTitle = self[.senderTitle]
      let blessing = [receiverTitle, senderTitle].compactMap { $0 }.first { !$0.isEmpty } ?? ""
      return .redPacket(
        Payload.RedPacket(blessing: blessing, receiverTitle: receiverTitle, senderTitle: senderTitle))
    case 57:
      return .quote(
        Payload.Quote(
          text: title, quotedType: integer(.referType).map { Int(clamping: $0) },
          quotedServerID: nonEmpty(.referServerID), quotedFrom: nonEmpty(.referFrom),
          quotedChat: nonEmpty(.referChat), quotedDisplayName: self[.referDisplayName],
          quotedContent: self[.referContent], quotedTime: integer(.referTime)))
    case 4, 5:
      return .link(
        Payload.Link(
          title: title, description: description, url: self[.url] ?? "", sourceName: nonEmpty(.sourceName)))
    case 6:
      return .file(
        Payload.FileAttachment(
          title: title, size: integer(.totalLength), fileExtension: nonEmpty(.fileExtension)))
    case 0 where saw(.appattach):
      return .file(
        Payload.FileAttachment(
          title: title, size: integer(.totalLength), fileExtension: nonEmpty(.fileExtension)))
    case 19:
      return .mergedForward(title: title, description: description)
    case 62:
      return .pat(Payload.Pat(text: title))
    case let other:
      return .appMessage(
        Payload.AppMessage(type: other, title: title, description: description, url: self[.url] ?? ""))
    }
  }

  private func nonEmpty(_ field: Field) -> String? {
    guard let value = self[field] else { return nil }
    let trimmed = PayloadText.trimmed(value)
    return trimmed.isEmpty ? nil : trimmed
  }

  private func integer(_ field: Field) -> Int64? {
    guard let value = self[field] else { return nil }
    return Int64(PayloadText.trimmed(value))
  }
}

/// Small text helpers shared by the payload readers.
enum PayloadText {
  /// `text` without leading and trailing ASCII whitespace.
  static func trimmed(_ text: String) -> String {
    let utf8 = text.utf8
    guard let first = utf8.firstIndex(where: { !isSpace($0) }),
      let last = utf8.lastIndex(where: { !isSpace($0) })
    else { return "" }
    if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return text }
    return String(text[first...last])
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
