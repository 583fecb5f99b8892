import BeizhuCore

/// One WechatExporter message bubble (`div.msg`) as read from the page, before interpretation.
struct WechatExporterBubble {
  var msgid: String?
  var msgtype: String?
  var isRight = false
  var isNotice = false
  var isMedia = false
  var name: [UInt8] = []
  var wxID: String?
  var timeText: [UInt8] = []
  /// The `<pre>` texts, non-empty ones joined by a newline, with `rawemoji` codes restored.
  var text: [UInt8] = []
  var appName: [UInt8] = []
  var hasVoice = false
  var hasImage = false
  var hasSticker = false
  var hasVideo = false
  var location: SourceLocation
}

/// Collects `div.msg` bubbles from the SAX events of a WechatExporter chat page or of the HTML
/// snippets in its `msg-N.js` files (FORMATS.md §10).
///
/// A bubble ends when its `div` closes or when the next `div.msg` starts (text is not escaped
/// in the pages, so a stray tag must not swallow the following messages).
///
/// The state is one struct behind a pointer the handler owns: libxml2 calls in from C, so every
/// read of a class property paid a dynamic exclusivity check (3 % of a page's parse), and the
/// pointer itself is a constant. Only the parsing thread touches it.
final class WechatExporterDOM: HTMLEventHandler {
  private let statePointer: UnsafeMutablePointer<State>
  private var state: State {
    _read { yield statePointer.pointee }
    _modify { yield &statePointer.pointee }
  }

  init() {
    statePointer = .allocate(capacity: 1)
    statePointer.initialize(to: State())
  }

  deinit {
    statePointer.deinitialize(count: 1)
    statePointer.deallocate()
  }

  /// Bubbles read and not yet taken.
  var bubbles: [WechatExporterBubble] { state.bubbles }

  /// The bubbles read since the last call; the importer takes them after each parsed chunk.
  func takeBubbles() -> [WechatExporterBubble] {
    defer { state.bubbles.removeAll(keepingCapacity: true) }
    return state.bubbles
  }
  /// Bubbles read in this document.
  var count: Int { state.count }
  /// Set by the importer so bubbles carry their location.
  var parser: HTMLStreamParser? {
    get { state.parser }
    set { state.parser = newValue }
  }

  func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes) {
    state.startElement(name, attributes: attributes)
  }

  func endElement(_ name: UnsafeBufferPointer<UInt8>) { state.endElement(name) }

  func characters(_ bytes: UnsafeBufferPointer<UInt8>) { state.characters(bytes) }

  func rawText(_ bytes: UnsafeBufferPointer<UInt8>) {}
  func rawTextEnded() {}

  /// Ends the open bubble, if any (page end, next bubble, or its `div` closed).
  func finishBubble() { state.finishBubble() }

  /// Whether a bubble is open (the page ended inside it).
  var isInsideBubble: Bool { state.current != nil }

  /// Drops an open bubble (the page was cut inside it).
  func discardOpenBubble() { state.discardOpenBubble() }

  /// The classes of WechatExporter's markup that the DOM reads.
  struct Classes: OptionSet {
    let rawValue: UInt16
    static let msg = Classes(rawValue: 1 << 0)
    static let right = Classes(rawValue: 1 << 1)
    static let chatNotice = Classes(rawValue: 1 << 2)
    static let media = Classes(rawValue: 1 << 3)
    static let wxemoji = Classes(rawValue: 1 << 4)
    static let dspname = Classes(rawValue: 1 << 5)
    static let appName = Classes(rawValue: 1 << 6)
    static let ntBox = Classes(rawValue: 1 << 7)
    static let voicebox = Classes(rawValue: 1 << 8)
    static let voicetime = Classes(rawValue: 1 << 9)

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The known classes in a space-separated class list; others are ignored.
    init(_ list: UnsafeBufferPointer<UInt8>) {
      var found: Classes = []
      var start = 0
      let count = list.count
      while start < count {
        while start < count, HTMLBytes.isSpace(list[start]) { start += 1 }
        var end = start
        while end < count, !HTMLBytes.isSpace(list[end]) { end += 1 }
        let token = UnsafeBufferPointer(rebasing: list[start..<end])
        switch token.count {
        case 3 where HTMLBytes.equals(token, "msg"): found.insert(.msg)
        case 5 where HTMLBytes.equals(token, "right"): found.insert(.right)
        case 5 where HTMLBytes.equals(token, "media"): found.insert(.media)
        case 6 where HTMLBytes.equals(token, "nt-box"): found.insert(.ntBox)
        case 7 where HTMLBytes.equals(token, "wxemoji"): found.insert(.wxemoji)
        case 7 where HTMLBytes.equals(token, "dspname"): found.insert(.dspname)
        case 8 where HTMLBytes.equals(token, "app-name"): found.insert(.appName)
        case 8 where HTMLBytes.equals(token, "voicebox"): found.insert(.voicebox)
        case 9 where HTMLBytes.equals(token, "voicetime"): found.insert(.voicetime)
        case 11 where HTMLBytes.equals(token, "chat-notice"): found.insert(.chatNotice)
        default: break
        }
        start = end
      }
      self = found
    }
  }

  private struct State {
    var bubbles: [WechatExporterBubble] = []
    var count = 0
    unowned(unsafe) var parser: HTMLStreamParser?
    var depth = 0
    var current: WechatExporterBubble?
    var messageDepth = 0
    var nameDepth: Int?
    var timeDepth: Int?
    var preDepth: Int?
    var appNameDepth: Int?
    var pre: [UInt8] = []

    mutating func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes) {
      depth += 1
      // The class list is read once per element, in one pass for every class the DOM knows.
      let classes = attributes.value("class").map(Classes.init) ?? []
      func hasClass(_ known: Classes) -> Bool { classes.contains(known) }
      if HTMLBytes.equals(name, "div"), hasClass(.msg) {
        finishBubble()
        var bubble = WechatExporterBubble(location: parser?.location ?? SourceLocation(path: ""))
        bubble.msgid = attributes.string("msgid")
        bubble.msgtype = attributes.string("msgtype")
        bubble.isRight = hasClass(.right)
        bubble.isNotice = hasClass(.chatNotice)
        bubble.isMedia = hasClass(.media)
        current = bubble
        messageDepth = depth
        return
      }
      guard current != nil else { return }
      switch name.count {
      case 1 where HTMLBytes.equals(name, "a"):
        break
      case 3 where HTMLBytes.equals(name, "pre"):
        if preDepth == nil {
          preDepth = depth
          pre.removeAll(keepingCapacity: true)
        }
      case 3 where HTMLBytes.equals(name, "img"):
        if preDepth != nil, hasClass(.wxemoji), let raw = attributes.value("rawemoji") {
          pre.append(contentsOf: raw)
        }
        if attributes.value("rawurl") != nil || attributes.value("data-src") != nil {
          current?.hasImage = true
        }
        if attributes.value("rawsrc") != nil { current?.hasSticker = true }
      case 4 where HTMLBytes.equals(name, "span"):
        if hasClass(.dspname) {
          nameDepth = depth
          current?.wxID = attributes.string("wxid")
        } else if hasClass(.appName) {
          appNameDepth = depth
        }
      case 3 where HTMLBytes.equals(name, "div"):
        if hasClass(.ntBox) {
          timeDepth = depth
        } else if hasClass(.voicebox) || hasClass(.voicetime) {
          current?.hasVoice = true
        }
      case 5 where HTMLBytes.equals(name, "video"):
        current?.hasVideo = true
      case 5 where HTMLBytes.equals(name, "audio"):
        current?.hasVoice = true
      default:
        break
      }
    }

    mutating func endElement(_ name: UnsafeBufferPointer<UInt8>) {
      if current != nil {
        if nameDepth == depth { nameDepth = nil }
        if timeDepth == depth { timeDepth = nil }
        if appNameDepth == depth { appNameDepth = nil }
        if preDepth == depth {
          preDepth = nil
          if pre.contains(where: { !HTMLBytes.isSpace($0) }) {
            if current?.text.isEmpty == false { current?.text.append(0x0A) }
            current?.text.append(contentsOf: pre)
          }
        }
      }
      depth -= 1
      if current != nil, depth < messageDepth { finishBubble() }
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard current != nil else { return }
      if nameDepth != nil {
        current?.name.append(contentsOf: bytes)
      } else if appNameDepth != nil {
        current?.appName.append(contentsOf: bytes)
      } else if preDepth != nil {
        pre.append(contentsOf: bytes)
      } else if timeDepth != nil {
        current?.timeText.append(contentsOf: bytes)
      }
    }

    mutating func finishBubble() {
      guard var bubble = current else { return }
      current = nil
      if let preDepth, preDepth > 0, pre.contains(where: { !HTMLBytes.isSpace($0) }) {
        // A `<pre>` left open by a cut page.
        if !bubble.text.isEmpty { bubble.text.append(0x0A) }
        bubble.text.append(contentsOf: pre)
      }
      nameDepth = nil
      timeDepth = nil
      preDepth = nil
      appNameDepth = nil
      pre.removeAll(keepingCapacity: true)
      bubbles.append(bubble)
      count += 1
    }

    mutating func discardOpenBubble() {
      current = nil
      nameDepth = nil
      timeDepth = nil
      preDepth = nil
      appNameDepth = nil
    }
  }
}
