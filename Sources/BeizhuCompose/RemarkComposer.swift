import BeizhuCore
import Foundation

/// Composes `[C]{level}{role}{name}{revisit}` remarks for a population of friends.
///
/// Works on the whole batch so that remarks are unique over it; friends are handled in id order,
/// so the same input always gives the same output.
public struct RemarkComposer: Sendable {
  public var budget: RemarkBudget
  public var normalizer: NameNormalizer
  public var parser: LegacyRemarkParser
  /// A revisit code found in this many phone numbers of the population gets a search warning.
  public var searchCollisionThreshold: Int

  public init(
    budget: RemarkBudget = .wechat, normalizer: NameNormalizer = NameNormalizer(),
    parser: LegacyRemarkParser = LegacyRemarkParser(), searchCollisionThreshold: Int = 3
  ) {
    self.budget = budget
    self.normalizer = normalizer
    self.parser = parser
    self.searchCollisionThreshold = searchCollisionThreshold
  }

  /// Composes remarks for `friends`; the result is in id order.
  /// - Complexity: O(n log n) in the friends, plus the candidates tried for colliding ones.
  public func compose(for friends: [ComposeInput]) -> [ComposedRemark] {
    let sorted = friends.sorted { $0.id < $1.id }
    var drafts = sorted.map(draft)
    resolveCollisions(&drafts)
    let phoneBook = drafts.flatMap(\.result.phones)
    return drafts.map { draft in
      var result = draft.result
      result.remark = draft.remark
      result.name = draft.shownName
      result.section = ContactSortKey.section(for: draft.remark)
      if let code = result.revisit?.code {
        result.revisitSearchCollisions = phoneBook.filter { $0.contains(code) }.count
        result.revisitSearchWarning = result.revisitSearchCollisions >= searchCollisionThreshold
      }
      return result
    }
  }

  /// Normalizes a tag: compatibility forms folded, invisible characters removed, spaces tidied.
  public static func normalizeTag(_ tag: String) -> String {
    var ignored: [NormalizedName.Change] = []
    let folded = NameNormalizer.foldCompatibilityForms(tag, changes: &ignored)
    let visible = NameNormalizer.removeInvisible(folded, changes: &ignored)
    return visible.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  // MARK: - One friend

  /// A friend's remark before collisions are resolved.
  struct Draft {
    var result: ComposedRemark
    var prefix: String
    var dateCode: String
    /// The untruncated name.
    var fullName: String
    /// Characters that may extend the name to tell it apart.
    var extensionPool: [Character]
    var city: String?
    var remark: String = ""
    var shownName: String = ""
  }

  func draft(_ input: ComposeInput) -> Draft {
    let legacy = parser.parse(remark: input.oldRemark, tags: input.oldTags, description: input.oldDescription)
    var role = input.role ?? legacy.role ?? legacy.roleHint ?? .customer
    // A channel is known from the old remark, tags or the user's list, never from the chats.
    if legacy.isChannel && role == .customer { role = .channel }
    let level = input.level
    let revisit = input.revisit ?? legacy.revisit
    let nicknameName = normalizer.normalize(input.nickname, alias: input.alias, id: input.id)
    var reviewReasons: [ComposedRemark.ReviewReason] = []

    var name = nicknameName.name
    var nameSource: String?
    if let pinned = input.pinnedName.map({ normalizer.normalize($0).name }), !pinned.isEmpty {
      name = pinned
    } else if let old = legacy.realName.map({ normalizer.normalize($0).name }), !old.isEmpty {
      name = old
      nameSource = legacy.realName
    } else if nicknameName.needsReview {
      reviewReasons.append(.nameFallback)
    }

    let placeFromRegion = parser.gazetteer.place(inRegion: input.region)
    let city = legacy.city ?? placeFromRegion?.city

    var tags: [String] = ["\(level)类", role.tag]
    tags += input.extraTags.map(Self.normalizeTag)
    if let city { tags.append(city) }
    var descriptionParts: [String] = []
    var phones: [String] = []
    var entries: [Accounting.Entry] = []
    let prefix = role == .channel ? "C\(level)" : "\(level)\(role.rawValue)"
    let dateCode = revisit?.code ?? ""
    let fitted = fit(name: name, prefix: prefix, extra: "", dateCode: dateCode)

    for piece in legacy.pieces {
      let destination: Accounting.Destination
      switch piece.kind {
      case .level:
        destination =
          piece.value == String(level)
          ? (piece.source == .tag ? .tag("\(level)类") : .remark) : .superseded(by: "\(level)类")
        if let old = Int(piece.value), old < level { reviewReasons.append(.levelDowngrade) }
      case .role:
        destination = piece.value == role.rawValue ? .remark : .superseded(by: role.rawValue)
      case .channel:
        destination = role == .channel ? .remark : .superseded(by: role.rawValue)
      case .revisit:
        destination = piece.value == dateCode ? .remark : .superseded(by: dateCode.isEmpty ? "-" : dateCode)
      case .phone:
        phones.append(piece.value)
        destination = .phones
      case .city, .province, .relation, .industry, .status, .intent:
        tags.append(piece.value)
        destination = .tag(piece.value)
      case .vip:
        tags.append("VIP")
        destination = .tag("VIP")
      case .grade:
        tags.append("\(piece.value)级")
        destination = .tag("\(piece.value)级")
      case .insuranceClass:
        let tag = Self.insuranceTag(piece.value)
        tags.append(tag)
        destination = .tag(tag)
      case .name:
        let normalized = normalizer.normalize(piece.value).name
        if piece.value == nameSource, fitted.name == normalized {
          destination = .remark
        } else {
          // Shortened or not chosen: the full name stays readable in the description.
          descriptionParts.append(piece.value)
          destination = .description
        }
      case .tag:
        if let owned = schemeTagDestination(piece.value, role: role) {
          destination = owned
        } else {
          tags.append(piece.value)
          destination = .tag(piece.value)
        }
      case .freeText, .description:
        descriptionParts.append(piece.kind == .description ? piece.text : piece.value)
        destination = .description
      case .disambiguator:
        destination = .dropped(reason: "Beizhu's own suffix, chosen again")
      case .decoration:
        destination = .dropped(reason: "decoration")
      }
      entries.append(.init(piece: piece, destination: destination))
    }
    if !input.address.isEmpty { descriptionParts.append(input.address) }
    phones += nicknameName.phones
    phones += input.phones.map(PhoneNumberScanner.digits(of:))

    let accounting = Accounting(entries: entries)
    if !accounting.droppedInformation.isEmpty { reviewReasons.append(.droppedInformation) }
    if !fitted.fits { reviewReasons.append(.overBudget) }

    let result = ComposedRemark(
      id: input.id, remark: "", name: "", level: level, role: role, revisit: revisit,
      tags: Self.unique(tags.filter { !$0.isEmpty }),
      description: Self.unique(descriptionParts.filter { !$0.isEmpty }).joined(separator: "；"),
      phones: Self.unique(phones.filter { !$0.isEmpty }), accounting: accounting,
      normalizedName: nicknameName,
      legacy: legacy, reviewReasons: Self.unique(reviewReasons), section: "", revisitSearchCollisions: 0)
    var draft = Draft(
      result: result, prefix: prefix, dateCode: dateCode, fullName: name,
      extensionPool: Array(name.dropFirst(fitted.name.count)) + Array(nicknameName.name), city: city)
    draft.remark = fitted.remark
    draft.shownName = fitted.name
    return draft
  }

  /// The old scheme's own tags (`3类`, `客户`, `代理`, `传播渠道`) are rewritten, not kept twice.
  private func schemeTagDestination(_ tag: String, role: Role) -> Accounting.Destination? {
    guard let oldRole = Role.allCases.first(where: { $0.tag == tag }) else { return nil }
    return oldRole == role ? .tag(tag) : .superseded(by: role.tag)
  }

  static func insuranceTag(_ letter: String) -> String {
    switch letter {
    case "Y": return "Y类已联系未成交"
    case "N": return "N类未联系"
    case "M": return "M类短期险"
    case "O": return "O类长期险"
    default: return letter
    }
  }

  // MARK: - Budget

  struct Fitted {
    var remark: String
    var name: String
    var fits: Bool
  }

  /// Shortens the name (never the prefix, the extra or the date) until the remark fits.
  func fit(name: String, prefix: String, extra: String, dateCode: String) -> Fitted {
    let fixed = RemarkBudget.units(of: prefix) + RemarkBudget.units(of: extra) + dateCode.count
    var kept = ""
    var used = fixed
    for character in name {
      let width = RemarkBudget.units(of: character)
      if used + width > budget.maxUnits { break }
      kept.append(character)
      used += width
    }
    // A cut Latin name should not end in a space.
    while kept.last == " " { kept.removeLast() }
    let fits = fixed <= budget.maxUnits && (!kept.isEmpty || name.isEmpty)
    return Fitted(remark: prefix + kept + extra + dateCode, name: kept + extra, fits: fits)
  }

  // MARK: - Collisions

  /// Keeps each remark for the first friend (by id) who has it and tells the others apart:
  /// a further name character, then the city, then a letter suffix that reads as no date or phone.
  func resolveCollisions(_ drafts: inout [Draft]) {
    var taken = Set(drafts.map { $0.remark.uppercased() })
    var owner: [String: Int] = [:]
    for index in drafts.indices where owner[drafts[index].remark.uppercased()] == nil {
      owner[drafts[index].remark.uppercased()] = index
    }
    for index in drafts.indices where owner[drafts[index].remark.uppercased()] != index {
      for candidate in candidates(for: drafts[index]) where !taken.contains(candidate.remark.uppercased()) {
        taken.insert(candidate.remark.uppercased())
        drafts[index].remark = candidate.remark
        drafts[index].shownName = candidate.name
        break
      }
    }
  }

  private func candidates(for draft: Draft) -> some Sequence<Fitted> {
    var fixedExtras: [String] = []
    let shown = draft.shownName
    if let next = draft.extensionPool.first(where: { !shown.contains($0) && !$0.isWhitespace }) {
      fixedExtras.append(String(next))
    }
    if let city = draft.city, !shown.contains(city) { fixedExtras.append(city) }
    let letters = RemarkLexicon.disambiguatorLetters.map { String($0) }
    // Letters, then pairs, then triples: enough for any population a budget can hold.
    let suffixes =
      letters.lazy.map { $0 }
      + letters.lazy.flatMap { first in letters.lazy.map { first + $0 } }
      + letters.lazy.flatMap { first in
        letters.lazy.flatMap { second in letters.lazy.map { first + second + $0 } }
      }
    return (fixedExtras.lazy + suffixes).lazy.map { extra in
      self.fit(name: draft.fullName, prefix: draft.prefix, extra: extra, dateCode: draft.dateCode)
    }
  }

  static func unique<T: Hashable>(_ values: [T]) -> [T] {
    var seen = Set<T>()
    return values.filter { seen.insert($0).inserted }
  }
}
