/// The length budget of a remark, in half-width units: CJK, emoji and other wide characters
/// count 2, ASCII counts 1.
///
/// 16 汉字 / 32 units is what every WeChat client shows in full.
public struct RemarkBudget: Sendable, Hashable {
  /// Half-width units a remark may use.
  public var maxUnits: Int

  public init(maxUnits: Int = 32) {
    self.maxUnits = maxUnits
  }

  /// The WeChat default: 32 half-width units.
  public static let wechat = RemarkBudget()

  /// Width of `text` in half-width units.
  /// - Complexity: O(n) in the characters of `text`.
  public static func units(of text: String) -> Int {
    var total = 0
    for character in text {
      total += units(of: character)
    }
    return total
  }

  /// Width of one character: 1 for ASCII, 2 for everything else (CJK, emoji, symbols).
  public static func units(of character: Character) -> Int {
    character.isASCII ? 1 : 2
  }

  /// Whether `text` fits the budget.
  public func fits(_ text: String) -> Bool {
    Self.units(of: text) <= maxUnits
  }
}
