import BeizhuCore
import Foundation
import Testing

@testable import BeizhuImport

@Suite struct LocalTimeParserTests {
  let parser = LocalTimeParser(timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .current)

  @Test(arguments: [
    ("2024-04-03 15:25:21", Int64(1_712_129_121), false, false),
    ("2024-04-03 15:25:21.916000", 1_712_129_121, false, false),
    ("2024-04-03T15:25:21+08:00", 1_712_129_121, false, false),
    ("2024-04-03T07:25:21Z", 1_712_129_121, false, false),
    ("2024/4/3 15:25", 1_712_129_100, true, true),
    ("2024-04-03 15:25", 1_712_129_100, true, false),
    ("2024-04-03 15:25:21 +0800 CST", 1_712_129_121, false, false),
  ])
  func formats(text: String, expected: Int64, lacksSeconds: Bool, reformatted: Bool) {
    let parsed = parser.parse(text)
    #expect(parsed?.unixSeconds == expected)
    #expect(parsed?.lacksSeconds == lacksSeconds)
    #expect(parsed?.isReformatted == reformatted)
  }

  @Test(arguments: ["", "yesterday", "2024-13-01 00:00:00", "2024-04-03 25:00:00", "24-04-03 10:00:00"])
  func rejectsNonsense(text: String) {
    #expect(parser.parse(text) == nil)
  }
}

@Suite struct MoneyTextTests {
  @Test(arguments: [
    ("转账：￥198.00\n转账说明：水乳", Int64?.some(19_800)),
    ("[转账|发送 ¥198](memo)", 19_800),
    ("收到转账198.00元。如需收钱", 19_800),
    ("￥1,299.5", 129_950),
    ("单号7563651837159", nil),
    ("2024-04-03", nil),
  ])
  func amounts(text: String, fen: Int64?) {
    #expect(MoneyText.firstAmountFen(in: text) == fen)
  }
}
