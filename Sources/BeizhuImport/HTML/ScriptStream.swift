import BeizhuCore
import Foundation

/// What a page handler reports about the scripts of a page, in document order.
enum ScriptEvent {
  case start(line: Int, offset: Int64)
  case text([UInt8])
  case end
}

/// Collects the page `<title>` and the text of every `<script>` as libxml2 reports it, as a
/// queue of events that ``ScriptStream`` hands to a pull reader.
final class ScriptCollector: HTMLEventHandler {
  var events: [ScriptEvent] = []
  private(set) var title: [UInt8]?
  unowned(unsafe) var parser: HTMLStreamParser?
  private var inTitle = false
  private var inScript = false

  func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes) {
    if HTMLBytes.equals(name, "script") {
      inScript = true
      let location = parser?.location ?? SourceLocation(path: "")
      events.append(.start(line: location.line, offset: location.byteOffset))
    } else if HTMLBytes.equals(name, "title"), title == nil {
      inTitle = true
      title = []
    }
  }

  func endElement(_ name: UnsafeBufferPointer<UInt8>) {
    if HTMLBytes.equals(name, "title") { inTitle = false }
  }

  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    if inTitle { title?.append(contentsOf: bytes) }
  }

  /// Script text since the last event, handed out as one `.text` (libxml2 reports 1000 bytes a call).
  var pendingText: [UInt8] = []

  func rawText(_ bytes: UnsafeBufferPointer<UInt8>) {
    if inScript { pendingText.append(contentsOf: bytes) }
  }

  func rawTextEnded() {
    if inScript {
      flushText()
      events.append(.end)
    }
    inScript = false
  }

  /// Queues the accumulated script text as one event.
  func flushText() {
    guard !pendingText.isEmpty else { return }
    events.append(.text(pendingText))
    pendingText = []
    pendingText.reserveCapacity(1 << 16)
  }
}

/// A page read as a sequence of script events: the file is fed to libxml2 chunk by chunk only
/// as the reader asks for more, so at most one chunk of script text is queued at a time.
final class ScriptStream {
  let path: String
  let collector = ScriptCollector()
  let parser: HTMLStreamParser
  private let stream: UTF8Stream
  private var finished = false
  private var index = 0
  /// Issues from decoding and libxml2, for the importer to emit.
  var issues: [Issue] = []

  private let decodeIssues = IssueBox()

  init(path: String) throws(ImportError) {
    self.path = path
    let box = decodeIssues
    stream = try UTF8Stream(path: path) { box.issues.append($0) }
    parser = HTMLStreamParser(path: path, handler: collector)
    collector.parser = parser
  }

  /// The next event, feeding more of the file when none is queued; `nil` at the end.
  func next() throws(ImportError) -> ScriptEvent? {
    while true {
      if index < collector.events.count {
        let event = collector.events[index]
        index += 1
        if index == collector.events.count {
          collector.events.removeAll(keepingCapacity: true)
          index = 0
        }
        return event
      }
      if !collector.pendingText.isEmpty {
        collector.flushText()
        continue
      }
      if finished { return nil }
      let chunk = try stream.next()
      if chunk.isEmpty {
        parser.finish()
        parser.summarizeErrors()
        finished = true
      } else {
        parser.feed(chunk)
      }
      issues.append(contentsOf: decodeIssues.issues)
      decodeIssues.issues.removeAll()
      issues.append(contentsOf: parser.issues)
      parser.issues.removeAll()
    }
  }

  /// The page title, once parsed.
  var title: String? {
    collector.title.map {
      String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }
}

/// Issues reported from a callback, kept until the importer can emit them.
final class IssueBox {
  var issues: [Issue] = []
}

/// The text of one `<script>` as a chunk source for ``JSONStreamReader``.
final class ScriptText: UTF8ChunkSource {
  let path: String
  let offsetBase: Int64
  let startLine: Int
  private let page: ScriptStream
  private(set) var ended = false

  init(page: ScriptStream, line: Int, offset: Int64) {
    self.page = page
    path = page.path
    offsetBase = max(0, offset)
    startLine = max(1, line)
  }

  func next() throws(ImportError) -> [UInt8] {
    while !ended {
      guard let event = try page.next() else {
        ended = true
        break
      }
      switch event {
      case .text(let bytes): if !bytes.isEmpty { return bytes }
      case .end, .start: ended = true
      }
    }
    return []
  }

  /// Reads the rest of the script without looking at it.
  func drain() throws(ImportError) {
    while try !next().isEmpty {}
  }
}

/// Decodes the HTML entities exporters escape text with (`&amp; &lt; &gt; &quot; &#39; &#NN; &#xHH;`).
enum HTMLEntities {
  /// The text of `bytes` with entities decoded: one String made, straight from the bytes when
  /// there is no `&`.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard let base = bytes.baseAddress, var ampersand = firstAmpersand(in: bytes, from: 0, base: base) else {
      return String(decoding: bytes, as: UTF8.self)
    }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var copiedUpTo = 0
    // Runs between entities are copied whole (a byte-at-a-time append showed in profiles).
    while true {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<ampersand]))
      if let end = entity(bytes, at: ampersand, into: &output) {
        copiedUpTo = end
      } else {
        output.append(UInt8(ascii: "&"))
        copiedUpTo = ampersand + 1
      }
      guard let next = firstAmpersand(in: bytes, from: copiedUpTo, base: base) else { break }
      ampersand = next
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
    return String(decoding: output, as: UTF8.self)
  }

  private static func firstAmpersand(
    in bytes: UnsafeBufferPointer<UInt8>, from start: Int, base: UnsafePointer<UInt8>
  )
    -> Int?
  {
    guard start < bytes.count, let hit = memchr(base + start, Int32(UInt8(ascii: "&")), bytes.count - start)
    else {
      return nil
    }
    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
  }

  /// Appends the entity at `start` decoded; returns the index after it, or `nil` (left as is).
  private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, into output: inout [UInt8])
    -> Int?
  {
    var end = start + 1
    while end < bytes.count, end - start <= 10, bytes[end] != UInt8(ascii: ";") { end += 1 }
    guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
    let name = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])
    switch name.count {
    case 2 where HTMLBytes.equals(name, "lt"): output.append(0x3C)
    case 2 where HTMLBytes.equals(name, "gt"): output.append(0x3E)
    case 3 where HTMLBytes.equals(name, "amp"): output.append(0x26)
    case 4 where HTMLBytes.equals(name, "quot"): output.append(0x22)
    case 4 where HTMLBytes.equals(name, "apos"): output.append(0x27)
    case 4 where HTMLBytes.equals(name, "nbsp"): output.append(contentsOf: [0xC2, 0xA0])
    default:
      let body = String(decoding: name, as: UTF8.self)
      guard body.hasPrefix("#") else { return nil }
      var digits = body.dropFirst()
      var radix = 10
      if digits.first == "x" || digits.first == "X" {
        radix = 16
        digits = digits.dropFirst()
      }
      guard let value = UInt32(digits, radix: radix), value != 0, let scalar = Unicode.Scalar(value) else {
        return nil
      }
      output.append(contentsOf: String(Character(scalar)).utf8)
    }
    return end + 1
  }
}

/// Looks into a file beyond the 16 KB probe head, for templates whose marker comes late.
enum FileScan {
  /// The bytes that follow the first `marker` within the first `limit` bytes (at most `after`).
  static func bytes(after marker: [UInt8], in path: String, limit: Int = 2 << 20, after: Int = 2048)
    -> [UInt8]?
  {
    guard let source = try? FileByteSource(path: path, chunkSize: 1 << 16) else { return nil }
    var window: [UInt8] = []
    var read = 0
    var found: Int?
    while read < limit {
      guard let chunk = try? source.next(), !chunk.isEmpty else { break }
      read += chunk.count
      window.append(contentsOf: chunk)
      if found == nil {
        found = window.withUnsafeBufferPointer { HTMLBytes.find(marker, in: $0) }
        if found == nil {
          window = Array(window.suffix(marker.count))
          continue
        }
      }
      if let found, window.count - found - marker.count >= after { break }
    }
    guard let found else { return nil }
    let start = found + marker.count
    return Array(window[start..<min(window.count, start + after)])
  }
}
