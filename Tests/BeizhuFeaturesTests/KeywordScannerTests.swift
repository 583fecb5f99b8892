import BeizhuFeatures
import Testing

@Suite struct KeywordScannerTests {
  static let scanner: KeywordScanner? = try? KeywordScanner(lexicon: Lexicon.shipped())

  func hits(_ text: String) throws -> [KeywordHit] {
    try #require(Self.scanner).scan(text)
  }

  func has(_ text: String, _ category: KeywordCategory, _ sub: String? = nil) throws -> Bool {
    try hits(text).contains { $0.category == category && (sub == nil || $0.sub == sub) }
  }

  @Test func priceObjectionAndItsNegation() throws {
    #expect(try has("太贵了吧", .objection, "price"))
    #expect(try !has("不贵，挺划算", .objection))
    #expect(try !has("一点也不太贵", .objection))
    #expect(try !has("这个价格不是太贵", .objection, "price"))
  }

  @Test func negatedHesitationIsARefusal() throws {
    #expect(try has("我考虑一下", .objection, "hesitation"))
    #expect(try has("不考虑了，谢谢", .objection, "refusal"))
    #expect(try !has("不考虑了，谢谢", .objection, "hesitation"))
  }

  @Test func questionIsNoRefusal() throws {
    #expect(try has("不需要了", .objection, "refusal"))
    #expect(try !has("不需要吗？", .objection))
    #expect(try !has("真的不需要吗?", .objection))
  }

  @Test func negatedIntentIsARefusal() throws {
    #expect(try has("帮我留一盒", .intent))
    #expect(try has("别给我留了", .objection, "refusal"))
    #expect(try !has("别给我留了", .intent))
  }

  @Test func traditionalFormsMatchLikeSimplified() throws {
    let pairs = [
      ("太貴了，能便宜點嗎", "太贵了，能便宜点吗"), ("我再考慮一下", "我再考虑一下"), ("真的有效嗎", "真的有效吗"),
      ("給我留兩盒", "给我留两盒"), ("已經發貨了，快遞單號", "已经发货了，快递单号"), ("微商都是騙人的", "微商都是骗人的"),
      ("不考慮了", "不考虑了"), ("不貴", "不贵"),
    ]
    for (traditional, simplified) in pairs {
      let a = try hits(traditional).map { "\($0.category)/\($0.sub)/\($0.word)" }
      let b = try hits(simplified).map { "\($0.category)/\($0.sub)/\($0.word)" }
      #expect(a == b, "\(traditional)")
      #expect(!b.isEmpty || simplified == "不贵", "\(simplified)")
    }
  }

  @Test func userProductWordsAreProducts() throws {
    let lexicon = try Lexicon.shipped().adding(products: ["# comment", "", "  玻尿酸原液 ", "小白瓶"])
    let scanner = KeywordScanner(lexicon: lexicon)
    let found = scanner.scan("小白瓶还有货吗")
    #expect(found.contains { $0.word == "小白瓶" && $0.namesProduct && $0.category == .product })
    #expect(scanner.scan("玻尿酸原液").first?.word == "玻尿酸原液")
  }

  @Test func lifeChatHasNoProductTalk() throws {
    for text in ["新年快乐，万事如意", "带孩子去公园了，累死", "瞎忙，你呢", "看你朋友圈去旅游了，好羡慕", "哈哈下次一起"] {
      #expect(try hits(text).isEmpty, "\(text)")
    }
  }
}
