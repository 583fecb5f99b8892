import Testing

@testable import BeizhuImport

@Suite struct AmountTests {
  @Test(arguments: [
    ("￥198.00", Int64(19800)), ("¥198.00", 19800), ("198.00", 19800), ("198", 19800), ("0.01", 1),
    ("￥0.5", 50), ("¥1,299.50", 129_950), (" ￥ 20.00 ", 2000), ("88元", 8800), ("RMB 12.30", 1230),
    ("99999999.99", 9_999_999_999), ("1.230", 123),
  ])
  func parses(text: String, fen: Int64) {
    #expect(PayloadParser.amountFen(text) == fen)
  }

  @Test(arguments: ["", "￥", "abc", "-5.00", "1.234", "12.3.4", "￥1e5", "1234567890123456", "198.00 元整"])
  func rejects(text: String) {
    #expect(PayloadParser.amountFen(text) == nil)
  }

  @Test func largeAmountsStayExact() {
    // 2^53 + 1 fen: a Double would round it.
    #expect(PayloadParser.amountFen("90071992547409.93") == 9_007_199_254_740_993)
  }
}
