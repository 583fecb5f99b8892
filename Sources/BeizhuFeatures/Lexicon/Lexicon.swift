import Foundation

/// What a keyword says about the chat.
public enum KeywordCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// Product talk: price, usage, effect, ordering, product nouns.
  case product
  /// Buying intent: 怎么买, 给我留一盒, 下单 …
  case intent
  /// Objections: price, doubt, no means, hesitation, refusal.
  case objection
  /// Open distrust of 微商 as such.
  case distrust
  /// Wants to become a reseller (代理).
  case agent
  /// Payment confirmed in words.
  case payment
  /// A parcel shipped.
  case shipping

  public static func < (lhs: KeywordCategory, rhs: KeywordCategory) -> Bool {
    lhs.order < rhs.order
  }

  private var order: Int { KeywordCategory.allCases.firstIndex(of: self) ?? 0 }
}

/// What a negation in front of a hit (不贵, 不考虑了) does to it.
public enum NegationEffect: String, Sendable, Hashable, Codable {
  /// The hit stands (product talk, 没效果-style doubt).
  case keep
  /// The hit is cancelled: 不贵 is no price objection.
  case drop
  /// The hit turns into a refusal: 不考虑了, 不要了.
  case refusal
}

/// What a question after a hit (不需要吗？) does to it.
public enum QuestionEffect: String, Sendable, Hashable, Codable {
  case keep
  /// The hit is cancelled: a question is not a statement.
  case drop
}

/// One lexicon word with its category and how negation and questions change it.
public struct LexiconEntry: Sendable, Hashable, Codable {
  public var word: String
  public var category: KeywordCategory
  /// A finer kind inside the category (`price`, `doubt`, `item` …); free text from the data.
  public var sub: String
  public var negated: NegationEffect
  public var question: QuestionEffect
  /// A word from the user's own product list (`--products`).
  public var isUserProduct: Bool

  public init(
    word: String, category: KeywordCategory, sub: String = "", negated: NegationEffect = .keep,
    question: QuestionEffect = .keep, isUserProduct: Bool = false
  ) {
    self.word = word
    self.category = category
    self.sub = sub
    self.negated = negated
    self.question = question
    self.isUserProduct = isUserProduct
  }

  /// Whether this word names a product a friend can be interested in (`意向:…` tags).
  public var namesProduct: Bool { isUserProduct || (category == .product && sub == "item") }
}

/// The keyword lists, as shipped data plus the user's product words.
///
/// The shipped lists are JSON resources (`Lexicons/*.json`), one file per category, so they can be
/// reviewed and extended without touching code. Traditional forms are not listed: the
/// ``KeywordScanner`` adds them from the shipped folding table.
public struct Lexicon: Sendable, Hashable {
  public var entries: [LexiconEntry]
  /// Traditional → Simplified, one character each (`貴` → `贵`).
  public var folding: [Character: Character]

  public init(entries: [LexiconEntry], folding: [Character: Character] = [:]) {
    self.entries = entries
    self.folding = folding
  }

  /// The shipped lexicon files, in load order.
  public static let shippedFiles = [
    "product", "intent", "objection", "distrust", "agent", "payment", "shipping",
  ]

  /// The lexicons shipped with Beizhu.
  public static func shipped() throws -> Lexicon {
    var entries: [LexiconEntry] = []
    for name in shippedFiles {
      entries += try LexiconFile.load(resource: name).entries
    }
    return Lexicon(entries: entries, folding: try FoldingTable.load())
  }

  /// This lexicon plus the user's product words (blank lines and `#` comments ignored).
  public func adding(products: [String]) -> Lexicon {
    var copy = self
    for raw in products {
      let word = raw.trimmed()
      guard !word.isEmpty, !word.hasPrefix("#") else { continue }
      copy.entries.append(
        LexiconEntry(word: word, category: .product, sub: "item", isUserProduct: true))
    }
    return copy
  }

  /// Reads a product list file: one word per line, UTF-8.
  public static func productWords(contentsOf url: URL) throws -> [String] {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw FeaturesError.unreadableProducts(path: url.path, underlying: error.localizedDescription)
    }
    let text = String(decoding: data, as: UTF8.self)
    return text.split(whereSeparator: \.isNewline).map(String.init)
  }
}

/// One lexicon data file: a category and groups of words sharing a sub-kind and rules.
public struct LexiconFile: Sendable, Hashable, Codable {
  public struct Group: Sendable, Hashable, Codable {
    public var sub: String
    public var negated: NegationEffect?
    public var question: QuestionEffect?
    public var words: [String]
  }

  public var version: Int
  public var category: KeywordCategory
  public var groups: [Group]

  public var entries: [LexiconEntry] {
    groups.flatMap { group in
      group.words.map {
        LexiconEntry(
          word: $0, category: category, sub: group.sub, negated: group.negated ?? .keep,
          question: group.question ?? .keep)
      }
    }
  }

  static func load(resource name: String) throws -> LexiconFile {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json") else {
      throw FeaturesError.missingResource(name: "\(name).json")
    }
    do {
      return try JSONDecoder().decode(LexiconFile.self, from: Data(contentsOf: url))
    } catch {
      throw FeaturesError.badResource(name: "\(name).json", underlying: String(describing: error))
    }
  }
}

/// The shipped Traditional → Simplified table (`traditional.json`).
enum FoldingTable {
  struct File: Codable {
    var version: Int
    /// Traditional → Simplified, one character each.
    var pairs: [String: String]
  }

  static func load() throws -> [Character: Character] {
    guard let url = Bundle.module.url(forResource: "traditional", withExtension: "json") else {
      throw FeaturesError.missingResource(name: "traditional.json")
    }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    } catch {
      throw FeaturesError.badResource(name: "traditional.json", underlying: String(describing: error))
    }
    var table: [Character: Character] = [:]
    for (traditional, simplified) in file.pairs {
      guard traditional.count == 1, simplified.count == 1, let t = traditional.first, let s = simplified.first
      else { continue }
      table[t] = s
    }
    return table
  }
}

/// Errors that stop feature extraction before it starts (bad shipped or user data).
public enum FeaturesError: Error, LocalizedError, Sendable, Equatable {
  case missingResource(name: String)
  case badResource(name: String, underlying: String)
  case unreadableProducts(path: String, underlying: String)

  public var errorDescription: String? {
    switch self {
    case .missingResource(let name):
      "内置词库缺失 / shipped lexicon missing: \(name)"
    case .badResource(let name, let underlying):
      "内置词库无法读取 / shipped lexicon unreadable: \(name) (\(underlying))"
    case .unreadableProducts(let path, let underlying):
      "无法读取产品词表 / cannot read product list: \(path) (\(underlying))"
    }
  }
}
