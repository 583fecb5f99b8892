import Foundation

/// Parses the naive local times exporters write (FORMATS.md §16) into unix seconds.
///
/// Accepts `YYYY-MM-DD HH:MM:SS`, slashes instead of dashes, 1–2 digit month, day and hour,
/// optional seconds, optional fractional seconds (wechat-dump's microseconds), a `T` separator,
/// and a trailing `Z` or `±HH:MM` offset (chatlog's RFC 3339). Times without an offset are read
/// in the configured zone (default Asia/Shanghai, where the samples were exported).
public struct LocalTimeParser: Sendable {
  /// What a parsed time looked like, so an import can say that a spreadsheet reformatted it.
  public struct Parsed: Sendable, Equatable {
    public var unixSeconds: Int64
    /// Seconds were missing (`2024/10/4 11:42`), as after a spreadsheet re-save.
    public var lacksSeconds: Bool
    /// The date used slashes or unpadded numbers.
    public var isReformatted: Bool
  }

  public let timeZone: TimeZone
  /// The zone's offset over ``fixedOffsetSpan`` when it does not change there (China's has not
  /// since 1991): asking ICU twice per message was a tenth of a CSV import's parsing thread.
  private let fixedOffset: Int?
  /// 2000-01-01 to 2050-01-01 in unix seconds: every WeChat message, with room on both sides.
  static let fixedOffsetSpan: ClosedRange<Int64> = 946_684_800...2_524_608_000

  public init(timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current) {
    self.timeZone = timeZone
    // A day of margin each side: the naive time and the instant it gives differ by < 1 day.
    let start = Date(timeIntervalSince1970: TimeInterval(Self.fixedOffsetSpan.lowerBound - 86_400))
    let end = Date(timeIntervalSince1970: TimeInterval(Self.fixedOffsetSpan.upperBound + 86_400))
    // ICU's next transition covers every rule change, standard offsets as well as DST
    // (`LocalTimeParserTests` checks Pyongyang's 2015 and 2018 changes).
    if let transition = timeZone.nextDaylightSavingTimeTransition(after: start), transition <= end {
      fixedOffset = nil
    } else {
      fixedOffset = timeZone.secondsFromGMT(for: start)
    }
  }

  public func parse(_ text: String) -> Parsed? {
    var text = text
    return text.withUTF8 { parse(bytes: $0) }
  }

  public func parse(bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
    var index = 0
    let count = bytes.count
    while index < count && bytes[index] == 0x20 { index += 1 }
    var reformatted = false

    func number(maxDigits: Int) -> (value: Int, digits: Int)? {
      var value = 0
      var digits = 0
      while index < count, digits < maxDigits, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        value = value * 10 + Int(bytes[index] - 0x30)
        index += 1
        digits += 1
      }
      return digits == 0 ? nil : (value, digits)
    }

    guard let year = number(maxDigits: 4), year.digits == 4, index < count else { return nil }
    let separator = bytes[index]
    guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".")
    else { return nil }
    if separator != UInt8(ascii: "-") { reformatted = true }
    index += 1
    guard let month = number(maxDigits: 2), index < count, bytes[index] == separator else { return nil }
    index += 1
    guard let day = number(maxDigits: 2) else { return nil }
    if month.digits == 1 || day.digits == 1 { reformatted = true }
    var hour = 0
    var minute = 0
    var second = 0
    var lacksSeconds = false
    var explicitOffset: Int?
    if index < count && (bytes[index] == 0x20 || bytes[index] == UInt8(ascii: "T")) {
      while index < count && (bytes[index] == 0x20 || bytes[index] == UInt8(ascii: "T")) { index += 1 }
      guard let parsedHour = number(maxDigits: 2), index < count, bytes[index] == UInt8(ascii: ":") else {
        return nil
      }
      if parsedHour.digits == 1 { reformatted = true }
      index += 1
      guard let parsedMinute = number(maxDigits: 2) else { return nil }
      hour = parsedHour.value
      minute = parsedMinute.value
      if index < count && bytes[index] == UInt8(ascii: ":") {
        index += 1
        guard let parsedSecond = number(maxDigits: 2) else { return nil }
        second = parsedSecond.value
        if index < count && bytes[index] == UInt8(ascii: ".") {
          index += 1
          _ = number(maxDigits: 9)
        }
      } else {
        lacksSeconds = true
      }
      while index < count && bytes[index] == 0x20 { index += 1 }
      if index < count {
        let sign = bytes[index]
        if sign == UInt8(ascii: "Z") {
          explicitOffset = 0
        } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
          index += 1
          guard let offsetHours = number(maxDigits: 2) else { return nil }
          if index < count && bytes[index] == UInt8(ascii: ":") { index += 1 }
          let offsetMinutes = number(maxDigits: 2)?.value ?? 0
          let total = offsetHours.value * 3600 + offsetMinutes * 60
          explicitOffset = sign == UInt8(ascii: "+") ? total : -total
        }
      }
    }
    guard (1...12).contains(month.value), (1...31).contains(day.value), hour < 24, minute < 60, second < 61
    else { return nil }
    let naive =
      Self.daysFromCivil(year: year.value, month: month.value, day: day.value) * 86_400
      + Int64(hour * 3600 + minute * 60 + second)
    let offset = explicitOffset ?? offsetSeconds(forNaive: naive)
    return Parsed(unixSeconds: naive - Int64(offset), lacksSeconds: lacksSeconds, isReformatted: reformatted)
  }

  /// The zone's offset at a naive local time (the offset one hour earlier settles DST gaps).
  func offsetSeconds(forNaive naive: Int64) -> Int {
    if let fixedOffset, Self.fixedOffsetSpan.contains(naive) { return fixedOffset }
    return zoneOffsetSeconds(forNaive: naive)
  }

  /// ``offsetSeconds(forNaive:)`` asked of the zone each time.
  func zoneOffsetSeconds(forNaive naive: Int64) -> Int {
    let guess = Date(timeIntervalSince1970: TimeInterval(naive))
    let first = timeZone.secondsFromGMT(for: guess)
    return timeZone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-first)))
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
