import CLibXML2

/// Receives the events of one document from ``XMLEventParser``.
///
/// Names and texts are borrowed UTF-8 bytes, valid only during the call, so a handler decides
/// per element whether it needs a `String` at all.
package protocol XMLEventHandler: AnyObject {
  func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes)
  /// Text and CDATA content, possibly split over several calls.
  func characters(_ bytes: UnsafeBufferPointer<UInt8>)
  func endElement()
}

/// The attributes of one start tag, as libxml2's SAX2 `startElementNs` hands them over.
package struct XMLAttributes {
  fileprivate let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  package let count: Int

  /// Calls `body` with each attribute's local name and raw value bytes.
  ///
  /// Without `XML_PARSE_NOENT` libxml2 passes a `&` written as `&amp;` or `&#38;` on as the
  /// five bytes `&#38;`; ``XMLAttributes/decode(_:)`` turns them back into `&`.
  package func visit(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
    guard let base else { return }
    for index in 0..<count {
      // Five pointers per attribute: localname, prefix, URI, value, end of value.
      let slot = base + index * 5
      guard let name = slot[0], let value = slot[3], let end = slot[4] else { continue }
      let nameBuffer = UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name)))
      let valueBuffer = UnsafeBufferPointer(start: value, count: max(0, end - value))
      body(nameBuffer, valueBuffer)
    }
  }

  /// The attribute value as a `String`, with `&#38;` turned back into `&`.
  package static func decode(_ value: UnsafeBufferPointer<UInt8>) -> String {
    guard value.contains(UInt8(ascii: "&")) else { return String(decoding: value, as: UTF8.self) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(value.count)
    var index = 0
    let amp: [UInt8] = Array("&#38;".utf8)
    while index < value.count {
      if value[index] == UInt8(ascii: "&"), index + 5 <= value.count,
        value[index + 1] == amp[1], value[index + 2] == amp[2], value[index + 3] == amp[3],
        value[index + 4] == amp[4]
      {
        bytes.append(UInt8(ascii: "&"))
        index += 5
      } else {
        bytes.append(value[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Why a document could not be read.
package struct XMLParseFailure: Error, Sendable, Hashable {
  package enum Reason: Sendable, Hashable {
    /// Not well-formed; `code` is libxml2's `xmlParserErrors` value.
    case malformed
    /// The document has a `<!DOCTYPE`: payloads never do, and a DTD is how entity attacks start.
    case doctype
    /// Elements nested deeper than the parser allows.
    case tooDeep
    /// The input is larger than the parser accepts.
    case tooLarge
  }

  package var reason: Reason
  /// libxml2's error code (`xmlParserErrors`), 0 when the failure is ours.
  package var code: Int32
  /// 1-based line of the error in the document, 0 when unknown.
  package var line: Int
  /// 1-based column (libxml2 counts bytes), 0 when unknown.
  package var column: Int
}

/// Owns one libxml2 SAX2 push-parser context and reuses it for many small documents.
///
/// Creating a context costs about as much as parsing a small payload, so one parser is kept per
/// importer and reset between documents. Not thread-safe: use one instance per thread or task.
///
/// Safety: the SAX handler registers no entity declarations (so no entity other than the five
/// predefined ones and character references is ever expanded), stops at any `<!DOCTYPE`, and
/// limits nesting; the process-wide loader refuses every external entity
/// (``LibXML2Safety``), and the options never include `NOENT`, `DTDLOAD` or `HUGE`.
package final class XMLEventParser {
  /// Deepest element nesting accepted; libxml2's own default limit is 256 as well.
  package let maxDepth: Int
  /// Largest document accepted, in bytes.
  package let maxBytes: Int
  /// Whether a `<!DOCTYPE` is read instead of refused. Only tests turn this on, to show that the
  /// second line of defence (no entity is ever declared to libxml2) holds on its own.
  package let allowsDoctype: Bool

  private var context: xmlParserCtxtPtr?
  /// Set only for the duration of `parse`, which keeps the handler alive; unowned(unsafe) spares
  /// a retain and release per SAX event.
  private unowned(unsafe) var handler: (any XMLEventHandler)?

  // Per-document state, reset by `parse`.
  fileprivate var depth = 0
  fileprivate var rootClosed = false
  fileprivate var failure: XMLParseFailure?
  /// Whether the last document had errors after its root element closed (ignored).
  package fileprivate(set) var hadErrorAfterRoot = false

  /// Names interned in the context's dictionary before it is recreated, so that hostile input
  /// with ever new element names cannot grow memory across millions of documents.
  private static let dictionaryLimit: Int = 4096

  package init(maxDepth: Int = 256, maxBytes: Int = 16 << 20, allowsDoctype: Bool = false) {
    LibXML2Safety.ensureInstalled()
    self.maxDepth = maxDepth
    self.maxBytes = maxBytes
    self.allowsDoctype = allowsDoctype
  }

  deinit {
    if let context { xmlFreeParserCtxt(context) }
  }

  /// Parses one document held in `bytes` (UTF-8), calling `handler` for each event.
  ///
  /// Content after the first root element is closed (a second root, trailing garbage) is
  /// ignored: the events of the root are complete by then. Any error before that fails.
  /// - Complexity: O(n) in the document size.
  package func parse(_ bytes: UnsafeRawBufferPointer, handler: any XMLEventHandler) -> XMLParseFailure? {
    guard bytes.count <= maxBytes, bytes.count < Int(Int32.max) else {
      return XMLParseFailure(reason: .tooLarge, code: 0, line: 0, column: 0)
    }
    guard let context = preparedContext() else {
      return XMLParseFailure(reason: .malformed, code: Int32(XML_ERR_NO_MEMORY.rawValue), line: 0, column: 0)
    }
    depth = 0
    rootClosed = false
    failure = nil
    hadErrorAfterRoot = false
    self.handler = handler
    defer { self.handler = nil }

    guard xmlCtxtResetPush(context, nil, 0, nil, nil) == 0 else {
      return XMLParseFailure(reason: .malformed, code: Int32(XML_ERR_NO_MEMORY.rawValue), line: 0, column: 0)
    }
    _ = xmlCtxtUseOptions(context, LibXML2Safety.parseOptions)
    let start = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
    let result = xmlParseChunk(context, start, Int32(bytes.count), 1)
    if let failure { return failure }
    if result != 0 {
      if !rootClosed { return XMLParseFailure(reason: .malformed, code: result, line: 0, column: 0) }
      hadErrorAfterRoot = true
    }
    return nil
  }

  /// The reusable context, recreated when its name dictionary has grown too large.
  private func preparedContext() -> xmlParserCtxtPtr? {
    if let context {
      if let dictionary = context.pointee.dict, xmlDictSize(dictionary) > Self.dictionaryLimit {
        xmlFreeParserCtxt(context)
        self.context = nil
      } else {
        return context
      }
    }
    var sax = xmlSAXHandler()
    sax.initialized = XML_SAX2_MAGIC
    sax.startElementNs = saxStartElement
    sax.endElementNs = saxEndElement
    sax.characters = saxCharacters
    sax.cdataBlock = saxCharacters
    sax.ignorableWhitespace = saxCharacters
    sax.internalSubset = saxInternalSubset
    sax.serror = saxError
    let userData = Unmanaged.passUnretained(self).toOpaque()
    context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil)
    return context
  }

  fileprivate func stop(_ failure: XMLParseFailure) {
    if self.failure == nil { self.failure = failure }
    if let context { xmlStopParser(context) }
  }

  fileprivate func currentPosition() -> (line: Int, column: Int) {
    guard let input = context?.pointee.input else { return (0, 0) }
    return (Int(input.pointee.line), Int(input.pointee.col))
  }

  fileprivate func start(_ name: UnsafeBufferPointer<UInt8>, _ attributes: XMLAttributes) {
    guard failure == nil else { return }
    depth += 1
    if depth > maxDepth {
      let position = currentPosition()
      stop(XMLParseFailure(reason: .tooDeep, code: 0, line: position.line, column: position.column))
      return
    }
    handler?.startElement(name, attributes: attributes)
  }

  fileprivate func end() {
    guard failure == nil else { return }
    depth -= 1
    if depth == 0 { rootClosed = true }
    handler?.endElement()
  }

  fileprivate func text(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard failure == nil, depth > 0 else { return }
    handler?.characters(bytes)
  }

  fileprivate func error(_ error: UnsafePointer<xmlError>) {
    let value = error.pointee
    // Only fatal errors (not well-formed) fail a document; recoverable ones (an undefined
    // namespace prefix, an undeclared entity after a parameter-entity reference) leave the
    // events complete enough to read.
    guard value.level.rawValue >= XML_ERR_FATAL.rawValue, failure == nil else { return }
    if rootClosed {
      hadErrorAfterRoot = true
      return
    }
    failure = XMLParseFailure(
      reason: .malformed, code: value.code, line: Int(value.line), column: Int(value.int2))
  }
}

/// Runs `body` with the parser behind a SAX context pointer, without retaining it (the parser
/// owns the libxml2 context, so it outlives every callback).
private func withParser(_ context: UnsafeMutableRawPointer?, _ body: (XMLEventParser) -> Void) {
  guard let context else { return }
  Unmanaged<XMLEventParser>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
}

private func saxStartElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
  _ prefix: UnsafePointer<xmlChar>?,
  _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32,
  _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int32,
  _ defaultedCount: Int32,
  _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
  guard let localName else { return }
  let name = UnsafeBufferPointer(start: localName, count: Int(xmlStrlen(localName)))
  withParser(context) { $0.start(name, XMLAttributes(base: attributes, count: Int(max(0, attributeCount)))) }
}

private func saxEndElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
  _ prefix: UnsafePointer<xmlChar>?,
  _ uri: UnsafePointer<xmlChar>?
) {
  withParser(context) { $0.end() }
}

private func saxCharacters(
  _ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32
) {
  guard let bytes, count > 0 else { return }
  withParser(context) { $0.text(UnsafeBufferPointer(start: bytes, count: Int(count))) }
}

private func saxInternalSubset(
  _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ externalID: UnsafePointer<xmlChar>?,
  _ systemID: UnsafePointer<xmlChar>?
) {
  withParser(context) { parser in
    guard !parser.allowsDoctype else { return }
    let position = parser.currentPosition()
    parser.stop(XMLParseFailure(reason: .doctype, code: 0, line: position.line, column: position.column))
  }
}

private func saxError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let error else { return }
  withParser(context) { $0.error(error) }
}
