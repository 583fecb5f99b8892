import BeizhuCore
import Foundation

/// A classification scheme as data: ordered level rules, roles, tags, cadence.
///
/// Presets are shipped JSON files (`Presets/<id>.json`); a user's own scheme is the same format.
/// The engine knows nothing about 微商: rules are conditions over named facts (``FactSet``).
public struct Scheme: Sendable, Hashable, Codable {
  /// One level rule; the first whose condition holds wins.
  public struct LevelRule: Sendable, Hashable, Codable {
    public var id: String
    public var level: Int
    public var name: String
    /// What to do next with a friend at this level (shown in the agenda).
    public var next: String?
    public var when: Condition
    /// Facts cited as evidence when present, beyond those the condition names — level 3 holds
    /// on product talk alone, but the objection that keeps a friend there is what a user checks.
    public var cite: [String]?
  }

  /// One role rule; the first whose condition holds wins.
  public struct RoleRule: Sendable, Hashable, Codable {
    public var role: Role
    public var when: Condition
  }

  public struct Tags: Sendable, Hashable, Codable {
    /// `{level}` is replaced by the level number.
    public var level: String?
    /// Tag per role letter.
    public var roles: [String: String]?
    /// `{product}` is replaced by a product name.
    public var product: String?
    public var maxProducts: Int?
  }

  public var version: Int
  public var id: String
  public var name: String
  /// The remark template for the composer, e.g. `[C]{level}{role}{name}{revisit}`.
  public var template: String
  /// The lexicon categories the rules rely on.
  public var lexicons: [String]
  public var levels: [LevelRule]
  public var roles: [RoleRule]
  public var tags: Tags
  /// Days until the next follow-up, per level (keys are level numbers as text).
  public var cadenceDays: [String: Int]
  /// Days a parcel takes; the revisit after a shipment is shipped + this.
  public var deliveryDays: Int?

  /// The preset ids shipped with Beizhu.
  public static let presets = ["weishang"]

  /// Loads a shipped preset by id.
  public static func load(named id: String) throws -> Scheme {
    guard let url = Bundle.module.url(forResource: id, withExtension: "json") else {
      throw SchemeError.unknownPreset(id: id, known: presets)
    }
    return try Scheme(contentsOf: url)
  }

  /// Loads a scheme file.
  public init(contentsOf url: URL) throws {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw SchemeError.unreadable(path: url.path, underlying: error.localizedDescription)
    }
    let scheme: Scheme
    do {
      scheme = try JSONDecoder().decode(Scheme.self, from: data)
    } catch {
      throw SchemeError.invalid(path: url.path, underlying: String(describing: error))
    }
    try scheme.validate(path: url.path)
    self = scheme
  }

  /// Checks what decoding cannot: at least one level, and a last rule that always matches.
  public func validate(path: String = "") throws {
    guard !levels.isEmpty else { throw SchemeError.invalid(path: path, underlying: "no levels") }
    for rule in levels {
      try rule.when.validate(path: path)
      // A misspelt cited fact would silently cite nothing.
      for fact in rule.cite ?? [] where !FactSet.known.contains(fact) {
        throw SchemeError.invalid(
          path: path, underlying: "unknown fact \"\(fact)\" in cite of rule \(rule.id)")
      }
    }
    for rule in roles {
      try rule.when.validate(path: path)
    }
  }

  /// The cadence in days for `level`, or 30 when the scheme does not say.
  public func cadence(for level: Int) -> Int { cadenceDays[String(level)] ?? 30 }

  /// The rule that defines `level` first, for its name and next step.
  public func rule(for level: Int) -> LevelRule? { levels.first { $0.level == level } }
}

/// Errors loading a scheme.
public enum SchemeError: Error, LocalizedError, Sendable, Equatable {
  case unknownPreset(id: String, known: [String])
  case unreadable(path: String, underlying: String)
  case invalid(path: String, underlying: String)

  public var errorDescription: String? {
    switch self {
    case .unknownPreset(let id, let known):
      "未知方案 / unknown scheme: \(id) (可用 / available: \(known.joined(separator: ", ")))"
    case .unreadable(let path, let underlying):
      "无法读取方案文件 / cannot read scheme file: \(path) (\(underlying))"
    case .invalid(let path, let underlying):
      "方案文件格式错误 / invalid scheme file: \(path) (\(underlying))"
    }
  }
}
