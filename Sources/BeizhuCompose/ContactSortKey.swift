import Foundation

/// Where WeChat will sort a remark in the contact list, and the pinyin it sorts by.
///
/// WeChat files a contact under the upper-case initial of its remark's pinyin; a remark
/// starting with a digit or a symbol goes to the `#` section at the bottom.
public enum ContactSortKey {
  /// The section letter `A`–`Z`, or `#`.
  public static func section(for remark: String) -> String {
    guard let first = remark.first else { return "#" }
    if first.isASCII {
      guard first.isLetter else { return "#" }
      return first.uppercased()
    }
    guard let initial = pinyin(String(first)).first, initial.isASCII, initial.isLetter else { return "#" }
    return String(initial)
  }

  /// Upper-case pinyin without tone marks (`王姐` → `WANG JIE`); characters without a reading
  /// stay as they are.
  public static func pinyin(_ text: String) -> String {
    let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
    let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
    return plain.uppercased()
  }

  /// The key the contact list sorts by: the section, then the pinyin.
  public static func sortKey(for remark: String) -> String {
    section(for: remark) + " " + pinyin(remark)
  }
}
