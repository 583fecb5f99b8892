import Foundation

/// China's provinces and prefecture-level cities, for reading places out of old remarks.
///
/// Shipped as `Data/gazetteer.json`. Each place has its full name (`杭州市`) and the short
/// name people write (`杭州`); lookups accept both.
public struct Gazetteer: Sendable {
  /// A province-level division and its prefecture-level cities.
  public struct Province: Sendable, Hashable, Codable {
    public var name: String
    public var short: String
    public var cities: [City]
  }

  /// A prefecture-level division.
  public struct City: Sendable, Hashable, Codable {
    public var name: String
    public var short: String
  }

  /// A place found in text.
  public struct Place: Sendable, Hashable {
    /// The province's short name (`浙江`).
    public var province: String
    /// The city's short name (`杭州`), `nil` when the text names only a province.
    public var city: String?
  }

  public let provinces: [Province]
  /// Every spelling (full and short) → the place, longest spellings considered first by callers.
  private let places: [String: Place]
  /// Spelling lengths present, longest first, for longest-match scanning.
  let lengths: [Int]

  public init(provinces: [Province]) {
    self.provinces = provinces
    var places: [String: Place] = [:]
    for province in provinces {
      let provincePlace = Place(province: province.short, city: nil)
      places[province.name] = provincePlace
      places[province.short] = provincePlace
    }
    // Cities after provinces: a municipality (北京) reads as both; a short name shared with
    // another province's place keeps its first reading.
    for province in provinces {
      for city in province.cities {
        let place = Place(province: province.short, city: city.short)
        for spelling in [city.name, city.short] {
          if let existing = places[spelling], existing.province != province.short { continue }
          places[spelling] = place
        }
      }
    }
    self.places = places
    self.lengths = Set(places.keys.map(\.count)).sorted(by: >)
  }

  /// Decodes the JSON form shipped in `Data/gazetteer.json`.
  public init(json: Data) throws {
    struct Document: Decodable {
      var provinces: [Province]
    }
    self.init(provinces: try JSONDecoder().decode(Document.self, from: json).provinces)
  }

  /// The gazetteer shipped with Beizhu; empty only if the bundle lost its data file.
  public static let china: Gazetteer = {
    guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "json"),
      let data = try? Data(contentsOf: url), let gazetteer = try? Gazetteer(json: data)
    else { return Gazetteer(provinces: []) }
    return gazetteer
  }()

  /// The place `text` names exactly (`杭州`, `杭州市`, `浙江省`), or `nil`.
  public func place(named text: String) -> Place? {
    places[text]
  }

  /// Number of cities known.
  public var cityCount: Int { provinces.reduce(0) { $0 + $1.cities.count } }

  /// Reads a free-form region such as `浙江 杭州` or `上海 浦东新区`: the most specific place named.
  public func place(inRegion region: String) -> Place? {
    let parts = region.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" || $0 == "·" })
    var found: Place?
    for part in parts {
      guard let place = places[String(part)] else { continue }
      if found == nil || place.city != nil { found = place }
    }
    return found
  }
}
