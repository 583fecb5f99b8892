import BeizhuCore
import BeizhuTestSupport
import Testing

@testable import BeizhuImport

@Suite struct JSONStreamReaderTests {
  func reader(_ text: String, chunkSize: Int = 65_536, lenient: Bool = false) throws -> JSONStreamReader {
    let path = Fixtures.write(text, name: "t.json")
    return JSONStreamReader(
      stream: try UTF8Stream(path: path, chunkSize: chunkSize) { _ in }, lenient: lenient)
  }

  @Test(arguments: [1, 2, 5, 65_536])
  func streamsArrayElementsOneAtATime(chunkSize: Int) throws {
    let json =
      #"[{"seq":1712129121000,"content":"水乳\u003c套装\u003e","emoji":"\ud83e\udd8c","ok":true,"n":null},{"seq":2}]"#
    let reader = try reader(json, chunkSize: chunkSize)
    #expect(try reader.beginArray())
    var values: [JSONValue] = []
    while try reader.nextElement() { values.append(try reader.readValue()) }
    #expect(values.count == 2)
    #expect(values[0]["seq"]?.int64 == 1_712_129_121_000)
    #expect(values[0]["content"]?.text == "水乳<套装>")
    #expect(values[0]["emoji"]?.text == "🦌")
    #expect(values[0]["ok"]?.bool == true)
    #expect(values[0]["n"]?.isNull == true)
    #expect(values[1]["seq"]?.int64 == 2)
  }

  @Test func objectKeysCanBeWalked() throws {
    let reader = try reader(#"{"session":{"accountId":"wxid_a"},"messages":[1,2,3]}"#)
    #expect(try reader.beginObject())
    var keys: [String] = []
    var count = 0
    while let key = try reader.nextKey() {
      keys.append(key)
      if key == "messages" {
        #expect(try reader.beginArray())
        while try reader.nextElement() {
          try reader.skipValue()
          count += 1
        }
      } else {
        try reader.skipValue()
      }
    }
    #expect(keys == ["session", "messages"])
    #expect(count == 3)
  }

  @Test(arguments: [1, 3, 65_536])
  func skippingContainersFindsTheirEnd(chunkSize: Int) throws {
    let json = #"{"skip":{"a":["]}",{"b":"\"}"}],"c":'x'},"keep":1,"also":[[[]]],"last":"ok"}"#
    let reader = try reader(json, chunkSize: chunkSize, lenient: true)
    #expect(try reader.beginObject())
    var kept: [String: JSONValue] = [:]
    while let key = try reader.nextKey() {
      if key == "keep" || key == "last" { kept[key] = try reader.readValue() } else { try reader.skipValue() }
    }
    #expect(kept["keep"]?.int64 == 1)
    #expect(kept["last"]?.text == "ok")
  }

  @Test func skippingATruncatedContainerIsATruncation() throws {
    let reader = try reader(#"{"skip":[1,2,{"a":"b"#)
    #expect(try reader.beginObject())
    #expect(try reader.nextKey() == "skip")
    let error = #expect(throws: ImportError.self) { try reader.skipValue() }
    guard case .rejected(let issue) = error else {
      Issue.record("expected a rejection")
      return
    }
    #expect(issue.code == .truncated)
  }

  @Test func sixtyFourBitIntegersStayExact() throws {
    let reader = try reader("[9007199254740993, 8594229559345]")
    #expect(try reader.readValue() == .array([.number("9007199254740993"), .number("8594229559345")]))
  }

  @Test func lenientReadsJavaScriptLiterals() throws {
    let js =
      "const chatMessages = [{type:49,sub_type:2000,text:'\\u53d1\\u8d77 it\\'s',MsgSvrID:1234567890123456789,},\n{is_send:1, text:\"x\"},];"
    let reader = try reader(js, chunkSize: 3, lenient: true)
    #expect(try reader.skip(past: Array("chatMessages = ".utf8)))
    #expect(try reader.beginArray())
    var values: [JSONValue] = []
    while try reader.nextElement() { values.append(try reader.readValue()) }
    #expect(values.count == 2)
    #expect(values[0]["text"]?.text == "发起 it's")
    #expect(values[0]["MsgSvrID"]?.text == "1234567890123456789")
    #expect(values[1]["is_send"]?.int64 == 1)
  }

  @Test func truncatedStringIsATruncationWithOffset() throws {
    let reader = try reader(#"[{"a":"one"},{"a":"cut in the mid"#)
    #expect(try reader.beginArray())
    #expect(try reader.nextElement())
    _ = try reader.readValue()
    #expect(try reader.nextElement())
    let error = #expect(throws: ImportError.self) { try reader.readValue() }
    guard case .rejected(let issue) = error else {
      Issue.record("expected a rejection")
      return
    }
    #expect(issue.code == .truncated)
    #expect(issue.location.byteOffset == 33)
  }

  @Test func hostileNestingIsRejectedNotACrash() throws {
    let reader = try reader(String(repeating: "[", count: 100_000))
    let error = #expect(throws: ImportError.self) { try reader.readValue() }
    #expect(error != nil)
  }
}
