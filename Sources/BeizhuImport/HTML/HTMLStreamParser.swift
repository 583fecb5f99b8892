import BeizhuCore
import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Receives the events of an HTML page from ``HTMLStreamParser``.
///
/// Names are lower-case ASCII (libxml2 folds them); names and texts are borrowed bytes, valid
/// only during the call.
package protocol HTMLEventHandler: AnyObject {
  func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes)
  func endElement(_ name: UnsafeBufferPointer<UInt8>)
  /// Text content (entities decoded), possibly split over several calls.
  func characters(_ bytes: UnsafeBufferPointer<UInt8>)
  /// The raw text of a `<script>` or `<style>` element, in order, possibly split anywhere.
  func rawText(_ bytes: UnsafeBufferPointer<UInt8>)
  /// A `<script>`/`<style>` element ended (its `</script>` was found or the page ended).
  func rawTextEnded()
}

/// The attributes of one HTML start tag as libxml2's SAX1 `startElement` hands them over:
/// a NULL-terminated list of name/value pairs, names lower-case, values with entities decoded.
package struct HTMLAttributes {
  fileprivate let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

  /// The value of attribute `name` (lower-case ASCII), or `nil` when absent.
  package func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
    guard var cursor = base else { return nil }
    while let attribute = cursor.pointee {
      let value = (cursor + 1).pointee
      if HTMLBytes.equals(UnsafeBufferPointer(start: attribute, count: Int(xmlStrlen(attribute))), name) {
        guard let value else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value)))
      }
      cursor += 2
    }
    return nil
  }

  /// The value of attribute `name` as a `String`.
  package func string(_ name: StaticString) -> String? {
    value(name).map { String(decoding: $0, as: UTF8.self) }
  }
}

/// Byte helpers shared by the HTML readers.
package enum HTMLBytes {
  /// HTML's ASCII whitespace.
  package static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
  }

  package static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    // memcmp: the generic `elementsEqual` showed in profiles (every tag and attribute name).
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    guard let base = bytes.baseAddress else { return bytes.isEmpty }
    return memcmp(base, text.utf8Start, bytes.count) == 0
  }

  /// The first index of `marker` in `bytes` at or after `from`, ASCII case-insensitively when
  /// `foldCase` (the marker must then be lower-case).
  package static func find(
    _ marker: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, foldCase: Bool = false
  ) -> Int? {
    guard let first = marker.first, let base = bytes.baseAddress, bytes.count >= marker.count else {
      return nil
    }
    // The first byte is found with memchr, so it must not be a letter when folding case.
    let last = bytes.count - marker.count
    var index = from
    while index <= last {
      guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
      index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      var matched = 1
      while matched < marker.count {
        let next = foldCase ? lower(bytes[index + matched]) : bytes[index + matched]
        if next != marker[matched] { break }
        matched += 1
      }
      if matched == marker.count { return index }
      index += 1
    }
    return nil
  }

  @inline(__always) package static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// Line feeds in `bytes`, sixteen bytes at a time (every byte of a page is counted once).
  package static func newlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var count = 0
    var index = 0
    let lineFeeds = SIMD16<UInt8>(repeating: 0x0A)
    while index + 16 <= bytes.count {
      let block = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
      let feeds = block .== lineFeeds
      let lanes = unsafeBitCast(feeds, to: SIMD2<UInt64>.self)
      // Each found lane is 0xFF: a population count of the two halves, over 8.
      count += (lanes[0].nonzeroBitCount + lanes[1].nonzeroBitCount) / 8
      index += 16
    }
    while index < bytes.count {
      if base[index] == 0x0A { count += 1 }
      index += 1
    }
    return count
  }
}

/// Streams one HTML document (or a sequence of HTML snippets) through libxml2's HTML push parser
/// with flat memory.
///
/// libxml2 2.9.14's HTML push parser never shrinks its input buffer, and it holds back the
/// content of a `<script>`/`<style>` until it sees `</`. So the document is parsed in
/// *segments*: a fresh parser context is started every few MiB at a boundary the caller names
/// (``cutMarker``, e.g. the start of a top-level message). Once libxml2 has opened a `<script>`,
/// the bytes it has not consumed are taken back and handed to the handler as raw text, a slice
/// at a time, until the `</script` end tag (found here); then the page goes back to libxml2.
/// Nothing is ever evaluated.
///
/// Safety: libxml2's HTML parser expands no entity but the predefined HTML ones, loads no DTD, and
/// the process-wide loader refuses every external entity (``LibXML2Safety``); `NONET` is set.
package final class HTMLStreamParser {
  package let path: String
  /// Where a new segment may start once the current one has grown past ``segmentBytes``.
  package var cutMarker: [UInt8]?
  /// Size after which a segment is cut at the next ``cutMarker``.
  package var segmentBytes = 4 << 20
  /// Size after which a segment is cut at the next tag, marker or not (hostile pages).
  package var hardSegmentBytes = 16 << 20
  /// Largest script slice handed to the handler at once.
  package var scriptSliceBytes = 1 << 20
  /// libxml2 errors reported as located warnings; the rest are only counted.
  package var maxReportedErrors = 3

  private unowned(unsafe) let handler: any HTMLEventHandler
  private var context: htmlParserCtxtPtr?
  /// File offset and line where the current context's input starts.
  private var contextOffset: Int64 = 0
  private var contextLine = 1
  /// Bytes given to the current context.
  private var contextBytes = 0
  /// File offset and line after everything handed in so far.
  private var fedOffset: Int64 = 0
  private var fedLine = 1

  private enum Mode {
    /// Bytes go to libxml2.
    case page
    /// Inside a `<script>`/`<style>`: bytes go to the handler until the end tag.
    case rawText
    /// Dropping the rest of that end tag, up to its `>`.
    case rawEndTag
  }
  private var mode = Mode.page
  /// The element whose raw text is being read (`script` or `style`), as its end-tag prefix.
  private var rawEndTag: [UInt8] = []
  private var carry: [UInt8] = []
  private var openRawElement: [UInt8]?
  /// A `<script`/`<style` start tag whose `>` has not arrived yet (held back from libxml2).
  private var pageCarry: [UInt8] = []
  /// Bytes of a raw-text end tag dropped so far (bounded for hostile pages).
  private var endTagBytes = 0
  /// Set while libxml2 is closing a raw-text element with a made-up end tag: its events and
  /// errors are ours, not the page's.
  private var closingRawElement = false

  /// When set, every location reports this instead (snippets inside a `.js` string).
  package var fixedLocation: (line: Int, offset: Int64)?
  /// Errors libxml2 reported so far.
  package private(set) var errorCount = 0
  /// Issues found so far; the importer drains them.
  package var issues: [Issue] = []

  package init(path: String, handler: any HTMLEventHandler) {
    LibXML2Safety.ensureInstalled()
    self.path = path
    self.handler = handler
  }

  deinit {
    if let context { htmlFreeParserCtxt(context) }
  }

  // MARK: Locations

  /// Where the parser is now (after the tag or text being reported).
  package var location: SourceLocation {
    if let fixedLocation {
      return SourceLocation(path: path, line: fixedLocation.line, byteOffset: fixedLocation.offset)
    }
    guard mode == .page, let context, let input = context.pointee.input else {
      return SourceLocation(path: path, line: fedLine, byteOffset: fedOffset)
    }
    let consumed = Int64(input.pointee.consumed)
    var within: Int64 = 0
    if let cur = input.pointee.cur, let base = input.pointee.base { within = Int64(cur - base) }
    return SourceLocation(
      path: path, line: contextLine + Int(input.pointee.line) - 1,
      byteOffset: contextOffset + consumed + within)
  }

  // MARK: Feeding

  /// Parses the next bytes of the document.
  package func feed(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { feed($0) }
  }

  /// Parses the next bytes of the document.
  package func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard pageCarry.isEmpty else {
      var joined = pageCarry
      pageCarry = []
      joined.append(contentsOf: bytes)
      joined.withUnsafeBufferPointer { feedAll($0) }
      return
    }
    feedAll(bytes)
  }

  private func feedAll(_ bytes: UnsafeBufferPointer<UInt8>) {
    var rest = bytes
    while !rest.isEmpty {
      switch mode {
      case .rawText:
        rest = feedRawText(rest)
      case .rawEndTag:
        rest = skipRawEndTag(rest)
      case .page:
        rest = feedPage(rest)
      }
    }
  }

  /// Ends the document: flushes what libxml2 holds back and closes open elements.
  package func finish() {
    if !pageCarry.isEmpty {
      let pending = pageCarry
      pageCarry = []
      pending.withUnsafeBufferPointer { push($0) }
    }
    if mode == .rawText {
      if !carry.isEmpty {
        let pending = carry
        carry = []
        pending.withUnsafeBufferPointer { deliverRawText($0) }
      }
      endRawText()
    }
    if mode != .page { resumePage() }
    finishContext()
  }

  /// Starts a fresh context when the current one has parsed more than `bytes` (call between
  /// snippets, which are always safe boundaries).
  package func restartIfLarger(than bytes: Int) {
    guard mode == .page, pageCarry.isEmpty, contextBytes > bytes else { return }
    finishContext()
  }

  /// Longest `<script …>` start tag held back while waiting for its `>`.
  private static let maxPendingStartTag = 1 << 16

  private func feedPage(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var cutAt: Int?
    if contextBytes >= segmentBytes, let marker = cutMarker,
      let index = HTMLBytes.find(marker, in: bytes), index > 0 || contextBytes > 0
    {
      cutAt = index
    } else if contextBytes >= hardSegmentBytes, let index = Self.tagStart(in: bytes) {
      cutAt = index
    }
    var endsSegment = cutAt != nil
    // libxml2 must not see the text of a <script>/<style> (it holds it all back, and mis-parses
    // an end tag split between two chunks): stop right after such a start tag.
    if let open = Self.rawElementStart(in: bytes, before: cutAt ?? bytes.count) {
      if let close = HTMLBytes.find([UInt8(ascii: ">")], in: bytes, from: open) {
        cutAt = close + 1
        endsSegment = false
      } else if bytes.count - open <= Self.maxPendingStartTag {
        push(UnsafeBufferPointer(rebasing: bytes[..<open]))
        pageCarry = Array(bytes[open...])
        return UnsafeBufferPointer(start: nil, count: 0)
      }
    }
    let piece = cutAt.map { UnsafeBufferPointer(rebasing: bytes[..<$0]) } ?? bytes
    push(piece)
    let remainder = UnsafeBufferPointer(rebasing: bytes[piece.count...])
    if let open = openRawElement, let context {
      // What libxml2 took but did not parse (normally nothing) comes first.
      let leftover = Self.unconsumed(context)
      beginRawText(open, context: context)
      guard !leftover.isEmpty else { return remainder }
      fedOffset -= Int64(leftover.count)
      leftover.withUnsafeBufferPointer { fedLine -= HTMLBytes.newlines($0) }
      var joined = leftover
      joined.append(contentsOf: remainder)
      joined.withUnsafeBufferPointer { feedAll($0) }
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    if endsSegment { finishContext() }
    return remainder
  }

  /// Closes the just-opened raw-text element inside libxml2 with a made-up end tag, so that its
  /// element stack stays right and the page goes on in the same context; its text is streamed
  /// here (`feedRawText`) instead.
  private func beginRawText(_ name: [UInt8], context: htmlParserCtxtPtr) {
    closingRawElement = true
    (rawEndTag + [UInt8(ascii: ">")]).withUnsafeBufferPointer { chunk(context, $0, terminate: false) }
    closingRawElement = false
    openRawElement = name
    mode = .rawText
    carry = []
  }

  /// Back to libxml2 after raw text: aligns its positions with the page's, since it never saw
  /// the text but did see the made-up end tag.
  private func resumePage() {
    mode = .page
    guard let context, let input = context.pointee.input, let base = input.pointee.base,
      let end = input.pointee.end
    else { return }
    contextOffset = fedOffset - Int64(input.pointee.consumed) - Int64(end - base)
    contextLine = fedLine - Int(input.pointee.line) + 1
  }

  /// Streams raw script text until its end tag; returns the bytes from that end tag on.
  private func feedRawText(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    if !carry.isEmpty {
      // The carry is the tail of the last chunk from its last `<`, shorter than the end tag, so
      // an end tag split between chunks starts exactly there. Deciding that needs only the
      // next few bytes: the chunk itself is never copied.
      let needed = rawEndTag.count - carry.count
      let head = UnsafeBufferPointer(rebasing: bytes[..<min(needed, bytes.count)])
      let startsEndTag = zip(carry + head, rawEndTag).allSatisfy { HTMLBytes.lower($0) == $1 }
      if startsEndTag && head.count < needed {
        carry.append(contentsOf: head)
        return UnsafeBufferPointer(rebasing: bytes[head.count...])
      }
      let pending = carry
      carry = []
      if startsEndTag {
        // Drop the carried part of the end tag here; `skipRawEndTag` drops the rest.
        endRawText()
        mode = .rawEndTag
        fedOffset += Int64(pending.count)
        endTagBytes = pending.count
        return bytes
      }
      pending.withUnsafeBufferPointer { deliverRawText($0) }
    }
    if let end = HTMLBytes.find(rawEndTag, in: bytes, foldCase: true) {
      deliverSlices(UnsafeBufferPointer(rebasing: bytes[..<end]))
      endRawText()
      mode = .rawEndTag
      endTagBytes = 0
      return UnsafeBufferPointer(rebasing: bytes[end...])
    }
    // Hold back a possible partial end tag at the end.
    var keep = 0
    if let lastLT = bytes.lastIndex(of: UInt8(ascii: "<")), bytes.count - lastLT < rawEndTag.count {
      keep = bytes.count - lastLT
    }
    deliverSlices(UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - keep)]))
    carry = Array(bytes[(bytes.count - keep)...])
    return UnsafeBufferPointer(start: nil, count: 0)
  }

  /// Hands raw text over in slices of at most ``scriptSliceBytes``, never splitting a character.
  private func deliverSlices(_ all: UnsafeBufferPointer<UInt8>) {
    var start = 0
    let usable = all.count
    while start < usable {
      var end = min(usable, start + scriptSliceBytes)
      // Never split a UTF-8 sequence between two slices.
      while end < usable, end > start, all[end] & 0xC0 == 0x80 { end -= 1 }
      if end == start {
        // A slice smaller than one character: take the whole character.
        end += 1
        while end < usable, all[end] & 0xC0 == 0x80 { end += 1 }
      }
      deliverRawText(UnsafeBufferPointer(rebasing: all[start..<end]))
      start = end
    }
  }

  /// Longest raw-text end tag dropped, should a page never close it with `>`.
  private static let maxEndTagBytes = 4096

  /// Drops a raw-text end tag through its `>` (at most ``maxEndTagBytes``).
  private func skipRawEndTag(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    let limit = min(bytes.count, max(0, Self.maxEndTagBytes - endTagBytes))
    let window = UnsafeBufferPointer(rebasing: bytes[..<limit])
    let skipped: Int
    let done: Bool
    if let close = HTMLBytes.find([UInt8(ascii: ">")], in: window) {
      skipped = close + 1
      done = true
    } else {
      skipped = limit
      done = endTagBytes + skipped >= Self.maxEndTagBytes
    }
    fedOffset += Int64(skipped)
    fedLine += HTMLBytes.newlines(UnsafeBufferPointer(rebasing: bytes[..<skipped]))
    endTagBytes += skipped
    if done { resumePage() }
    return UnsafeBufferPointer(rebasing: bytes[skipped...])
  }

  /// Hands one slice of raw script text straight to the handler. Script content is raw text in
  /// HTML (nothing in it is markup until `</script`, which `feedRawText` finds itself), and the
  /// bytes are valid UTF-8 already (`UTF8Stream`); passing them through a second libxml2 context
  /// cost as many instructions as parsing the page.
  private func deliverRawText(_ slice: UnsafeBufferPointer<UInt8>) {
    guard !slice.isEmpty else { return }
    fedOffset += Int64(slice.count)
    fedLine += HTMLBytes.newlines(slice)
    handler.rawText(slice)
  }

  private func endRawText() {
    guard let name = openRawElement else { return }
    openRawElement = nil
    handler.rawTextEnded()
    name.withUnsafeBufferPointer { handler.endElement($0) }
  }

  /// Gives bytes to the current page context (creating it when needed).
  private func push(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard !bytes.isEmpty else { return }
    if context == nil {
      context = makeContext()
      contextOffset = fedOffset
      contextLine = fedLine
      contextBytes = 0
    }
    fedOffset += Int64(bytes.count)
    fedLine += HTMLBytes.newlines(bytes)
    contextBytes += bytes.count
    guard let context else { return }
    chunk(context, bytes, terminate: false)
  }

  private func finishContext() {
    guard let context else { return }
    chunk(context, UnsafeBufferPointer(start: nil, count: 0), terminate: true)
    htmlFreeParserCtxt(context)
    self.context = nil
    contextBytes = 0
  }

  private func chunk(_ context: htmlParserCtxtPtr, _ bytes: UnsafeBufferPointer<UInt8>, terminate: Bool) {
    Self.forgetAttributeValueScan(context)
    let pointer = UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self)
    var offset = 0
    // htmlParseChunk takes an Int32 size.
    repeat {
      let size = min(bytes.count - offset, 1 << 30)
      let isLast = offset + size >= bytes.count
      _ = htmlParseChunk(context, pointer.map { $0 + offset }, Int32(size), terminate && isLast ? 1 : 0)
      offset += size
    } while offset < bytes.count
  }

  private func makeContext() -> htmlParserCtxtPtr? {
    var sax = htmlSAXHandler()
    sax.initialized = XML_SAX2_MAGIC
    sax.startElement = htmlStartElement
    sax.endElement = htmlEndElement
    sax.characters = htmlCharacters
    sax.ignorableWhitespace = htmlCharacters
    sax.cdataBlock = htmlRawText
    sax.serror = htmlError
    let userData = Unmanaged.passUnretained(self).toOpaque()
    guard let context = htmlCreatePushParserCtxt(&sax, userData, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
      return nil
    }
    let options =
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
      | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
    _ = htmlCtxtUseOptions(context, Int32(options))
    return context
  }

  /// Works around a libxml2 2.9.x push-parser bug: when a chunk ends inside a quoted attribute
  /// value, the `>` lookup saves its position and an "inside a value" flag (in `hasPErefs`) but not
  /// the quote character, so on the next chunk it never leaves the value and parses nothing more
  /// until the document ends: megabytes held back, and the last bubble of the segment taken for a
  /// cut one. Clearing the saved position makes it rescan the partial tag from its `<`, with the
  /// right quote. Newer libxml2 never sets that flag, so this does nothing there.
  private static func forgetAttributeValueScan(_ context: htmlParserCtxtPtr) {
    guard context.pointee.hasPErefs & 1 != 0 else { return }
    context.pointee.checkIndex = 0
    context.pointee.hasPErefs &= ~1
  }

  /// Where the first `<script` or `<style` start tag begins before `limit` (ASCII case folded).
  private static func rawElementStart(in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var index = 0
    while index < limit {
      guard let hit = memchr(base + index, Int32(UInt8(ascii: "<")), limit - index) else { return nil }
      index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if index + 1 < bytes.count, HTMLBytes.lower(bytes[index + 1]) == UInt8(ascii: "s") {
        for name in [scriptName, styleName] where startsTag(name, in: bytes, at: index + 1) {
          return index
        }
      }
      index += 1
    }
    return nil
  }

  private static let scriptName = Array("script".utf8)
  private static let styleName = Array("style".utf8)

  /// Whether `name` (lower-case) starts at `index`, followed by a delimiter or the end of bytes.
  private static func startsTag(_ name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool
  {
    var offset = 0
    while offset < name.count {
      guard index + offset < bytes.count else { return true }  // may be it: wait for more
      if HTMLBytes.lower(bytes[index + offset]) != name[offset] { return false }
      offset += 1
    }
    guard index + offset < bytes.count else { return true }
    let next = bytes[index + offset]
    return HTMLBytes.isSpace(next) || next == UInt8(ascii: ">") || next == UInt8(ascii: "/")
  }

  /// The bytes libxml2 was given but has not parsed yet.
  private static func unconsumed(_ context: htmlParserCtxtPtr) -> [UInt8] {
    guard let input = context.pointee.input, let cur = input.pointee.cur, let end = input.pointee.end,
      end > cur
    else { return [] }
    return Array(UnsafeBufferPointer(start: cur, count: end - cur))
  }

  /// The first `<` that starts a tag (`<` + letter or `/`) after the first byte.
  private static func tagStart(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 1
    while index + 1 < bytes.count {
      if bytes[index] == UInt8(ascii: "<") {
        let next = HTMLBytes.lower(bytes[index + 1])
        if (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) || next == UInt8(ascii: "/") {
          return index
        }
      }
      index += 1
    }
    return nil
  }

  // MARK: SAX

  fileprivate func start(_ name: UnsafeBufferPointer<UInt8>, _ attributes: HTMLAttributes) {
    if closingRawElement { return }
    if HTMLBytes.equals(name, "script") || HTMLBytes.equals(name, "style") {
      openRawElement = Array(name)
      rawEndTag = Array("</".utf8) + Array(name)
    }
    handler.startElement(name, attributes: attributes)
  }

  fileprivate func end(_ name: UnsafeBufferPointer<UInt8>) {
    if closingRawElement { return }
    if let open = openRawElement, name.elementsEqual(open) {
      openRawElement = nil
      handler.rawTextEnded()
    }
    handler.endElement(name)
  }

  fileprivate func text(_ bytes: UnsafeBufferPointer<UInt8>) {
    if closingRawElement { return }
    handler.characters(bytes)
  }

  fileprivate func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
    if closingRawElement { return }
    handler.rawText(bytes)
  }

  fileprivate func error(_ error: UnsafePointer<xmlError>) {
    // `</div>` inside a script's string literals is JavaScript, not broken markup.
    if closingRawElement
      || (error.pointee.code == XML_ERR_TAG_NAME_MISMATCH.rawValue && openRawElement != nil)
    {
      return
    }
    errorCount += 1
    guard errorCount <= maxReportedErrors else { return }
    let value = error.pointee
    let line = contextLine + max(Int(value.line), 1) - 1
    issues.append(
      Issue(
        .warning, .malformedMarkup,
        at: SourceLocation(path: path, line: line, column: Int(value.int2), byteOffset: -1),
        "malformed HTML (libxml2 error \(value.code)); read leniently / HTML 格式不规范，已宽松读取",
        hint: "usually harmless: exporters write message text into the page unescaped"))
  }

  /// Reports how many libxml2 errors were not listed one by one.
  package func summarizeErrors() {
    guard errorCount > maxReportedErrors else { return }
    issues.append(
      Issue(
        .note, .malformedMarkup, at: SourceLocation(path: path),
        "\(errorCount - maxReportedErrors) more HTML errors were recovered from / 另有 \(errorCount - maxReportedErrors) 处 HTML 错误已恢复"
      ))
  }
}

private func withParser(_ context: UnsafeMutableRawPointer?, _ body: (HTMLStreamParser) -> Void) {
  guard let context else { return }
  Unmanaged<HTMLStreamParser>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
}

private func htmlStartElement(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
  _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
  guard let name else { return }
  let bytes = UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name)))
  withParser(context) { $0.start(bytes, HTMLAttributes(base: attributes)) }
}

private func htmlEndElement(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
  guard let name else { return }
  let bytes = UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name)))
  withParser(context) { $0.end(bytes) }
}

private func htmlCharacters(
  _ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32
) {
  guard let bytes, count > 0 else { return }
  withParser(context) { $0.text(UnsafeBufferPointer(start: bytes, count: Int(count))) }
}

private func htmlRawText(
  _ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32
) {
  guard let bytes, count > 0 else { return }
  withParser(context) { $0.raw(UnsafeBufferPointer(start: bytes, count: Int(count))) }
}

private func htmlError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let error else { return }
  withParser(context) { $0.error(error) }
}
