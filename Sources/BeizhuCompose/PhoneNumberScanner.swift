import Foundation

/// Finds Chinese phone numbers in free text: mobiles (`138 0013 8000`, `+86-13800138000`) and
/// landlines with an area code (`0571-88886666`).
enum PhoneNumberScanner {
  /// A phone number found in text.
  struct Match {
    var range: Range<String.Index>
    /// The number as digits only, without the country code.
    var digits: String
  }

  private static let pattern: NSRegularExpression? = try? NSRegularExpression(
    pattern:
      #"(?:(?:tel|TEL|Tel|电话|手机|手机号|☎|📞)\s*[:：]?\s*)?(?<![0-9])(?:(?:\+?86)[\s-]?)?(?:1[3-9][0-9](?:[\s-]?[0-9]{4}){2}|0[1-9][0-9]{1,2}-?[0-9]{7,8})(?![0-9])"#
  )

  /// Every phone number in `text`, in order.
  static func matches(in text: String) -> [Match] {
    guard let pattern else { return [] }
    let ns = NSRange(text.startIndex..<text.endIndex, in: text)
    return pattern.matches(in: text, range: ns).compactMap { result in
      guard let range = Range(result.range, in: text) else { return nil }
      return Match(range: range, digits: digits(of: String(text[range])))
    }
  }

  /// The national number as digits: separators and a `+86` / `86` prefix removed.
  static func digits(of text: String) -> String {
    var digits = String(text.unicodeScalars.filter { $0.isASCII && $0.properties.numericType != nil })
    if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
    return digits
  }
}
