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

  /// Keys matched as bytes and fields read without building values give what `nextKey()` and
  /// `readValue()` give, whatever the chunking: escaped keys, quoted and unquoted, split strings.
  @Test(arguments: [1, 2, 3, 7, 65_536])
  func fieldsReadInPlaceEqualBuiltValues(chunkSize: Int) throws {
    let object = #"""
      {type:1, 'text': 'a &lt; b\n水乳🌸', "is_send": "1", "t\u0069mestamp": 1712129121.0, flag: true,
       "big": 9223372036854775807, "tooBig": 9223372036854775808, neg: -9223372036854775808,
       "s": "true", "f": "false", "frac": 1.5, n: null, u: undefined, obj: {a: [1, {b: 2}]}, arr: [1, 2],
       "id": 5999784613019276627, display_name: '林小雨🌷', other: 'x'}
      """#
    let names =
      ["type", "text", "is_send", "timestamp", "flag", "big", "tooBig", "neg", "s", "f", "frac", "n"]
      + ["u", "obj", "arr", "id"]
    let keys = JSONStreamReader.KeySet(aliases: names.map { [$0] } + [["displayname", "display_name"]])
    let built = try reader(object, lenient: true).readValue()
    let json = try reader(object, chunkSize: chunkSize, lenient: true)
    #expect(try json.beginObject())
    var seen: [Int] = []
    while let index = try json.nextKey(in: keys) {
      seen.append(index)
      guard index != JSONStreamReader.KeySet.other else {
        try json.skipValue()
        continue
      }
      let value = built[index < names.count ? names[index] : "display_name"]
      switch index % 3 {
      case 0: #expect(try json.readInt64() == value?.int64, "\(names[index])")
      case 1: #expect(try json.readBool() == value?.bool, "\(names[index])")
      default: #expect(try json.readText() == value?.text, "\(index < names.count ? names[index] : "name")")
      }
    }
    #expect(seen == Array(0..<17) + [JSONStreamReader.KeySet.other])
  }

  @Test func identifierBytesAreLettersDigitsUnderscoreDollarAndNonASCII() throws {
    let reader = try reader("0")
    for byte in UInt8.min...UInt8.max {
      let scalar = Unicode.Scalar(byte)
      let expected =
        byte >= 0x80 || ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar)
        || ("A"..."Z").contains(scalar)
        || scalar == "_" || scalar == "$"
      #expect(reader.isIdentifierByte(byte) == expected, "byte \(byte)")
    }
  }

  /// Integers read from bytes follow `Int64(String)` and the integral-decimal rule exactly.
  @Test func integersFromBytesFollowTheStandardLibrary() {
    let cases = [
      "0", "-0", "+7", "42", "-42", "1712129121.0", "1712129121.000", "12.", ".0", "-.0", "1.5", "1e5", "",
      "-", "+",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "0x10",
      " 1", "1 ", "١", "1.0.0", "00012",
    ]
    for text in cases {
      var expected = Int64(text)
      if expected == nil, let dot = text.firstIndex(of: "."),
        text[text.index(after: dot)...].allSatisfy({ $0 == "0" })
      {
        expected = Int64(text[..<dot])
      }
      #expect(JSONValue.number(text).int64 == expected, "\(text)")
    }
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
