import Testing

@testable import BeizhuImport

@Suite struct PythonLiteralTests {
  func parse(_ text: String) throws -> PythonLiteral {
    var text = text
    let result = text.withUTF8 { bytes in
      Result { () throws(PythonSyntaxError) in try PythonLiteral.parse(bytes) }
    }
    return try result.get()
  }

  func string(_ text: String) throws -> String? { try parse(text).scalarText }

  @Test func strings() throws {
    #expect(try string(#"'it\'s'"#) == "it's")
    #expect(try string(#""it's""#) == "it's")
    #expect(try string(#"'a\\b\nc\td'"#) == "a\\b\nc\td")
    #expect(try string(#"'\x41\u4e2d\U0001F34A'"#) == "A中🍊")
    #expect(try string(#"'\ud800'"#) == "\u{FFFD}")
    #expect(try string(#"'\q'"#) == "\\q")
    #expect(try string(#"b'raw'"#) == "raw")
    #expect(try string(#"r'\d+'"#) == "\\d+")
    #expect(try string("'中文 🍊 & <x>'") == "中文 🍊 & <x>")
  }

  @Test func scalarsAndContainers() throws {
    guard case .dict(let entries) = try parse("{'a': None, 'b': True, 'c': [1, -2.5, (3,)], 'd': {}, }")
    else {
      Issue.record("not a dict")
      return
    }
    #expect(entries.map(\.key) == ["a", "b", "c", "d"])
    if case .none = entries[0].value {} else { Issue.record("a is not None") }
    #expect(entries[1].value.scalarText == "True")
    if case .list(let items) = entries[2].value {
      #expect(items.map(\.scalarText) == ["1", "-2.5", nil])
    } else {
      Issue.record("c is not a list")
    }
  }

  @Test func bigIntegersStayExact() throws {
    #expect(try string("18446744073709551617") == "18446744073709551617")
  }

  @Test(arguments: [
    "", "{", "{'a'}", "{'a': }", "'open", "[1 2]", "os.system('x')", "{'a': 1} extra", "__import__",
  ])
  func rejects(text: String) {
    #expect(throws: PythonSyntaxError.self) { try parse(text) }
  }

  @Test func repeatedElementsAsLists() throws {
    let text =
      "{'msg': {'appmsg': {'type': '6', 'title': ['first', 'second'], 'appattach': {'totallen': '10'}}}}"
    #expect(
      try PayloadParser.parsePythonRepr(text).content
        == .file(Payload.FileAttachment(title: "first", size: 10)))
  }

  @Test func attributesAndText() throws {
    let text = "{'msg': {'img': {'@md5': 'abc', '@length': '42', '#text': None}}}"
    #expect(try PayloadParser.parsePythonRepr(text).content == .image(Payload.Image(md5: "abc", length: 42)))
  }
}
