import Foundation

/// A calendar date (no time of day), as remarks, revisit dates and `--today` use it.
///
/// Arithmetic goes through a day number, so adding days never touches a calendar or a time zone;
/// only ``init(unixTime:timeZone:)`` needs one, because a message time becomes a date where the
/// user lives (Asia/Shanghai by default: every sample was exported there).
public struct Day: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The zone used when none is given.
  public static let defaultTimeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current

  /// The local date of a unix time (seconds) in `timeZone`.
  public init(unixTime: Int64, timeZone: TimeZone = Day.defaultTimeZone) {
    let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixTime))))
    let local = unixTime + offset
    // Floor division so times before 1970 land on the right day.
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    self.init(daysSinceEpoch: Int(days))
  }

  /// Parses `YYYY-MM-DD`; `nil` for anything else or an impossible date.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The date `daysSinceEpoch` days after 1970-01-01 (civil-from-days, proleptic Gregorian).
  public init(daysSinceEpoch: Int) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
  }

  /// Days since 1970-01-01 (days-from-civil).
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(until other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

  /// `YYYY-MM-DD`.
  public var description: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(y)-\(m)-\(d)"
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
