import BeizhuCore

/// What an old remark, its tags and description held, piece by piece.
///
/// Every non-separator part of the input is one ``Piece``, so the composer can account for
/// each of them: nothing an old remark held is lost without being named.
public struct LegacyRemark: Sendable, Hashable {
  /// Where a piece came from.
  public enum Source: String, Sendable, Hashable, Codable {
    case remark, tag, description
  }

  /// What a piece means.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Maturity level digit (`1K` → 1, tag `3类`).
    case level
    /// Role letter K or D of the scheme's own code.
    case role
    /// The `C` written in front: a channel (传播渠道).
    case channel
    /// A follow-up date (`811`, `8.11回访`, `8月11日`).
    case revisit
    case phone
    case city
    case province
    /// The name the user wrote for the friend (`王姐`, `Coco`, `陈晨`).
    case name
    /// VIP marks.
    case vip
    /// A–E grade.
    case grade
    /// Insurance class Y/N/M/O.
    case insuranceClass
    /// How the user knows the friend (`同事介绍`, `高中同学`).
    case relation
    /// Trade or place of work (`健身房`, `IT`).
    case industry
    /// Customer status words (`老客户`, `已购`).
    case status
    /// Intent words (`想做代理`, `有意向`).
    case intent
    /// A disambiguating letter Beizhu itself added.
    case disambiguator
    /// Emoji and ornaments: no information.
    case decoration
    /// Anything else.
    case freeText
    /// An old tag.
    case tag
    /// Old description text.
    case description
  }

  /// One piece of the old remark, a tag or the description.
  public struct Piece: Sendable, Hashable {
    public var kind: Kind
    /// The text as written.
    public var text: String
    /// The meaning in canonical form: `8/11` → `811`, `杭州市` → `杭州`, a phone as digits.
    public var value: String
    public var source: Source

    public init(kind: Kind, text: String, value: String? = nil, source: Source = .remark) {
      self.kind = kind
      self.text = text
      self.value = value ?? text
      self.source = source
    }
  }

  public var pieces: [Piece]

  public init(pieces: [Piece]) {
    self.pieces = pieces
  }

  private func first(_ kind: Kind) -> Piece? { pieces.first { $0.kind == kind } }
  private func values(_ kind: Kind) -> [String] { pieces.filter { $0.kind == kind }.map(\.value) }

  /// The level from the remark's code, else from a `N类` tag.
  public var level: Int? {
    let levels = pieces.filter { $0.kind == .level }
    return (levels.first { $0.source == .remark } ?? levels.first).flatMap { Int($0.value) }
  }
  /// The role letter the old scheme wrote (K, D, or C for a channel).
  public var role: Role? {
    if isChannel { return .channel }
    return first(.role).flatMap { Role(rawValue: $0.value) }
  }
  /// The role the words suggest (`想做代理` → agent, `网红` → channel), when no code says.
  public var roleHint: Role? {
    for piece in pieces {
      if let hint = RemarkLexicon.roleHint(for: piece.value) { return hint }
    }
    return nil
  }
  /// A `C` in the remark, or a tag that names a channel (传播渠道, 推荐人 …): DESIGN knows channels
  /// from the old remark, the tags or the user's list.
  public var isChannel: Bool {
    first(.channel) != nil
      || pieces.contains { $0.kind == .tag && RemarkLexicon.channelTags.contains($0.value) }
  }
  public var revisit: RevisitDate? { first(.revisit).flatMap { RevisitDate(code: $0.value) } }
  public var phones: [String] { values(.phone) }
  public var city: String? { first(.city)?.value }
  public var province: String? { first(.province)?.value }
  public var realName: String? { first(.name)?.value }
  public var isVIP: Bool { first(.vip) != nil }
  public var grade: String? { first(.grade)?.value }
  public var insuranceClass: String? { first(.insuranceClass)?.value }
  public var relationWords: [String] { values(.relation) }
  public var industryWords: [String] { values(.industry) }
  public var freeText: [String] { values(.freeText) }
}
