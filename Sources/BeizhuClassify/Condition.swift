/// A rule condition over named facts, decoded from scheme JSON.
///
/// Forms: `{"fact": "paid"}` (a yes/no fact, or a number > 0), `{"fact": "interactions",
/// "atLeast": 3, "atMost": 5}`, `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`,
/// `{"always": true}`.
public indirect enum Condition: Sendable, Hashable, Codable {
  case fact(String, atLeast: Int?, atMost: Int?)
  case all([Condition])
  case any([Condition])
  case not(Condition)
  case always

  private enum Keys: String, CodingKey {
    case fact, atLeast, atMost, all, any, not, always
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    if let name = try container.decodeIfPresent(String.self, forKey: .fact) {
      self = .fact(
        name, atLeast: try container.decodeIfPresent(Int.self, forKey: .atLeast),
        atMost: try container.decodeIfPresent(Int.self, forKey: .atMost))
    } else if let list = try container.decodeIfPresent([Condition].self, forKey: .all) {
      self = .all(list)
    } else if let list = try container.decodeIfPresent([Condition].self, forKey: .any) {
      self = .any(list)
    } else if let inner = try container.decodeIfPresent(Condition.self, forKey: .not) {
      self = .not(inner)
    } else if try container.decodeIfPresent(Bool.self, forKey: .always) == true {
      self = .always
    } else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath, debugDescription: "expected fact, all, any, not or always"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    switch self {
    case .fact(let name, let atLeast, let atMost):
      try container.encode(name, forKey: .fact)
      try container.encodeIfPresent(atLeast, forKey: .atLeast)
      try container.encodeIfPresent(atMost, forKey: .atMost)
    case .all(let list): try container.encode(list, forKey: .all)
    case .any(let list): try container.encode(list, forKey: .any)
    case .not(let inner): try container.encode(inner, forKey: .not)
    case .always: try container.encode(true, forKey: .always)
    }
  }

  /// Rejects facts the engine does not know, so a typo in a scheme file fails loudly.
  func validate(path: String) throws {
    switch self {
    case .fact(let name, _, _):
      guard FactSet.known.contains(name) else {
        throw SchemeError.invalid(path: path, underlying: "unknown fact \"\(name)\"")
      }
    case .all(let list), .any(let list):
      for item in list { try item.validate(path: path) }
    case .not(let inner): try inner.validate(path: path)
    case .always: break
    }
  }

  /// Whether the condition holds, and why, in words.
  public func evaluate(_ facts: FactSet) -> (holds: Bool, why: String) {
    switch self {
    case .always:
      return (true, "兜底规则")
    case .fact(let name, let atLeast, let atMost):
      let value = facts.value(name)
      let label = FactSet.label(name)
      if atLeast == nil && atMost == nil {
        return (value > 0, value > 0 ? "\(label)：是" : "\(label)：否")
      }
      var holds = true
      var bounds: [String] = []
      if let atLeast {
        holds = holds && value >= atLeast
        bounds.append("≥\(atLeast)")
      }
      if let atMost {
        holds = holds && value <= atMost
        bounds.append("≤\(atMost)")
      }
      return (holds, "\(label) = \(value)（需 \(bounds.joined(separator: " 且 "))）")
    case .all(let list):
      var parts: [String] = []
      for item in list {
        let result = item.evaluate(facts)
        parts.append(result.why)
        if !result.holds { return (false, parts.joined(separator: "；")) }
      }
      return (true, parts.joined(separator: "；"))
    case .any(let list):
      var parts: [String] = []
      for item in list {
        let result = item.evaluate(facts)
        parts.append(result.why)
        if result.holds { return (true, result.why) }
      }
      return (false, parts.joined(separator: "；"))
    case .not(let inner):
      let result = inner.evaluate(facts)
      return (!result.holds, result.why)
    }
  }

  /// The facts a condition reads, for citing their evidence.
  var facts: [String] {
    switch self {
    case .fact(let name, _, _): [name]
    case .all(let list), .any(let list): list.flatMap(\.facts)
    case .not(let inner): inner.facts
    case .always: []
    }
  }
}
