import BeizhuCore
import BeizhuTestSupport
import Testing

@testable import BeizhuImport

@Suite struct CSVReaderTests {
  func records(_ bytes: [UInt8], chunkSize: Int = 65_536, delimiter: UInt8 = UInt8(ascii: ",")) throws
    -> [CSVRecord]
  {
    let path = Fixtures.write(bytes, name: "t.csv")
    let stream = try UTF8Stream(path: path, chunkSize: chunkSize) { _ in }
    let reader = CSVReader(stream: stream, delimiter: delimiter)
    var result: [CSVRecord] = []
    while let record = try reader.next() { result.append(record) }
    return result
  }

  @Test(arguments: [1, 2, 3, 5, 7, 64, 65_536])
  func quotedFieldsAndLineEndingsAtEveryChunkSize(chunkSize: Int) throws {
    let text = "a,b,c\r\n1,\"水乳,套装\",\"say \"\"hi\"\"\"\r\n2,\"line1\nline2\",x\r\r\n3,甜,🌸\n4,,\r5,y,z"
    let rows = try records(Array(text.utf8), chunkSize: chunkSize)
    #expect(
      rows.map(\.fields) == [
        ["a", "b", "c"], ["1", "水乳,套装", "say \"hi\""], ["2", "line1\nline2", "x"], ["3", "甜", "🌸"],
        ["4", "", ""],
        ["5", "y", "z"],
      ])
    #expect(rows.map(\.line) == [1, 2, 3, 5, 6, 7])
    #expect(rows.allSatisfy { !$0.isTruncated })
  }

  @Test func byteOffsetsPointAtRecordStartsAfterTheBOM() throws {
    let rows = try records([0xEF, 0xBB, 0xBF] + Array("id,x\n1,甜\n2,b\n".utf8))
    #expect(rows.map(\.byteOffset) == [3, 8, 14])
  }

  @Test func truncatedQuotedFieldIsMarked() throws {
    let rows = try records(Array("a,b\n1,\"unfinished".utf8))
    #expect(rows.count == 2)
    #expect(rows[1].isTruncated)
    #expect(rows[1].fields == ["1", "unfinished"])
  }

  @Test func tabDelimited() throws {
    let rows = try records(Array("a\tb\n1\t\"x\ty\"\n".utf8), delimiter: 0x09)
    #expect(rows.map(\.fields) == [["a", "b"], ["1", "x\ty"]])
  }

  @Test func blankLinesAreSkipped() throws {
    let rows = try records(Array("a\n\n\r\nb\n".utf8))
    #expect(rows.map(\.fields) == [["a"], ["b"]])
    #expect(rows.map(\.line) == [1, 4])
  }

  /// The reader takes fields straight from its chunk where it can; on random CSV made of every
  /// construct it reads (quotes, `""`, quotes inside unquoted fields, line breaks in quotes,
  /// every record end, blank lines, CJK), cut into chunks of every small size, it must give
  /// what a plain byte-by-byte reading of the dialect gives.
  @Test(arguments: [1, 2, 3, 5, 8, 13, 4_096])
  func readsRandomCSVLikeAByteByByteReader(chunkSize: Int) throws {
    var random = SplitMix64(seed: UInt64(chunkSize))
    let pieces = [
      "a", "水乳", "🌸", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\r\r\n", " ", "x\"y", "\"q,\nr\"",
      "1234567",
    ]
    for _ in 0..<60 {
      var text = ""
      for _ in 0..<Int(random.next() % 80) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
      let bytes = Array(text.utf8)
      let expected = Self.referenceRecords(bytes)
      let actual = try records(bytes, chunkSize: chunkSize).map { ($0.fields, $0.isTruncated) }
      #expect(actual.map(\.0) == expected.map(\.0), "\(text.debugDescription)")
      #expect(actual.map(\.1) == expected.map(\.1), "\(text.debugDescription)")
    }
  }

  /// The dialect read one byte at a time (the reader's first version), for comparison.
  static func referenceRecords(_ bytes: [UInt8]) -> [([String], Bool)] {
    let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"),
      comma = UInt8(ascii: ",")
    var result: [([String], Bool)] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var inQuotes = false, wasQuoted = false, justClosed = false, started = false
    var index = 0
    func finishField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field = []
      wasQuoted = false
      justClosed = false
    }
    func finishRecord(truncated: Bool = false) {
      finishField()
      result.append((fields, truncated))
      fields = []
      started = false
    }
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if !started {
        if byte == lf || byte == cr { continue }
        started = true
      }
      if inQuotes {
        if byte == quote {
          inQuotes = false
          justClosed = true
        } else {
          field.append(byte)
        }
        continue
      }
      if justClosed && byte == quote {
        field.append(quote)
        inQuotes = true
        justClosed = false
        continue
      }
      switch byte {
      case comma: finishField()
      case quote where field.isEmpty && !wasQuoted:
        inQuotes = true
        wasQuoted = true
      case lf: finishRecord()
      case cr:
        while index < bytes.count && bytes[index] == cr { index += 1 }
        if index < bytes.count && bytes[index] == lf { index += 1 }
        finishRecord()
      default:
        justClosed = false
        field.append(byte)
      }
    }
    if started { finishRecord(truncated: inQuotes) }
    return result
  }
}
