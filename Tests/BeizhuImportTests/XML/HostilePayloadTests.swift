import CLibXML2
import Foundation
import Testing

@testable import BeizhuImport

/// Untrusted input: nothing external is loaded, entity bombs and deep nesting end in errors.
@Suite struct HostilePayloadTests {
  let parser = PayloadParser()

  func hostile(_ name: String) throws -> String { try PayloadFixtures.ours("hostile/" + name) }

  @Test func xxeFileEntityIsRefused() throws {
    let error = #expect(throws: PayloadError.self) { try parser.parse(try hostile("xxe_file.xml")) }
    #expect(error?.code == .doctype)
  }

  @Test func xxeHTTPEntityIsRefused() throws {
    let error = #expect(throws: PayloadError.self) { try parser.parse(try hostile("xxe_http.xml")) }
    #expect(error?.code == .doctype)
  }

  @Test func billionLaughsIsRefused() throws {
    let error = #expect(throws: PayloadError.self) { try parser.parse(try hostile("billion_laughs.xml")) }
    #expect(error?.code == .doctype)
  }

  @Test func deepNestingEndsInAnError() {
    let depth = 100_000
    let text = String(repeating: "<msg>", count: depth) + String(repeating: "</msg>", count: depth)
    let error = #expect(throws: PayloadError.self) { try parser.parse(text) }
    #expect(error?.code == .tooDeep)
  }

  @Test func deepNestingInsidePythonDictEndsInAnError() {
    let text =
      "-1\n" + String(repeating: "{'msg': ", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
    let error = #expect(throws: PayloadError.self) { try PayloadParser.parsePythonRepr(text) }
    #expect(error?.code == .badPythonLiteral)
  }

  @Test func truncatedInsideAMultibyteCharacter() throws {
    let full = Array(
      try PayloadFixtures.sample("payloads/appmsg_2000_transfer_friend_pays_paysubtype1.xml").utf8)
    let memo = try #require(full.firstRange(of: Array("水乳".utf8)))
    // Cut after the first byte of 水 (3 bytes in UTF-8).
    let cut = Array(full[..<(memo.lowerBound + 1)])
    let error = #expect(throws: PayloadError.self) {
      try cut.withUnsafeBytes { bytes throws(PayloadError) in try parser.parse(utf8: bytes) }
    }
    #expect(error?.code == .malformed)
    #expect(error?.line ?? 0 > 0)
  }

  @Test func invalidUTF8InTheMiddle() {
    var bytes = Array("<msg><appmsg><title>ab</title><type>5</type></appmsg></msg>".utf8)
    bytes.insert(0xFF, at: 21)
    let error = #expect(throws: PayloadError.self) {
      try bytes.withUnsafeBytes { raw throws(PayloadError) in try parser.parse(utf8: raw) }
    }
    #expect(error?.code == .malformed)
  }

  @Test func rawAmpersandMarkupIsNotXMLButStripsTolerantly() throws {
    let text = try hostile("raw_amp_system.txt")
    let error = #expect(throws: PayloadError.self) { try parser.parse(text) }
    #expect(error?.code == .malformed || error?.code == .notPayload)
    let notice = SystemNotice(markup: text)
    #expect(notice.text == "你领取了A&B 小店<3的红包")
    #expect(notice.event == .redPacketOpenedByMe(from: "A&B 小店<3"))
  }

  @Test func errorDescriptionsNeverContainTheText() {
    let secret = "秘密地址杭州市"
    let error = #expect(throws: PayloadError.self) {
      try parser.parse("<msg><appmsg><title>\(secret)</titl></appmsg></msg>")
    }
    #expect(error.map { !$0.description.contains(secret) } == true)
  }
}

/// The layers under the payload parser, each checked on its own.
@Suite struct LibXML2SafetyTests {
  final class Collector: XMLEventHandler {
    var text = ""
    func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: XMLAttributes) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text += String(decoding: bytes, as: UTF8.self) }
    func endElement() {}
  }

  @Test func externalEntityLoaderRefusesEverything() {
    #expect(LibXML2Safety.refusesExternalEntities)
    LibXML2Safety.ensureInstalled()
    for url in ["file:///etc/passwd", "/etc/passwd", "http://127.0.0.1:9/x.dtd", "ftp://example.invalid/x"] {
      #expect(xmlLoadExternalEntity(url, nil, nil) == nil)
    }
  }

  @Test func optionsNeverEnableEntitySubstitutionOrDTDLoading() {
    let forbidden =
      XML_PARSE_NOENT.rawValue | XML_PARSE_DTDLOAD.rawValue | XML_PARSE_DTDATTR.rawValue
      | XML_PARSE_DTDVALID.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_XINCLUDE.rawValue
    #expect(UInt32(LibXML2Safety.parseOptions) & forbidden == 0)
    #expect(UInt32(LibXML2Safety.parseOptions) & XML_PARSE_NONET.rawValue != 0)
  }

  /// Even with the DOCTYPE let through, the SAX handler declares no entity to libxml2, so
  /// references to DTD entities are undefined: nothing is loaded or expanded.
  @Test(arguments: ["xxe_file.xml", "xxe_http.xml", "billion_laughs.xml"])
  func entitiesAreNeverExpandedEvenWithADoctype(name: String) throws {
    let parser = XMLEventParser(allowsDoctype: true)
    let collector = Collector()
    var text = try PayloadFixtures.ours("hostile/" + name)
    let failure = text.withUTF8 { parser.parse(UnsafeRawBufferPointer($0), handler: collector) }
    // With a parameter-entity reference in the DTD, libxml2 only warns about undeclared
    // entities and drops the reference; without one it is a fatal error.
    if let failure {
      #expect(failure.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue))
    } else {
      #expect(name == "xxe_http.xml")
    }
    #expect(!collector.text.contains("root:"))
    #expect(!collector.text.contains("lollol"))
  }

  /// libxml2 2.9.14's own guard, the last line of defence: with the default tree builder (which
  /// does declare entities) and, as a worst case, `NOENT` added to our options (but never
  /// `HUGE`), the billion laughs still ends with an entity-loop error, and the refusing loader
  /// keeps `/etc/passwd` out of the tree.
  @Test func libxml2AmplificationGuardHoldsWithOurOptions() throws {
    LibXML2Safety.ensureInstalled()
    var laughs = try PayloadFixtures.ours("hostile/billion_laughs.xml")
    let laughsDoc = laughs.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        xmlReadMemory(
          $0.baseAddress, Int32($0.count), nil, nil,
          LibXML2Safety.parseOptions | Int32(XML_PARSE_NOENT.rawValue))
      }
    }
    let laughsError = xmlGetLastError()?.pointee.code ?? 0
    if let laughsDoc { xmlFreeDoc(laughsDoc) }
    #expect(laughsDoc == nil)
    #expect(laughsError == Int32(XML_ERR_ENTITY_LOOP.rawValue))

    var xxe = try PayloadFixtures.ours("hostile/xxe_file.xml")
    let xxeDoc = xxe.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        xmlReadMemory(
          $0.baseAddress, Int32($0.count), nil, nil,
          LibXML2Safety.parseOptions | Int32(XML_PARSE_NOENT.rawValue))
      }
    }
    defer { if let xxeDoc { xmlFreeDoc(xxeDoc) } }
    if let xxeDoc, let root = xmlDocGetRootElement(xxeDoc), let content = xmlNodeGetContent(root) {
      let text = String(cString: content)
      free(content)  // xmlFree is a C global var, which Swift 6 refuses to read; it is free()
      #expect(!text.contains("root:"))
    }
  }

  @Test func depthLimitIsEnforcedByTheHandle() {
    let parser = XMLEventParser(maxDepth: 8)
    let collector = Collector()
    var nine = String(repeating: "<a>", count: 9) + String(repeating: "</a>", count: 9)
    let failure = nine.withUTF8 { parser.parse(UnsafeRawBufferPointer($0), handler: collector) }
    #expect(failure?.reason == .tooDeep)
    var eight = String(repeating: "<a>", count: 8) + "x" + String(repeating: "</a>", count: 8)
    let ok = eight.withUTF8 { parser.parse(UnsafeRawBufferPointer($0), handler: collector) }
    #expect(ok == nil)
    #expect(collector.text == "x")
  }

  @Test func errorCarriesLineAndColumn() {
    let parser = XMLEventParser()
    var text = "<msg>\n  <a>\n  </b>\n</msg>"
    let failure = text.withUTF8 { parser.parse(UnsafeRawBufferPointer($0), handler: Collector()) }
    #expect(failure?.reason == .malformed)
    #expect(failure?.line == 3)
    #expect(failure?.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue))
  }
}

@Suite struct PayloadParserConcurrencyTests {
  /// The process-wide setup runs once however many parsers start at the same time; each task
  /// owns its parser.
  @Test func parsersOnManyTasksAgree() async throws {
    let xml = try PayloadFixtures.sample("payloads/appmsg_2000_transfer_friend_pays_paysubtype1.xml")
    let amounts = await withTaskGroup(of: Int64.self) { group in
      for _ in 0..<8 {
        group.addTask {
          let parser = PayloadParser()
          var total: Int64 = 0
          for _ in 0..<200 {
            if case .transfer(let transfer) = try? parser.parse(xml).content {
              total += transfer.amountFen ?? 0
            }
          }
          return total
        }
      }
      return await group.reduce(into: [Int64]()) { $0.append($1) }
    }
    #expect(amounts == Array(repeating: 200 * 19800, count: 8))
    #expect(LibXML2Safety.refusesExternalEntities)
  }
}
