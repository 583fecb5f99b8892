/// A month and day to follow up on, as the remark writes it: `811` is Aug 11, `1105` Nov 5.
public struct RevisitDate: Sendable, Hashable, Codable, Comparable {
  public var month: Int
  public var day: Int

  /// Creates a date when `month` and `day` name a real calendar day (Feb 29 allowed).
  public init?(month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month) else { return nil }
    self.month = month
    self.day = day
  }

  /// The remark code: the month without a leading zero, then the day in two digits.
  public var code: String {
    let dayText = day < 10 ? "0\(day)" : "\(day)"
    return "\(month)\(dayText)"
  }

  /// Reads a compact code of 3 or 4 ASCII digits: `811` → 8/11, `1105` → 11/05, `0811` → 8/11.
  ///
  /// A 3-digit code is always month + two-digit day (`111` is Jan 11, never Nov 1), as the
  /// scheme writes it.
  public init?(code: String) {
    let digits = code.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
    guard digits.count == code.count else { return nil }
    switch digits.count {
    case 3:
      self.init(month: digits[0], day: digits[1] * 10 + digits[2])
    case 4:
      self.init(month: digits[0] * 10 + digits[1], day: digits[2] * 10 + digits[3])
    default:
      return nil
    }
  }

  public static func < (lhs: RevisitDate, rhs: RevisitDate) -> Bool {
    (lhs.month, lhs.day) < (rhs.month, rhs.day)
  }

  private static func daysIn(month: Int) -> Int {
    switch month {
    case 2: return 29
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
