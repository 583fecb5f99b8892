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
/// The state is one struct that each callback modifies once: libxml2 calls in from C, so every
/// separate read of a class property paid a dynamic exclusivity check (3 % of a page's parse).
final class WechatExporterDOM: HTMLEventHandler {
  private var state = State()

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
      // The class list is looked up once per element; each `hasClass` walked all attributes.
      let classes = attributes.value("class") ?? UnsafeBufferPointer(start: nil, count: 0)
      func hasClass(_ token: StaticString) -> Bool { HTMLBytes.containsToken(classes, token) }
      if HTMLBytes.equals(name, "div"), hasClass("msg") {
        finishBubble()
        var bubble = WechatExporterBubble(location: parser?.location ?? SourceLocation(path: ""))
        bubble.msgid = attributes.string("msgid")
        bubble.msgtype = attributes.string("msgtype")
        bubble.isRight = hasClass("right")
        bubble.isNotice = hasClass("chat-notice")
        bubble.isMedia = hasClass("media")
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
        if preDepth != nil, hasClass("wxemoji"), let raw = attributes.value("rawemoji") {
          pre.append(contentsOf: raw)
        }
        if attributes.value("rawurl") != nil || attributes.value("data-src") != nil {
          current?.hasImage = true
        }
        if attributes.value("rawsrc") != nil { current?.hasSticker = true }
      case 4 where HTMLBytes.equals(name, "span"):
        if hasClass("dspname") {
          nameDepth = depth
          current?.wxID = attributes.string("wxid")
        } else if hasClass("app-name") {
          appNameDepth = depth
        }
      case 3 where HTMLBytes.equals(name, "div"):
        if hasClass("nt-box") {
          timeDepth = depth
        } else if hasClass("voicebox") || hasClass("voicetime") {
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
