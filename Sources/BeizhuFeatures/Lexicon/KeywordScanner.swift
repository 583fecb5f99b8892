/// A keyword found in a message, after negation and question rules were applied.
public struct KeywordHit: Sendable, Hashable, Codable {
  public var category: KeywordCategory
  public var sub: String
  /// The lexicon word (Simplified, as listed), not the text as written.
  public var word: String
  /// The word names a product (`意向:…`).
  public var namesProduct: Bool
  /// Byte range in the message text.
  public var start: Int
  public var end: Int
  /// A negation stood right before it (不/没/别 …), whatever the rule then did.
  public var negated: Bool
  /// A question followed it (吗/？ in the same clause).
  public var question: Bool
}

/// Finds lexicon words in a message in one pass and applies the negation and question rules.
///
/// The rule is general, not a list of sentences: a negator (不 没 別 无 未 …) within the three
/// characters before a hit, in the same clause, makes it negated; 吗/？ within the same clause after
/// it makes it a question. Each lexicon group says what that does (``NegationEffect``,
/// ``QuestionEffect``): 不贵 cancels a price objection, 不考虑了 becomes a refusal, 不需要吗？ is no
/// refusal. Traditional forms are matched by expanding every word with the folding table once, so a
/// 繁體 chat costs nothing extra.
public struct KeywordScanner: Sendable {
  public let lexicon: Lexicon
  private let matcher: PatternMatcher
  /// Matcher pattern → lexicon entry.
  private let entryOfPattern: [Int]

  /// At most this many spellings per word; mixed 繁/简 spellings beyond it are not listed.
  static let maxVariants = 64

  public init(lexicon: Lexicon) {
    self.lexicon = lexicon
    var unfold: [Character: [Character]] = [:]
    for (traditional, simplified) in lexicon.folding.sorted(by: { $0.key < $1.key }) {
      unfold[simplified, default: []].append(traditional)
    }
    var patterns: [[UInt8]] = []
    var owners: [Int] = []
    for (index, entry) in lexicon.entries.enumerated() {
      let folded = String(entry.word.map { lexicon.folding[$0] ?? $0 })
      var seen: Set<String> = []
      for spelling in [entry.word] + KeywordScanner.variants(of: folded, unfold: unfold)
      where seen.insert(spelling).inserted {
        patterns.append(Array(spelling.utf8))
        owners.append(index)
      }
    }
    matcher = PatternMatcher(patterns: patterns)
    entryOfPattern = owners
  }

  /// Every spelling of `word` with each character replaced by its Traditional forms.
  static func variants(of word: String, unfold: [Character: [Character]]) -> [String] {
    var results: [String] = [""]
    for character in word {
      let options = [character] + (unfold[character] ?? [])
      var next: [String] = []
      for prefix in results {
        for option in options where next.count < maxVariants {
          next.append(prefix + String(option))
        }
      }
      results = next
    }
    return results
  }

  /// The hits in `text` that survive the negation and question rules, in text order.
  public func scan(_ text: String) -> [KeywordHit] {
    var text = text
    return text.withUTF8 { scan(bytes: $0) }
  }

  /// The hits in UTF-8 `bytes`, in order of their end offsets.
  public func scan(bytes: UnsafeBufferPointer<UInt8>) -> [KeywordHit] {
    var hits: [KeywordHit] = []
    matcher.forEachMatch(in: bytes) { match in
      let entry = lexicon.entries[entryOfPattern[match.pattern]]
      let negated = TextRules.isNegated(bytes, before: match.start)
      let question = TextRules.isQuestion(bytes, after: match.end)
      var category = entry.category
      var sub = entry.sub
      if question, entry.question == .drop { return }
      if negated {
        switch entry.negated {
        case .keep: break
        case .drop: return
        case .refusal:
          category = .objection
          sub = "refusal"
        }
      }
      hits.append(
        KeywordHit(
          category: category, sub: sub, word: entry.word, namesProduct: entry.namesProduct && !negated,
          start: match.start, end: match.end, negated: negated, question: question))
    }
    return hits
  }
}

/// Byte-level rules around a hit: negation before it, question after it.
enum TextRules {
  /// How many characters before a hit may hold its negator (不太贵, 不是太贵).
  static let negationWindow = 3
  /// How many characters after a hit may hold 吗 or ？ in the same clause.
  static let questionWindow = 8

  static func isNegated(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
    var position = start
    var seen = 0
    while position > 0, seen < negationWindow {
      let (scalar, from) = scalarBefore(bytes, position)
      if isClauseBreak(scalar) { return false }
      if isNegator(scalar) { return true }
      position = from
      seen += 1
    }
    return false
  }

  static func isQuestion(_ bytes: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
    var position = end
    var seen = 0
    while position < bytes.count, seen < questionWindow {
      let (scalar, next) = scalarAt(bytes, position)
      switch scalar {
      case 0x3F, 0xFF1F, 0x5417, 0x55CE: return true  // ? ？ 吗 嗎
      case 0x4E48, 0x9EBC:  // 么 麼 only at the end of a clause (什么 inside one is no question)
        if next >= bytes.count || isClauseBreak(scalarAt(bytes, next).0) { return true }
      default:
        if isClauseBreak(scalar) { return false }
      }
      position = next
      seen += 1
    }
    return false
  }

  static func isNegator(_ scalar: UInt32) -> Bool {
    switch scalar {
    // 不 没 沒 别 別 无 無 未 甭
    case 0x4E0D, 0x6CA1, 0x6C92, 0x522B, 0x5225, 0x65E0, 0x7121, 0x672A, 0x752D: true
    default: false
    }
  }

  static func isClauseBreak(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x0A, 0x0D, 0x09, 0x20, 0x21, 0x2C, 0x2E, 0x3A, 0x3B, 0x7E: true  // \n \r \t space ! , . : ; ~
    // 、。，！：；～… and the ideographic space
    case 0x3001, 0x3002, 0xFF0C, 0xFF01, 0xFF1A, 0xFF1B, 0xFF5E, 0x2026, 0x3000: true
    default: false
    }
  }

  /// The scalar ending at `end` and where it starts; invalid bytes decode as themselves.
  static func scalarBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> (UInt32, Int) {
    var from = end - 1
    while from > 0, end - from < 4, bytes[from] & 0xC0 == 0x80 { from -= 1 }
    let (scalar, next) = scalarAt(bytes, from)
    return next == end ? (scalar, from) : (UInt32(bytes[end - 1]), end - 1)
  }

  /// The scalar starting at `start` and the offset after it.
  static func scalarAt(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> (UInt32, Int) {
    let lead = bytes[start]
    let length: Int
    var value: UInt32
    switch lead {
    case 0..<0x80: return (UInt32(lead), start + 1)
    case 0xC0..<0xE0:
      length = 2
      value = UInt32(lead & 0x1F)
    case 0xE0..<0xF0:
      length = 3
      value = UInt32(lead & 0x0F)
    case 0xF0..<0xF8:
      length = 4
      value = UInt32(lead & 0x07)
    default: return (UInt32(lead), start + 1)
    }
    guard start + length <= bytes.count else { return (UInt32(lead), start + 1) }
    for offset in 1..<length {
      let byte = bytes[start + offset]
      guard byte & 0xC0 == 0x80 else { return (UInt32(lead), start + 1) }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    return (value, start + length)
  }
}
