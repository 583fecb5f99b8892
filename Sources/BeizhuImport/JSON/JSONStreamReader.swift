import BeizhuCore
import Foundation

/// Where a ``JSONStreamReader`` pulls its bytes from: a file (``UTF8Stream``) or any other
/// producer of valid UTF-8 chunks, such as the text of an HTML `<script>` as libxml2 hands it over.
public protocol UTF8ChunkSource: AnyObject {
  /// The file the bytes come from, for issue locations.
  var path: String { get }
  /// File offset of the first byte the source yields (a BOM, a script's start in its page).
  var offsetBase: Int64 { get }
  /// Line of the first byte the source yields, 1-based.
  var startLine: Int { get }
  /// The next chunk of valid UTF-8; empty at the end.
  func next() throws(ImportError) -> [UInt8]
}

extension UTF8Stream: UTF8ChunkSource {
  public var offsetBase: Int64 { encoding == .utf8 && hadBOM ? 3 : 0 }
  public var startLine: Int { 1 }
}

/// A pull parser for JSON over UTF-8 bytes that lets an importer walk a document and
/// materialise one element at a time, so a chat of millions of messages never sits in memory.
///
/// With `lenient`, it also reads the JavaScript literal subset exporters write into HTML and
/// `.js` files (FORMATS.md §6, §8, §10): single-quoted strings, unquoted keys, trailing commas,
/// `\xNN` escapes and `undefined`. It never evaluates anything.
public final class JSONStreamReader {
  private let stream: any UTF8ChunkSource
  private let lenient: Bool
  private var chunk: [UInt8] = []
  private var position = 0
  private var chunkOffset: Int64 = 0
  private var atEnd = false
  private var line = 1
  private let offsetBase: Int64
  /// Guards against hostile nesting: a deeper document is rejected, never a stack overflow.
  public var maximumDepth = 512

  public convenience init(stream: UTF8Stream, lenient: Bool = false) {
    self.init(source: stream, lenient: lenient)
  }

  public init(source: any UTF8ChunkSource, lenient: Bool = false) {
    self.stream = source
    self.lenient = lenient
    offsetBase = source.offsetBase
    line = source.startLine
  }

  /// Offset of the next unread byte in the file (decoded-stream offset for transcoded files).
  public var byteOffset: Int64 { offsetBase + chunkOffset + Int64(position) }
  public var currentLine: Int { line }

  // MARK: Bytes

  /// The next byte; the test for it is inlined at every call, reading the next chunk is not.
  @inline(__always) private func peek() throws(ImportError) -> UInt8? {
    if position < chunk.count { return chunk[position] }
    return try refill()
  }

  @inline(never) private func refill() throws(ImportError) -> UInt8? {
    var cursor = ChunkCursor(chunk: chunk, position: position, chunkOffset: chunkOffset, atEnd: atEnd)
    chunk = []  // not shared while the cursor moves on
    defer {
      (chunk, position, chunkOffset, atEnd) = (
        cursor.chunk, cursor.position, cursor.chunkOffset, cursor.atEnd
      )
    }
    return try cursor.refill(from: stream) ? cursor.chunk[0] : nil
  }

  private func advance() { position += 1 }

  private func skipWhitespace() throws(ImportError) {
    // Most calls find a value or a punctuation mark at once: decided without a call per byte.
    while position < chunk.count {
      let byte = chunk[position]
      if byte > 0x20 {
        if byte == UInt8(ascii: "/") && lenient { break }
        return
      }
      switch byte {
      case 0x20, 0x09, 0x0D: position += 1
      case 0x0A:
        line += 1
        position += 1
      default: return
      }
    }
    while let byte = try peek() {
      switch byte {
      case 0x20, 0x09, 0x0D:
        advance()
      case 0x0A:
        line += 1
        advance()
      case UInt8(ascii: "/") where lenient:
        // `//` and `/* */` comments in .js files.
        advance()
        if try peek() == UInt8(ascii: "/") {
          while let next = try peek(), next != 0x0A { advance() }
        } else if try peek() == UInt8(ascii: "*") {
          advance()
          var last: UInt8 = 0
          while let next = try peek() {
            advance()
            if next == 0x0A { line += 1 }
            if last == UInt8(ascii: "*") && next == UInt8(ascii: "/") { break }
            last = next
          }
        }
      default:
        return
      }
    }
  }

  /// Skips forward past the first occurrence of `marker` (e.g. `const chatMessages = `).
  /// - Returns: `false` when the file ends first.
  public func skip(past marker: [UInt8]) throws(ImportError) -> Bool {
    guard let first = marker.first else { return true }
    var matched = 0
    while let byte = try peek() {
      advance()
      if byte == 0x0A { line += 1 }
      if byte == marker[matched] {
        matched += 1
        if matched == marker.count { return true }
      } else {
        matched = byte == first ? 1 : 0
      }
    }
    return false
  }

  // MARK: Structure

  /// The next non-space byte without consuming it.
  public func peekStructural() throws(ImportError) -> UInt8? {
    try skipWhitespace()
    return try peek()
  }

  /// Consumes `[`. Follow with `nextElement()` until it returns `false`.
  public func beginArray() throws(ImportError) -> Bool {
    try skipWhitespace()
    guard try peek() == UInt8(ascii: "[") else { return false }
    advance()
    pendingFirst = true
    return true
  }

  private var pendingFirst = false

  /// Moves to the next element of the array just begun; `false` after the closing `]`.
  public func nextElement() throws(ImportError) -> Bool {
    try skipWhitespace()
    guard let byte = try peek() else { throw ImportError.rejected(truncatedIssue("] or ,")) }
    if byte == UInt8(ascii: "]") {
      advance()
      pendingFirst = false
      return false
    }
    if pendingFirst {
      pendingFirst = false
      return true
    }
    guard byte == UInt8(ascii: ",") else { throw ImportError.rejected(syntaxIssue("',' or ']'")) }
    advance()
    try skipWhitespace()
    if lenient, try peek() == UInt8(ascii: "]") {
      advance()
      return false
    }
    return true
  }

  /// Consumes `{`. Follow with `nextKey()` until it returns `nil`.
  public func beginObject() throws(ImportError) -> Bool {
    try skipWhitespace()
    guard try peek() == UInt8(ascii: "{") else { return false }
    advance()
    pendingFirstKey = true
    return true
  }

  private var pendingFirstKey = false

  /// The next key of the object just begun, with its `:` consumed; `nil` after the closing `}`.
  public func nextKey() throws(ImportError) -> String? {
    guard try moveToKey() else { return nil }
    let key = try readKey()
    try consumeColon()
    return key
  }

  /// The next key's index in `keys` (``KeySet/other`` for any other key), with its `:` consumed;
  /// `nil` after the closing `}`. The key's bytes are compared where they lie: walking an object
  /// this way builds no String per key.
  public func nextKey(in keys: KeySet) throws(ImportError) -> Int? {
    guard try moveToKey() else { return nil }
    let match: Int
    if let inChunk = matchKeyInChunk(keys) {
      match = inChunk
    } else {
      match = keys.index(of: try readKey())  // escaped, or split between two chunks
    }
    try consumeColon()
    return match
  }

  /// Keys an importer reads, to match a key against without building it.
  public struct KeySet: Sendable {
    /// What ``JSONStreamReader/nextKey(in:)`` returns for a key that is not in the set.
    public static let other = -1
    /// Each name's bytes, with the index it stands for (several names may share one index).
    fileprivate let entries: [(bytes: [UInt8], index: Int)]

    /// Each group's names match that group's index: `[["displayname", "display_name"], …]`.
    public init(aliases: [[String]]) {
      entries = aliases.enumerated().flatMap { group in group.element.map { (Array($0.utf8), group.offset) } }
    }

    fileprivate func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
      for entry in entries where entry.bytes.count == bytes.count {
        let equal = entry.bytes.withUnsafeBufferPointer { known in
          // Lengths are equal: without a base address both are empty.
          guard let left = known.baseAddress, let right = bytes.baseAddress else { return true }
          return memcmp(left, right, bytes.count) == 0
        }
        if equal { return entry.index }
      }
      return Self.other
    }

    fileprivate func index(of name: String) -> Int {
      name.withBytes { $0.isEmpty ? Self.other : index(of: $0) }
    }
  }

  /// A key that lies whole in the current chunk, quoted without escapes or unquoted, matched
  /// in place; `nil` (nothing consumed) for any other.
  private func matchKeyInChunk(_ keys: KeySet) -> Int? {
    guard position < chunk.count else { return nil }
    return chunk.withUnsafeBufferPointer { bytes -> Int? in
      let first = bytes[position]
      if first == UInt8(ascii: "\"") || (lenient && first == UInt8(ascii: "'")) {
        var end = position + 1
        while end < bytes.count, bytes[end] != first, bytes[end] != UInt8(ascii: "\\"), bytes[end] != 0x0A {
          end += 1
        }
        guard end < bytes.count, bytes[end] == first, end > position + 1 else { return nil }
        let match = keys.index(of: UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end]))
        position = end + 1
        return match
      }
      guard lenient else { return nil }
      var end = position
      while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
      guard end < bytes.count, end > position else { return nil }
      let match = keys.index(of: UnsafeBufferPointer(rebasing: bytes[position..<end]))
      position = end
      return match
    }
  }

  /// Moves to the start of the next key; `false` (the `}` consumed) when the object ends.
  private func moveToKey() throws(ImportError) -> Bool {
    try skipWhitespace()
    guard let byte = try peek() else { throw ImportError.rejected(truncatedIssue("} or a key")) }
    if byte == UInt8(ascii: "}") {
      advance()
      pendingFirstKey = false
      return false
    }
    if !pendingFirstKey {
      guard byte == UInt8(ascii: ",") else { throw ImportError.rejected(syntaxIssue("',' or '}'")) }
      advance()
      try skipWhitespace()
      if lenient, try peek() == UInt8(ascii: "}") {
        advance()
        return false
      }
    }
    pendingFirstKey = false
    return true
  }

  private func consumeColon() throws(ImportError) {
    try skipWhitespace()
    guard try peek() == UInt8(ascii: ":") else { throw ImportError.rejected(syntaxIssue("':' after a key")) }
    advance()
  }

  private func readKey() throws(ImportError) -> String {
    guard let byte = try peek() else { throw ImportError.rejected(truncatedIssue("a key")) }
    if byte == UInt8(ascii: "\"") || (lenient && byte == UInt8(ascii: "'")) {
      return try readString()
    }
    guard lenient else { throw ImportError.rejected(syntaxIssue("a quoted key")) }
    let key = try readRun(while: isIdentifierByte)
    guard !key.isEmpty else { throw ImportError.rejected(syntaxIssue("a key")) }
    return key
  }

  /// The bytes that satisfy `belongs`, as a String. A run that ends inside the current chunk
  /// (nearly every key, number and word) is made straight from it, without a buffer; a short
  /// String needs no allocation at all.
  private func readRun(while belongs: (UInt8) -> Bool) throws(ImportError) -> String {
    try withRun(while: belongs) { String(decoding: $0, as: UTF8.self) }
  }

  /// Hands the bytes that satisfy `belongs` to `body`: in place when the run ends in this chunk.
  private func withRun<R>(while belongs: (UInt8) -> Bool, _ body: (UnsafeBufferPointer<UInt8>) -> R)
    throws(ImportError) -> R
  {
    if try peek() != nil {
      var end = position
      while end < chunk.count, belongs(chunk[end]) { end += 1 }
      if end < chunk.count {
        let start = position
        position = end
        return chunk.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
      }
    }
    scratch.removeAll(keepingCapacity: true)
    try appendRun(to: &scratch, while: belongs)
    return scratch.withUnsafeBufferPointer(body)
  }

  /// Appends the bytes that satisfy `belongs`, a chunk-sized run at a time (keys and numbers
  /// were read a byte per call and showed up in the HTML import profile).
  private func appendRun(to bytes: inout [UInt8], while belongs: (UInt8) -> Bool) throws(ImportError) {
    while try peek() != nil {
      var end = position
      while end < chunk.count, belongs(chunk[end]) { end += 1 }
      bytes.append(contentsOf: chunk[position..<end])
      let reachedEnd = end == chunk.count
      position = end
      if !reachedEnd { return }
    }
  }

  /// `[0-9A-Za-z_$]` and every non-ASCII byte, as a bit table (one test a byte; keys are
  /// read this way for every field of every message).
  /// `[0-9A-Za-z_$]` and every non-ASCII byte. The ASCII set is two literal bit words, bytes
  /// 0–63 (`$`, `0`–`9`) and 64–127 (`A`–`Z`, `_`, `a`–`z`): one test a byte, no lazy global
  /// (`JSONStreamReaderTests` checks the words against the character classes).
  @inline(__always) func isIdentifierByte(_ byte: UInt8) -> Bool {
    if byte >= 0x80 { return true }
    let word = byte < 64 ? 0x03FF_0010_0000_0000 as UInt64 : 0x07FF_FFFE_87FF_FFFE as UInt64
    return (word >> UInt64(byte & 63)) & 1 == 1
  }

  // MARK: Values

  /// Reads the next whole value.
  public func readValue() throws(ImportError) -> JSONValue {
    try readValue(depth: 0)
  }

  /// Skips the next value without building it.
  public func skipValue() throws(ImportError) {
    try skipWhitespace()
    guard let first = try peek() else { throw ImportError.rejected(truncatedIssue("a value")) }
    guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
      if first == UInt8(ascii: "\"") || (lenient && first == UInt8(ascii: "'")) {
        try skipString()
      } else {
        _ = try readValue(depth: 0)  // a number or a word: nothing worth avoiding
      }
      return
    }
    // Containers are skipped by matching brackets without building values: exporters write
    // fields Beizhu never reads (avatars, paths, whole page assets), often large.
    var depth = 0
    while let byte = try peek() {
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        guard depth <= maximumDepth else {
          throw ImportError.rejected(syntaxIssue("nesting of at most \(maximumDepth) levels"))
        }
        advance()
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        advance()
        if depth == 0 { return }
      case UInt8(ascii: "\""):
        try skipString()
      case UInt8(ascii: "'") where lenient:
        try skipString()
      case 0x0A:
        line += 1
        advance()
      default:
        advance()
      }
    }
    throw ImportError.rejected(truncatedIssue("the end of a skipped value"))
  }

  /// Moves past a quoted string (the opening quote is next) without building it.
  private func skipString() throws(ImportError) {
    guard let quote = try peek() else { throw ImportError.rejected(truncatedIssue("a string")) }
    advance()
    while true {
      // Runs without a quote or a backslash are passed sixteen bytes at a time.
      let start = position
      let (end, newlines) = chunk.withUnsafeBufferPointer { Self.scanString($0, from: start, quote: quote) }
      line += newlines
      position = end
      guard let byte = try peek() else { break }
      advance()
      if byte == quote { return }
      guard byte == UInt8(ascii: "\\") else { continue }
      // An escape: the next byte is never the end of the string.
      guard let escaped = try peek() else { break }
      advance()
      if escaped == 0x0A { line += 1 }
    }
    throw ImportError.rejected(truncatedIssue("the end of a string"))
  }

  // MARK: Fields read without building values

  /// A scalar as ``withScalar(_:)`` hands it over; the bytes are valid only inside the call.
  public enum Scalar {
    /// A string's bytes, escapes resolved.
    case string(UnsafeBufferPointer<UInt8>)
    /// A number's source text.
    case number(UnsafeBufferPointer<UInt8>)
    case bool(Bool)
    /// `null` (and, when lenient, `undefined` and `None`).
    case null
    /// An object or an array, skipped unbuilt.
    case container
  }

  /// Reads the next value and hands it to `body` without building a ``JSONValue``: a string's or
  /// a number's bytes where they lie when possible. `body` must not use the reader.
  public func withScalar<R>(_ body: (Scalar) -> R) throws(ImportError) -> R {
    try skipWhitespace()
    guard let first = try peek() else { throw ImportError.rejected(truncatedIssue("a value")) }
    switch first {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      try skipValue()
      return body(.container)
    case UInt8(ascii: "\""):
      return try withStringBytes { body(.string($0)) }
    case UInt8(ascii: "'") where lenient:
      return try withStringBytes { body(.string($0)) }
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try withRun(while: isNumberByte) { body(.number($0)) }
    default:
      switch try readValue(depth: 0) {  // a word: true, false, null…
      case .bool(let value): return body(.bool(value))
      default: return body(.null)
      }
    }
  }

  /// The next value as an exact integer, as ``JSONValue/int64`` reads it; `nil` for others.
  public func readInt64() throws(ImportError) -> Int64? {
    try withScalar { scalar in
      switch scalar {
      case .string(let bytes), .number(let bytes): JSONValue.int64(bytes)
      case .bool(let value): value ? 1 : 0
      case .null, .container: nil
      }
    }
  }

  /// The next value as a boolean, as ``JSONValue/bool`` reads it; `nil` for others.
  public func readBool() throws(ImportError) -> Bool? {
    try withScalar { scalar in
      switch scalar {
      case .string(let bytes), .number(let bytes): JSONValue.bool(bytes)
      case .bool(let value): value
      case .null, .container: nil
      }
    }
  }

  /// The next value as text, as ``JSONValue/text`` reads it; a string's bytes are made into
  /// text by `string` (an importer may decode HTML entities on the way).
  public func readText(
    string: (UnsafeBufferPointer<UInt8>) -> String = { String(decoding: $0, as: UTF8.self) }
  ) throws(ImportError) -> String? {
    try withScalar { scalar in
      switch scalar {
      case .string(let bytes): string(bytes)
      case .number(let bytes): String(decoding: bytes, as: UTF8.self)
      case .bool(let value): value ? "true" : "false"
      case .null, .container: nil
      }
    }
  }

  private func readValue(depth: Int) throws(ImportError) -> JSONValue {
    guard depth < maximumDepth else {
      throw ImportError.rejected(syntaxIssue("nesting of at most \(maximumDepth) levels"))
    }
    try skipWhitespace()
    guard let byte = try peek() else { throw ImportError.rejected(truncatedIssue("a value")) }
    switch byte {
    case UInt8(ascii: "{"):
      advance()
      var members: [String: JSONValue] = [:]
      var first = true
      while true {
        try skipWhitespace()
        guard let next = try peek() else { throw ImportError.rejected(truncatedIssue("} or a key")) }
        if next == UInt8(ascii: "}") {
          advance()
          return .object(members)
        }
        if !first {
          guard next == UInt8(ascii: ",") else { throw ImportError.rejected(syntaxIssue("',' or '}'")) }
          advance()
          try skipWhitespace()
          if lenient, try peek() == UInt8(ascii: "}") {
            advance()
            return .object(members)
          }
        }
        first = false
        try skipWhitespace()
        let key = try readKey()
        try skipWhitespace()
        guard try peek() == UInt8(ascii: ":") else {
          throw ImportError.rejected(syntaxIssue("':' after a key"))
        }
        advance()
        members[key] = try readValue(depth: depth + 1)
      }
    case UInt8(ascii: "["):
      advance()
      var items: [JSONValue] = []
      var first = true
      while true {
        try skipWhitespace()
        guard let next = try peek() else { throw ImportError.rejected(truncatedIssue("] or a value")) }
        if next == UInt8(ascii: "]") {
          advance()
          return .array(items)
        }
        if !first {
          guard next == UInt8(ascii: ",") else { throw ImportError.rejected(syntaxIssue("',' or ']'")) }
          advance()
          try skipWhitespace()
          if lenient, try peek() == UInt8(ascii: "]") {
            advance()
            return .array(items)
          }
        }
        first = false
        items.append(try readValue(depth: depth + 1))
      }
    case UInt8(ascii: "\""):
      return .string(try readString())
    case UInt8(ascii: "'") where lenient:
      return .string(try readString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .number(try readRun(while: isNumberByte))
    default:
      let word = try readRun(while: isIdentifierByte)
      switch word {
      case "true": return .bool(true)
      case "false": return .bool(false)
      case "null": return .null
      case "undefined" where lenient: return .null
      case "None" where lenient: return .null
      case "True" where lenient: return .bool(true)
      case "False" where lenient: return .bool(false)
      default:
        if word.isEmpty && atEnd { throw ImportError.rejected(truncatedIssue("a value")) }
        throw ImportError.rejected(syntaxIssue("a value"))
      }
    }
  }

  private func isNumberByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
  }

  /// Reads a quoted string (the opening quote is next), resolving escapes.
  private func readString() throws(ImportError) -> String {
    try withStringBytes { String(decoding: $0, as: UTF8.self) }
  }

  /// Reused for strings and numbers that are escaped or split between chunks.
  private var scratch: [UInt8] = []

  /// Reads a quoted string (the opening quote is next) and hands its bytes, escapes resolved,
  /// to `body`: in place when the string has no escape and ends in this chunk (nearly always),
  /// else from a reused buffer. `body` must not use the reader.
  private func withStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) throws(ImportError) -> R {
    guard let quote = try peek() else { throw ImportError.rejected(truncatedIssue("a string")) }
    advance()
    let start = position
    let (end, newlines) = chunk.withUnsafeBufferPointer { Self.scanString($0, from: start, quote: quote) }
    if end < chunk.count, chunk[end] == quote {
      line += newlines
      position = end + 1
      return chunk.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
    scratch.removeAll(keepingCapacity: true)
    try readEscapedString(quote: quote, into: &scratch)
    return scratch.withUnsafeBufferPointer(body)
  }

  /// The index of the first quote or backslash at or after `start` (`bytes.count` if none) and
  /// the newlines before it. Sixteen bytes at a time: message text is most of an export.
  static func scanString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, quote: UInt8) -> (Int, Int) {
    guard let base = bytes.baseAddress else { return (start, 0) }
    var index = start
    var newlines = 0
    let quotes = SIMD16<UInt8>(repeating: quote)
    let backslashes = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
    let lineFeeds = SIMD16<UInt8>(repeating: 0x0A)
    while index + 16 <= bytes.count {
      let block = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
      if Self.isAnySet((block .== quotes) .| (block .== backslashes)) { break }
      let feeds = unsafeBitCast(block .== lineFeeds, to: SIMD2<UInt64>.self)
      newlines += (feeds[0].nonzeroBitCount + feeds[1].nonzeroBitCount) / 8  // 0xFF per line feed
      index += 16
    }
    while index < bytes.count {
      let byte = base[index]
      if byte == quote || byte == UInt8(ascii: "\\") { break }
      if byte == 0x0A { newlines += 1 }
      index += 1
    }
    return (index, newlines)
  }

  /// `any(mask)` as two integer tests: the generic reduction was not specialised and cost more
  /// than the comparisons.
  @inline(__always) private static func isAnySet(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
    let lanes = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
    return lanes[0] | lanes[1] != 0
  }

  /// The rest of a string whose opening quote is consumed, escapes resolved, appended to `bytes`.
  private func readEscapedString(quote: UInt8, into bytes: inout [UInt8]) throws(ImportError) {
    var highSurrogate: UInt32?
    while true {
      // Copy runs of plain bytes straight from the chunk.
      if position < chunk.count {
        let start = position
        let (end, newlines) = chunk.withUnsafeBufferPointer { Self.scanString($0, from: start, quote: quote) }
        line += newlines
        if end > position {
          if let pending = highSurrogate {
            appendScalar(pending, to: &bytes)
            highSurrogate = nil
          }
          bytes.append(contentsOf: chunk[position..<end])
          position = end
        }
      }
      guard let byte = try peek() else { throw ImportError.rejected(truncatedIssue("the end of a string")) }
      if byte == quote {
        advance()
        if let pending = highSurrogate { appendScalar(pending, to: &bytes) }
        return
      }
      if byte != UInt8(ascii: "\\") { continue }
      advance()
      guard let escape = try peek() else { throw ImportError.rejected(truncatedIssue("an escape")) }
      advance()
      if escape == UInt8(ascii: "u") {
        let unit = try readHex(count: 4)
        if (0xD800...0xDBFF).contains(unit) {
          if let pending = highSurrogate { appendScalar(pending, to: &bytes) }
          highSurrogate = unit
          continue
        }
        if (0xDC00...0xDFFF).contains(unit), let high = highSurrogate {
          highSurrogate = nil
          appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &bytes)
          continue
        }
        if let pending = highSurrogate {
          appendScalar(pending, to: &bytes)
          highSurrogate = nil
        }
        appendScalar(unit, to: &bytes)
        continue
      }
      if let pending = highSurrogate {
        appendScalar(pending, to: &bytes)
        highSurrogate = nil
      }
      switch escape {
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "b"): bytes.append(0x08)
      case UInt8(ascii: "f"): bytes.append(0x0C)
      case UInt8(ascii: "x") where lenient: appendScalar(try readHex(count: 2), to: &bytes)
      case 0x0A:
        line += 1  // JavaScript line continuation.
      default: bytes.append(escape)  // \" \\ \/ \' and unknown escapes keep the character.
      }
    }
  }

  private func readHex(count: Int) throws(ImportError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<count {
      guard let byte = try peek() else { throw ImportError.rejected(truncatedIssue("hex digits")) }
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw ImportError.rejected(syntaxIssue("a hex digit"))
      }
      value = value << 4 | digit
      advance()
    }
    return value
  }

  private func appendScalar(_ value: UInt32, to bytes: inout [UInt8]) {
    // A lone surrogate is not a scalar: U+FFFD, as a lenient browser would show.
    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
    bytes.append(contentsOf: Array(String(scalar).utf8))
  }

  // MARK: Issues

  private func syntaxIssue(_ expected: String) -> Issue {
    let atEndOfFile = atEnd && position >= chunk.count
    if atEndOfFile { return truncatedIssue(expected) }
    return Issue(
      .error, .badRecord, at: SourceLocation(path: stream.path, line: line, byteOffset: byteOffset),
      "JSON syntax: expected \(expected) / JSON 格式错误", hint: "the file may have been edited by hand")
  }

  private func truncatedIssue(_ expected: String) -> Issue {
    Issue(
      .error, .truncated, at: SourceLocation(path: stream.path, line: line, byteOffset: byteOffset),
      "the file ends early, expected \(expected) / 文件不完整（被截断）",
      hint: "records before this point were imported; export the chat again for the rest")
  }
}
