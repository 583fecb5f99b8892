import Testing

@testable import BeizhuCompose

@Suite struct NameNormalizerTests {
  let normalizer = NameNormalizer()

  @Test func corpusIsLargeAndCoversEveryClass() {
    #expect(NicknameCase.all.count >= 250)
    let covered = NicknameCase.all.reduce(into: Set<String>()) { $0.formUnion($1.reasons) }
    let expected: Set<NormalizedName.Reason> = [
      .invisible, .fullWidth, .enclosedOrSuperscript, .styledLetters, .emoji, .combiningMarks, .sellerAd,
      .phoneNumber, .decoration, .traditionalChinese, .fallback,
    ]
    // Styled letters are covered by the unit test below, not the corpus.
    #expect(expected.subtracting([.styledLetters]).allSatisfy { covered.contains($0.rawValue) })
  }

  @Test(arguments: NicknameCase.all)
  func corpus(_ row: NicknameCase) {
    let result = normalizer.normalize(row.input, id: "wxid_test")
    #expect(result.name == row.expected)
    #expect(Set(result.changes.map(\.reason.rawValue)) == row.reasons)
    #expect(result.needsReview == row.review)
    #expect(result.phones == row.phones)
  }

  @Test(arguments: NicknameCase.all)
  func normalizingTheOutputAgainChangesNothing(_ row: NicknameCase) {
    let once = normalizer.normalize(row.input, id: "wxid_test").name
    let twice = normalizer.normalize(once, id: "wxid_test")
    #expect(twice.name == once)
    #expect(twice.changes.isEmpty)
  }

  @Test func styledLettersFoldToASCII() {
    let result = normalizer.normalize("𝓜𝓲𝓪")
    #expect(result.name == "Mia")
    #expect(result.changes.map(\.reason) == [.styledLetters])
  }

  @Test func digitsAndHashAreNotEmoji() {
    #expect(normalizer.normalize("Lily1990").name == "Lily1990")
    #expect(normalizer.normalize("小美#1").name == "小美 1" || normalizer.normalize("小美#1").name == "小美1")
    #expect(normalizer.normalize("#️⃣小美").name == "小美")
  }

  @Test func glueCodeBeforeShopWordStaysWhenItIsTheName() {
    #expect(normalizer.normalize("Mia代购").name == "Mia")
    #expect(normalizer.normalize("B²代购Mia").name == "Mia")
  }

  @Test func wechatIdsAreNotReadAsAds() {
    #expect(normalizer.normalize("wxid_lxy2023skin").name == "wxid_lxy2023skin")
    #expect(normalizer.normalize("Vivian").name == "Vivian")
  }

  @Test func fallbackPrefersAliasThenId() {
    let withAlias = normalizer.normalize("\u{3164}", alias: "coco_2019", id: "wxid_x")
    #expect(withAlias.name == "coco_2019")
    #expect(withAlias.needsReview)
    #expect(normalizer.normalize("🌸", id: "wxid_x").name == "wxid_x")
  }

  @Test func veryLongNicknamesAreCut() {
    let result = normalizer.normalize(String(repeating: "美", count: 500))
    #expect(result.name.count == normalizer.maxCharacters)
    #expect(result.changes.contains { $0.reason == .tooLong })
  }
}
