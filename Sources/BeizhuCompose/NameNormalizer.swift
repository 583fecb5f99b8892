import Foundation

/// Turns a messy WeChat nickname into a name fit for a remark, recording why each change was made.
///
/// The passes run in a fixed order (each "must come before" the next for the reason given) and
/// the whole pipeline repeats until its output is stable, so normalizing an output again changes
/// nothing. What is a name stays: rare astral CJK (𠮷), Latin names, meaningful digits.
public struct NameNormalizer: Sendable {
  /// Characters kept of a nickname; WeChat nicknames are far shorter.
  public var maxCharacters: Int
  /// The converter for Traditional → Simplified; `nil` leaves Traditional text alone.
  public var converter: ChineseConverter?

  public init(
    maxCharacters: Int = 64, converter: ChineseConverter? = ChineseConverter.traditionalToSimplified
  ) {
    self.maxCharacters = maxCharacters
    self.converter = converter
  }

  /// Normalizes `nickname`; when nothing is left, falls back to the normalized alias, then the id,
  /// and flags the result for review.
  public func normalize(_ nickname: String, alias: String = "", id: String = "") -> NormalizedName {
    var result = clean(nickname)
    guard result.name.isEmpty else { return result }
    result.needsReview = true
    let aliasName = clean(alias).name
    let fallback = aliasName.isEmpty ? id : aliasName
    result.name = fallback
    result.changes.append(.init(reason: .fallback, removed: "", replacement: fallback))
    return result
  }

  /// Runs the passes until the text is stable (at most a few rounds: each round only removes or
  /// folds, so the text shrinks or stays).
  private func clean(_ nickname: String) -> NormalizedName {
    var changes: [NormalizedName.Change] = []
    var phones: [String] = []
    var text = nickname
    if text.count > maxCharacters {
      let kept = String(text.prefix(maxCharacters))
      changes.append(.init(reason: .tooLong, removed: String(text.dropFirst(maxCharacters))))
      text = kept
    }
    for _ in 0..<4 {
      let before = text
      text = runPasses(text, changes: &changes, phones: &phones)
      if text == before { break }
    }
    return NormalizedName(name: text, changes: changes, phones: phones)
  }

  private func runPasses(
    _ input: String, changes: inout [NormalizedName.Change], phones: inout [String]
  ) -> String {
    // Folding must come before emoji detection, because Ⓜ️ is an emoji by its properties but a
    // letter in a name; and before ad detection, because `Ｖ：` must read as `V:`.
    var text = NameNormalizer.foldCompatibilityForms(input, changes: &changes)
    // Emoji before invisible characters: ZWJ and variation selectors belong to their emoji.
    text = NameNormalizer.removeEmoji(text, changes: &changes)
    text = NameNormalizer.removeInvisible(text, changes: &changes)
    text = NameNormalizer.removeCombiningStacks(text, changes: &changes)
    // Ads and phones before decorations, which would take the `:` out of `V:mia520`.
    text = NameNormalizer.removeSellerAds(text, changes: &changes)
    text = NameNormalizer.removePhones(text, changes: &changes, phones: &phones)
    text = NameNormalizer.removeDecorations(text, changes: &changes)
    text = NameNormalizer.tidySpacing(text, changes: &changes)
    // Conversion last, on the whole tidy name, so that OpenCC sees phrases unbroken.
    if let converter {
      let simplified = converter.convert(text)
      if simplified != text {
        changes.append(.init(reason: .traditionalChinese, removed: text, replacement: simplified))
        text = simplified
      }
    }
    return text
  }
}
