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
}
