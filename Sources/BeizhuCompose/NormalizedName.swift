/// A nickname made fit for a remark, with every change and its reason.
public struct NormalizedName: Sendable, Hashable {
  /// Why a part of the nickname was changed or removed.
  public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Zero-width, direction, filler and control characters.
    case invisible
    /// Full-width ASCII (`Ｍｉａ` → `Mia`).
    case fullWidth
    /// Superscript, circled and other enclosed letters and digits (`B²` → `B2`, `ⓘ` → `i`).
    case enclosedOrSuperscript
    /// Styled "font" letters from the mathematical block (`𝓜𝓲𝓪` → `Mia`).
    case styledLetters
    /// Emoji of any shape.
    case emoji
    /// Stacks of combining marks (Zalgo text).
    case combiningMarks
    /// Seller ads: a WeChat/QQ handle (`V:mia520`) or shop words (`代购`, `批发`).
    case sellerAd
    /// A phone number; it moves to the phone list.
    case phoneNumber
    /// Symbols, ornament punctuation and ornament letters of other scripts (ღ ꧁ の ♡ ☆).
    case decoration
    /// Traditional characters converted to Simplified.
    case traditionalChinese
    /// Edge punctuation or spacing tidied.
    case spacing
    /// More characters than any WeChat nickname holds.
    case tooLong
    /// Nothing was left: the alias or id stands in.
    case fallback
  }

  /// One change: what was removed (or replaced) and why.
  public struct Change: Sendable, Hashable {
    public var reason: Reason
    public var removed: String
    /// What took its place, empty when it was only removed.
    public var replacement: String

    public init(reason: Reason, removed: String, replacement: String = "") {
      self.reason = reason
      self.removed = removed
      self.replacement = replacement
    }
  }

  /// The clean name.
  public var name: String
  public var changes: [Change]
  /// Phone numbers found inside the nickname, as digits.
  public var phones: [String]
  /// Set when nothing usable was left and the alias or id stands in.
  public var needsReview: Bool

  public init(name: String, changes: [Change] = [], phones: [String] = [], needsReview: Bool = false) {
    self.name = name
    self.changes = changes
    self.phones = phones
    self.needsReview = needsReview
  }
}
