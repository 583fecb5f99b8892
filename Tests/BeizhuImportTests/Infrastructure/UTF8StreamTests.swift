import BeizhuCore
import BeizhuTestSupport
import Foundation
import Testing

@testable import BeizhuImport

@Suite struct UTF8StreamTests {
  func decode(_ bytes: [UInt8], chunkSize: Int = 65_536) throws -> (String, TextEncoding, [BeizhuCore.Issue])
  {
    let path = Fixtures.write(bytes)
    var issues: [BeizhuCore.Issue] = []
    let stream = try UTF8Stream(path: path, chunkSize: chunkSize) { issues.append($0) }
    var output: [UInt8] = []
    while true {
      let chunk = try stream.next()
      if chunk.isEmpty { break }
      output += chunk
    }
    return (String(decoding: output, as: UTF8.self), stream.encoding, issues)
  }

  @Test(arguments: [1, 2, 3, 4, 5, 13, 4096])
  func multibyteCharactersSplitAcrossChunks(chunkSize: Int) throws {
    let text = "王姐-老客户,水乳套装🌸ღ甜甜の小屋\n𠮷野家"
    let (decoded, encoding, issues) = try decode(Array(text.utf8), chunkSize: chunkSize)
    #expect(decoded == text)
    #expect(encoding == .utf8)
    #expect(issues.isEmpty)
  }

  @Test func utf8BOMIsRemoved() throws {
    let (decoded, encoding, _) = try decode([0xEF, 0xBB, 0xBF] + Array("a,b".utf8))
    #expect(decoded == "a,b")
    #expect(encoding == .utf8)
  }

  @Test(arguments: [1, 3, 4096])
  func utf16LittleAndBigEndianWithBOM(chunkSize: Int) throws {
    let text = "时间\t内容\n2024/10/4 11:42\t好的🌸\n"
    let le: [UInt8] =
      [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let be: [UInt8] =
      [0xFE, 0xFF] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    let (decodedLE, encodingLE, issuesLE) = try decode(le, chunkSize: chunkSize)
    let (decodedBE, encodingBE, _) = try decode(be, chunkSize: chunkSize)
    #expect(decodedLE == text)
    #expect(decodedBE == text)
    #expect(encodingLE == .utf16LE)
    #expect(encodingBE == .utf16BE)
    #expect(issuesLE.isEmpty)
  }

  @Test(arguments: [1, 2, 7, 4096])
  func gb18030FromASpreadsheetResave(chunkSize: Int) throws {
    // "时间,内容\n好的我要了" in GB18030 (CP936 subset), as Excel writes it without a BOM.
    let bytes: [UInt8] = [
      0xCA, 0xB1, 0xBC, 0xE4, 0x2C, 0xC4, 0xDA, 0xC8, 0xDD, 0x0A, 0xBA, 0xC3, 0xB5, 0xC4, 0xCE, 0xD2, 0xD2,
      0xAA,
      0xC1, 0xCB,
    ]
    let (decoded, encoding, issues) = try decode(bytes, chunkSize: chunkSize)
    #expect(encoding == .gb18030)
    #expect(decoded == "时间,内容\n好的我要了")
    #expect(issues.isEmpty)
  }

  @Test func invalidBytesGiveOneLocatedWarningAndTheRestImports() throws {
    let bytes =
      Array("line one\nbad ".utf8) + [0xFF, 0xFE, 0x41] + Array("\n".utf8)
      + Array(repeating: 0x61, count: 5000)
      + [0xC3] + Array(" end\n".utf8)
    let (decoded, encoding, issues) = try decode(bytes)
    #expect(encoding == .utf8)
    #expect(decoded.hasPrefix("line one\nbad \u{FFFD}\u{FFFD}A\n"))
    #expect(decoded.hasSuffix("\u{FFFD} end\n"))
    #expect(issues.count == 1)
    #expect(issues.first?.code == .invalidEncoding)
    #expect(issues.first?.location.line == 2)
    #expect(issues.first?.location.byteOffset == 13)
  }

  /// Chunks of CJK text mostly start by completing a character cut at the end of the previous
  /// one; an invalid byte anywhere near such a cut must still be replaced and reported once.
  @Test(arguments: [4097, 4098, 4099, 4100, 5003])
  func invalidBytesNearCutCharacters(chunkSize: Int) throws {
    let text = Array(String(repeating: "水乳套装，好的亲🌸", count: 400).utf8)
    // 0xFF is never UTF-8; 0xC0 and 0xF5 look like leads of sequences that cannot exist.
    for position in [4096, 4097, 4098, 8195, 8196] {
      for invalid: UInt8 in [0xFF, 0xC0, 0xF5] {
        var bytes = text
        bytes[position] = invalid
        let whole = try decode(bytes)
        let cut = try decode(bytes, chunkSize: chunkSize)
        #expect(cut.0 == whole.0, "invalid byte \(invalid) at \(position), chunks of \(chunkSize)")
        #expect(cut.2.count == 1)
        #expect(cut.2.first?.location.byteOffset == whole.2.first?.location.byteOffset)
        #expect(abs((whole.2.first?.location.byteOffset ?? -9) - Int64(position)) <= 3)
      }
    }
  }

  /// Large files are decoded ahead on another thread: the chunks arrive whole and in order,
  /// and a stream dropped half-way stops its reader.
  @Test func readAheadKeepsOrderAndStopsWhenDropped() throws {
    let text = Array((0..<20_000).map { "第\($0)行\n" }.joined().utf8)
    let (decoded, _, issues) = try decode(text, chunkSize: 100)
    #expect(Array(decoded.utf8) == text && issues.isEmpty)
    let path = Fixtures.write(text)
    let openFiles = { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0 }
    let before = openFiles()
    for _ in 0..<50 {
      let stream = try UTF8Stream(path: path, chunkSize: 64) { _ in }
      for _ in 0..<10 { _ = try stream.next() }
    }
    // A reader that goes on after its stream is dropped keeps the file open (Linux shows it).
    #if os(Linux)
    let deadline = Date().addingTimeInterval(5)
    while openFiles() > before, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    #expect(openFiles() <= before)
    #endif
  }

  /// The validator that replaced `String(validating:)` must agree with it on every input:
  /// random mixes of ASCII runs, well-formed sequences and bytes that break them.
  @Test func validatorAgreesWithTheStandardLibrary() {
    var random = SplitMix64(seed: 0x5EED)
    let pieces: [[UInt8]] = [
      Array("abcdefghijklmnopqrstu".utf8), Array("é".utf8), Array("好".utf8), Array("🌸".utf8),
      [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80],
      [0xED, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
      [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE4, 0xB8], [0xF0, 0x9F, 0x8C],
    ]
    var disagreements: [[UInt8]] = []
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(random.next() % 12) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
      let expected = String(validating: bytes, as: UTF8.self) != nil
      if bytes.withUnsafeBufferPointer(UTF8Validator.isValid) != expected { disagreements.append(bytes) }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
  }

  @Test func missingBytesCompleteACharacterCutByARead() {
    #expect(UTF8Validator.missingBytes(atEndOf: Array("ab".utf8)) == 0)
    #expect(UTF8Validator.missingBytes(atEndOf: Array("a好".utf8)) == 0)
    #expect(UTF8Validator.missingBytes(atEndOf: [0x61, 0xE5]) == 2)
    #expect(UTF8Validator.missingBytes(atEndOf: [0x61, 0xE5, 0xA5]) == 1)
    #expect(UTF8Validator.missingBytes(atEndOf: [0xF0, 0x9F]) == 2)
    #expect(UTF8Validator.missingBytes(atEndOf: [0x61, 0x80]) == 0)  // not a character's start
    #expect(UTF8Validator.missingBytes(atEndOf: [0xFF]) == 0)
  }

  @Test func truncatedInTheMiddleOfAMultibyteCharacter() throws {
    let bytes = Array("好的".utf8) + [0xE5, 0xA5]
    let (decoded, _, issues) = try decode(bytes, chunkSize: 1)
    #expect(decoded == "好的\u{FFFD}")
    #expect(issues.count == 1)
  }
}

@Suite struct FileProbeTests {
  @Test func headContainsMatchesBytesAnywhere() throws {
    let path = Fixtures.write("{\"items\":[{\"userName\":\"wxid_a\",\"nickName\":\"王丽\"}]}\nsecond line")
    let probe = try FileProbe.read(path: path)
    #expect(probe.headContains("\"nickName\""))
    #expect(probe.headContains("王丽"))
    #expect(probe.headContains("second line"))
    #expect(!probe.headContains("\"isFriend\""))
    #expect(!probe.headContains(String(repeating: "x", count: 100)))
    #expect(probe.firstLine == "{\"items\":[{\"userName\":\"wxid_a\",\"nickName\":\"王丽\"}]}")
  }
}

/// A small deterministic generator, so a failing case can be replayed.
struct SplitMix64 {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
