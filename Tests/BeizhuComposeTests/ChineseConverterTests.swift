import Testing

@testable import BeizhuCompose

@Suite struct ChineseConverterTests {
  @Test func convertsPhrasesNotJustCharacters() throws {
    let converter = try #require(ChineseConverter.traditionalToSimplified)
    #expect(converter.convert("頭髮") == "头发")
    #expect(converter.convert("陳曉明") == "陈晓明")
    #expect(converter.convert("乾隆") == "乾隆")
    #expect(converter.convert("𠮷野家") == "𠮷野家")
    #expect(converter.convert("") == "")
  }
}
