import BeizhuCore

/// Reads WeChat message payloads (`StrContent` / `CompressContent`) into ``Payload`` values.
///
/// One parser keeps one libxml2 context and its buffers and reuses them for every message, so
/// create one per importer (per thread or task; it is not thread-safe) and call it per message.
///
/// ```swift
/// let parser = PayloadParser()
/// var message = …            // from an importer, with the raw XML in `payload` or `text`
/// if let problem = parser.enrich(&message) { sink(.issue(problem.issue(at: message.source))) }
/// ```
public final class PayloadParser {
  private let xml = XMLEventParser()
  private let builder = PayloadBuilder()

  public init() {}

  /// Parses a raw payload: XML with or without `<?xml …?>`, optionally prefixed by
  /// `"<wxid>:\n"` (WeChat 4.x groups), or MemoTrace v3's `-1\n{'msg': …}` rendering.
  ///
  /// Type 10000 system texts are not XML; read them with ``SystemNotice/init(markup:)``.
  /// - Throws: ``PayloadError`` when the text is not a payload or not well-formed.
  /// - Complexity: O(n) in the payload's UTF-8 length.
  public func parse(_ text: String) throws(PayloadError) -> Payload {
    var text = text
    // `withUTF8` only rethrows untyped errors, so the typed error travels in a `Result`.
    let result = text.withUTF8 { bytes in
      Result { () throws(PayloadError) in try parse(utf8: UnsafeRawBufferPointer(bytes)) }
    }
    return try result.get()
  }

  /// Parses a payload given as UTF-8 bytes; see ``parse(_:)``.
  public func parse(utf8 bytes: UnsafeRawBufferPointer) throws(PayloadError) -> Payload {
    let all = bytes.bindMemory(to: UInt8.self)
    let shape = PayloadShape.detect(all)
    switch shape.kind {
    case .none:
      throw PayloadError(.notPayload)
    case .python:
      let literal = UnsafeBufferPointer(rebasing: all[shape.bodyStart...])
      var payload = try Self.parsePython(literal, builder: builder)
      payload.groupSender = shape.groupSender(all)
      return payload
    case .xml:
      let body = UnsafeRawBufferPointer(rebasing: bytes[shape.bodyStart...])
      builder.reset()
      if let failure = xml.parse(body, handler: builder) {
        throw Self.error(for: failure)
      }
      let content = builder.makeContent()
      if xml.hadErrorAfterRoot, case .unknown = content {
        // Markup after a root Beizhu does not know (e.g. `<img …/>  你领取了…`): not a payload.
        throw PayloadError(.malformed)
      }
      return Payload(
        content, groupSender: shape.groupSender(all),
        fromUsername: builder[.fromUsername].map(PayloadText.trimmed).flatMap { $0.isEmpty ? nil : $0 })
    }
  }

  /// Reads MemoTrace v3's `-1\n{'msg': {'appmsg': …}}` rendering (a Python dict repr of the XML).
  public static func parsePythonRepr(_ text: String) throws(PayloadError) -> Payload {
    var text = text
    let builder = PayloadBuilder()
    let result = text.withUTF8 { bytes in
      Result { () throws(PayloadError) in
        let shape = PayloadShape.detect(bytes)
        guard shape.kind == .python else { throw PayloadError(.notPayload) }
        return try parsePython(UnsafeBufferPointer(rebasing: bytes[shape.bodyStart...]), builder: builder)
      }
    }
    return try result.get()
  }

  private static func parsePython(
    _ bytes: UnsafeBufferPointer<UInt8>, builder: PayloadBuilder
  ) throws(PayloadError) -> Payload {
    let literal: PythonLiteral
    do {
      literal = try PythonLiteral.parse(bytes)
    } catch {
      throw PayloadError(.badPythonLiteral, column: error.offset + 1)
    }
    guard case .dict(let pairs) = literal, let root = pairs.first else {
      throw PayloadError(.badPythonLiteral)
    }
    builder.reset()
    root.value.replay(as: root.key, into: builder)
    return Payload(
      builder.makeContent(),
      fromUsername: builder[.fromUsername].map(PayloadText.trimmed).flatMap { $0.isEmpty ? nil : $0 })
  }

  private static func error(for failure: XMLParseFailure) -> PayloadError {
    let code: PayloadError.Code =
      switch failure.reason {
      case .malformed: .malformed
      case .doctype: .doctype
      case .tooDeep: .tooDeep
      case .tooLarge: .tooLarge
      }
    return PayloadError(code, line: failure.line, column: failure.column, libxml2Code: failure.code)
  }

  /// Whether `text` looks like a payload this parser reads (XML or MemoTrace's Python form),
  /// judged from its first bytes only.
  public static func looksLikePayload(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { PayloadShape.detect($0).kind != .none }
  }
}

/// Where a payload's body starts and what it is, from its first bytes.
struct PayloadShape {
  enum Kind { case none, xml, python }
  var kind: Kind
  var bodyStart: Int
  /// The `wxid` in a `"wxid:\n"` prefix, as a byte range.
  var prefix: Range<Int>?

  func groupSender(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    prefix.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
  }

  private static let xmlStarts: [[UInt8]] = [
    "<?xml", "<msg", "<sysmsg", "<voipmsg", "<voipinvitemsg", "<revokemsg", "<appmsg",
  ].map { Array($0.utf8) }

  static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> PayloadShape {
    var start = skipSpace(bytes, from: 0)
    // A UTF-8 BOM left in a cell by a spreadsheet.
    if bytes.count >= start + 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
      start = skipSpace(bytes, from: start + 3)
    }
    if let (kind, body) = bodyKind(bytes, at: start) {
      return PayloadShape(kind: kind, bodyStart: body, prefix: nil)
    }
    // `wxid_…:\n<msg>` (WeChat 4.x group chats): an id without spaces or `<`, then `:` and a newline.
    var index = start
    while index < bytes.count, index - start < 128 {
      let byte = bytes[index]
      if byte == UInt8(ascii: ":") { break }
      if byte == UInt8(ascii: "<") || PayloadText.isSpace(byte) {
        return PayloadShape(kind: .none, bodyStart: 0)
      }
      index += 1
    }
    guard index > start, index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
      return PayloadShape(kind: .none, bodyStart: 0)
    }
    var after = index + 1
    if after < bytes.count, bytes[after] == 0x0D { after += 1 }
    guard after < bytes.count, bytes[after] == 0x0A else { return PayloadShape(kind: .none, bodyStart: 0) }
    let body = skipSpace(bytes, from: after + 1)
    guard let (kind, bodyStart) = bodyKind(bytes, at: body), kind == .xml else {
      return PayloadShape(kind: .none, bodyStart: 0)
    }
    return PayloadShape(kind: kind, bodyStart: bodyStart, prefix: start..<index)
  }

  /// The kind of body at `start` and the offset where its parser should start.
  private static func bodyKind(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Kind, Int)? {
    let rest = UnsafeBufferPointer(rebasing: bytes[start...])
    for prefix in xmlStarts where rest.starts(with: prefix) {
      // `<msg` must end its name there (`<msgfoo>` is not a payload).
      if prefix.count < rest.count {
        let next = rest[prefix.count]
        if prefix[1] != UInt8(ascii: "?"),
          !(PayloadText.isSpace(next) || next == UInt8(ascii: ">")
            || next == UInt8(ascii: "/"))
        {
          continue
        }
      }
      return (.xml, start)
    }
    // MemoTrace v3: `-1`, a newline, then a dict; or the dict alone.
    var index = 0
    if rest.starts(with: Array("-1".utf8)) {
      index = skipSpace(rest, from: 2)
      guard index > 2 else { return nil }
    }
    guard index < rest.count, rest[index] == UInt8(ascii: "{") else { return nil }
    let key = skipSpace(rest, from: index + 1)
    guard key < rest.count, rest[key] == UInt8(ascii: "'") || rest[key] == UInt8(ascii: "\"") else {
      return nil
    }
    return (.python, start + index)
  }

  private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    while index < bytes.count, PayloadText.isSpace(bytes[index]) { index += 1 }
    return index
  }
}
