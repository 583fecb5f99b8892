import BeizhuCore
import BeizhuTestSupport
import Foundation
import Testing

@testable import BeizhuImport

/// The segmented push parser: the same events whatever the chunking, segment and slice sizes.
@Suite struct HTMLStreamParserTests {
  /// Records script text and bubbles.
  final class Recorder: HTMLEventHandler {
    var script: [UInt8] = []
    var scripts = 0
    var title: [UInt8] = []
    var inTitle = false
    let dom = WechatExporterDOM()
    func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes) {
      if HTMLBytes.equals(name, "title") { inTitle = true }
      dom.startElement(name, attributes: attributes)
    }
    func endElement(_ name: UnsafeBufferPointer<UInt8>) {
      if HTMLBytes.equals(name, "title") { inTitle = false }
      dom.endElement(name)
    }
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
      if inTitle { title.append(contentsOf: bytes) }
      dom.characters(bytes)
    }
    func rawText(_ bytes: UnsafeBufferPointer<UInt8>) { script.append(contentsOf: bytes) }
    func rawTextEnded() { scripts += 1 }
  }

  struct Outcome: Equatable {
    var script: [UInt8], scripts: Int, title: [UInt8], texts: [[UInt8]], ids: [String?]
  }

  func parse(_ bytes: [UInt8], chunk: Int, segment: Int, slice: Int) -> Outcome {
    let recorder = Recorder()
    let parser = HTMLStreamParser(path: "t.html", handler: recorder)
    parser.cutMarker = WechatExporterHTMLImporter.bubbleStart
    parser.segmentBytes = segment
    parser.scriptSliceBytes = slice
    var index = 0
    while index < bytes.count {
      parser.feed(Array(bytes[index..<min(bytes.count, index + chunk)]))
      index += chunk
    }
    parser.finish()
    return Outcome(
      script: recorder.script, scripts: recorder.scripts, title: recorder.title,
      texts: recorder.dom.bubbles.map(\.text), ids: recorder.dom.bubbles.map(\.msgid))
  }

  @Test(arguments: [(7, 64, 5), (1, 1, 1), (4096, 300, 13), (65_536, 4 << 20, 1 << 20)])
  func sameEventsForAnyChunking(chunk: Int, segment: Int, slice: Int) throws {
    for name in ["wechatexporter/店主/客户甲/index.html", "memotrace3/客户A(wxid_abc123)/客户A.html"] {
      let bytes = [UInt8](
        try Data(contentsOf: URL(fileURLWithPath: Fixtures.testdata("import/html/" + name))))
      let reference = parse(bytes, chunk: bytes.count, segment: Int.max, slice: Int.max)
      let outcome = parse(bytes, chunk: chunk, segment: segment, slice: slice)
      #expect(outcome == reference, "\(name) chunk \(chunk)")
    }
  }

  @Test func scriptTextArrivesWhole() throws {
    let path = Fixtures.testdata("import/html/memotrace3/客户A(wxid_abc123)/客户A.html")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let outcome = parse(bytes, chunk: 3, segment: 10, slice: 2)
    let text = String(decoding: outcome.script, as: UTF8.self)
    // The <style> text, then the whole <script> text, `</b` and `</div>` in it included.
    #expect(text.hasPrefix(".item { display: flex; }\nconst chatMessages = [\n"))
    #expect(text.hasSuffix("if (a </b) return '</div>'; }\n"))
    #expect(outcome.scripts == 2 && String(decoding: outcome.title, as: UTF8.self) == "客户A")
  }

  @Test func wechatExporterPageInTinySegments() throws {
    let path = Fixtures.testdata("import/html/wechatexporter/店主/客户甲/index.html")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let outcome = parse(bytes, chunk: 5, segment: 1, slice: 3)
    #expect(outcome.ids == (1...10).map { String($0) })
    #expect(String(decoding: outcome.texts[1], as: UTF8.self) == "价格 < 100 & 包邮吗[捂脸]\n第二行")
  }

  /// libxml2 2.9.x lost its place when a chunk ended inside a quoted attribute value and parsed
  /// nothing more until the document ended: a whole segment held back, its first bubble then
  /// taken for a cut one. Every chunk size must let the bubbles through as they arrive.
  @Test(arguments: [3, 7, 64, 1000])
  func bubblesArriveWhileFeeding(chunk: Int) throws {
    let path = Fixtures.testdata("import/html/wechatexporter/店主/客户甲/index.html")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let recorder = Recorder()
    let parser = HTMLStreamParser(path: "t.html", handler: recorder)
    parser.cutMarker = WechatExporterHTMLImporter.bubbleStart
    var index = 0
    while index < bytes.count {
      parser.feed(Array(bytes[index..<min(bytes.count, index + chunk)]))
      index += chunk
    }
    // Before `finish()`: the last bubble has closed too, only trailing markup may wait.
    #expect(recorder.dom.bubbles.map(\.msgid) == (1...10).map { String($0) })
    #expect(!recorder.dom.isInsideBubble)
  }
}
