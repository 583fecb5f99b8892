import PropertyBased
import Testing

@testable import BeizhuCompose

/// The invariants of DESIGN.md as properties over generated messy friends, with a fixed seed.
@Suite struct ComposePropertyTests {
  /// Pieces nicknames and remarks are made of: names, every class of mess, scheme codes, words.
  static let nicknamePieces: [String] = [
    "小美", "王丽", "Coco", "Mia", "𠮷", "陳", "曉", "頭髮", "1990", "2号", " ", "·", "-", "🌸", "👩‍💻", "👍🏻", "🇨🇳",
    "1️⃣", "#️⃣", "ღ", "の", "꧁", "༻", "♡", "☆", "\u{3164}", "\u{200B}", "\u{202E}", "\u{FEFF}", "Ｍｉａ", "²",
    "①", "ⓜ", "Z̷̢", "V:mia520", "vx12345678", "代购", "韩国代购", "13800138000", "さくら", "Ⓜ️", "【", "】", "(", ")",
  ]
  static let remarkPieces: [String] = [
    "王姐", "小美", "阿杰", "Coco", "老客户", "同事介绍", "想做代理", "健身房", "IT", "Y", "VIP", "A类", "3类", "杭州",
    "北京", "/", "-", " ", "(", ")", "8.11", "8月11日", "1105", "811回访", "13812345678", "🌸", "1K", "C4", "3D",
    "爱喝奶茶",
  ]

  static let nickname = Gen.element(of: nicknamePieces).compactMap { $0 }.array(of: 0...6).map { $0.joined() }
  static let remark = Gen.element(of: remarkPieces).compactMap { $0 }.array(of: 0...5).map { $0.joined() }

  static let friend = PropertyBased.zip(
    nickname, remark, Gen.int(in: 1...6), Gen.int(in: 0...12), Gen.int(in: 1...28))

  /// A fixed seed for the repeatable sweeps; `propertyCheck` explores fresh seeds on top.
  static func seeded() -> Xoshiro {
    Xoshiro(seed: (0x6265_697A_6875, 0x636F_6D70_6F73, 0x2025_0115, 0x3332_756E_6974))
  }

  @Test func normalizingAnOutputAgainChangesNothingSeeded() {
    var rng = Self.seeded()
    for _ in 0..<2000 { Self.checkNormalizer(Self.nickname.run(using: &rng)) }
  }

  @Test func normalizingAnOutputAgainChangesNothing() async {
    await propertyCheck(count: 300, input: Self.nickname) { Self.checkNormalizer($0) }
  }

  @Test func populationsSeeded() {
    var rng = Self.seeded()
    let population = Self.friend.array(of: 1...60)
    for _ in 0..<80 { Self.checkPopulation(population.run(using: &rng)) }
  }

  @Test func populationsGetUniqueRemarksWithinBudgetAndLoseNothing() async {
    await propertyCheck(count: 40, input: Self.friend.array(of: 1...40)) { Self.checkPopulation($0) }
  }

  static func checkNormalizer(_ nickname: String) {
    let normalizer = NameNormalizer()
    let once = normalizer.normalize(nickname, id: "wxid_p").name
    #expect(normalizer.normalize(once, id: "wxid_p").name == once, "\(nickname.debugDescription)")
    #expect(!once.contains { CharacterClass.isEmoji($0) })
    #expect(!once.unicodeScalars.contains { CharacterClass.isInvisible($0) })
    #expect(!once.isEmpty)
  }

  static func checkPopulation(_ friends: [(String, String, Int, Int, Int)]) {
    do {
      let inputs = friends.enumerated().map { index, friend in
        ComposeInput(
          id: "wxid_\(index)", nickname: friend.0, oldRemark: friend.1, level: friend.2,
          revisit: friend.3 == 0 ? nil : RevisitDate(month: friend.3, day: friend.4))
      }
      let out = RemarkComposer().compose(for: inputs)
      #expect(Set(out.map { $0.remark.uppercased() }).count == out.count)
      for result in out {
        #expect(RemarkBudget.units(of: result.remark) <= 32)
        Self.expectNothingLost(result)
      }
    }
  }

  /// Each accounted piece is really where the accounting says.
  static func expectNothingLost(_ result: ComposedRemark) {
    for entry in result.accounting.entries {
      switch entry.destination {
      case .remark:
        switch entry.piece.kind {
        case .level: #expect(result.remark.contains(entry.piece.value))
        case .revisit: #expect(result.remark.hasSuffix(entry.piece.value))
        case .name: #expect(result.remark.contains(NameNormalizer().normalize(entry.piece.value).name))
        default: #expect(result.remark.contains(entry.piece.value))
        }
      case .tag(let tag): #expect(result.tags.contains(tag))
      case .description:
        #expect(
          result.description.contains(entry.piece.text) || result.description.contains(entry.piece.value))
      case .phones: #expect(result.phones.contains(entry.piece.value))
      case .superseded: break
      case .dropped: #expect(entry.piece.kind == .decoration || entry.piece.kind == .disambiguator)
      }
    }
  }
}
