import Testing

@testable import BeizhuCompose

@Suite struct LegacyRemarkParserTests {
  let parser = LegacyRemarkParser()

  @Test func corpusIsLarge() {
    #expect(RemarkCase.all.count >= 150)
  }

  @Test(arguments: RemarkCase.all)
  func corpus(_ row: RemarkCase) {
    let parsed = parser.parse(remark: row.remark, tags: row.tags)
    #expect(parsed.pieces.map { "\($0.kind.rawValue)=\($0.value)" } == row.expected)
  }

  /// Every character of the remark that is not a plain separator is in exactly one piece.
  @Test(arguments: RemarkCase.all)
  func everyCharacterIsInAPiece(_ row: RemarkCase) {
    let parsed = parser.parse(remark: row.remark)
    let covered = parsed.pieces.map(\.text).joined()
    let content = row.remark.filter { !$0.isWhitespace && !"/-()（），,、".contains($0) }
    #expect(covered.filter { !$0.isWhitespace && !"/-()（），,、".contains($0) } == content)
  }

  @Test func readsTheSchemesOwnCodes() {
    let code = parser.parse(remark: "3D王姐1105")
    #expect(code.level == 3)
    #expect(code.role == .agent)
    #expect(code.realName == "王姐")
    #expect(code.revisit == RevisitDate(month: 11, day: 5))
    let channel = parser.parse(remark: "C4阿杰")
    #expect(channel.isChannel)
    #expect(channel.role == .channel)
    #expect(channel.level == 4)
    #expect(parser.parse(remark: "1K小美111").revisit == RevisitDate(month: 1, day: 11))
  }

  @Test func readsTheInsuranceScheme() {
    let parsed = parser.parse(remark: "北京/王强/IT Y 13800138000")
    #expect(parsed.city == "北京")
    #expect(parsed.realName == "王强")
    #expect(parsed.industryWords == ["IT"])
    #expect(parsed.insuranceClass == "Y")
    #expect(parsed.phones == ["13800138000"])
  }

  @Test func wordsHintAtTheRole() {
    #expect(parser.parse(remark: "赵阿姨想做代理").roleHint == .agent)
    #expect(parser.parse(remark: "网红 Lily").roleHint == .channel)
    #expect(parser.parse(remark: "王姐老客户").roleHint == nil)
  }

  @Test func descriptionPhonesAreSeparated() {
    let parsed = parser.parse(remark: "", description: "浙江省杭州市西湖区文三路1号 电话0571-88886666")
    #expect(parsed.phones == ["057188886666"])
    #expect(parsed.pieces.contains { $0.kind == .description && $0.text.hasPrefix("浙江省杭州市") })
  }

  @Test func invalidDatesAreNotDates() {
    #expect(parser.parse(remark: "小美1399").revisit == nil)
    #expect(parser.parse(remark: "2.30").revisit == nil)
  }
}
