import Foundation

/// The forms exporters turn a display name into, so a chat named only by a file or folder name
/// can be matched to its contact (FORMATS.md §6, §10, §12, §19).
public enum NameVariants {
  /// MemoTrace's folder and name-column form: `\ / : * ? " < > |`, whitespace and `.` become `_`.
  public static func memoTrace(_ name: String) -> String {
    String(
      String.UnicodeScalarView(
        name.unicodeScalars.map { scalar -> Unicode.Scalar in
          if "\\/:*?\"<>|.".unicodeScalars.contains(scalar) || scalar.properties.isWhitespace { return "_" }
          if scalar.value < 0x20 { return "_" }
          return scalar
        }))
  }

  /// wechat-dump's file stem: only letters, digits and spaces are kept, trailing spaces stripped
  /// (Python's `isalpha()`/`isdigit()`).
  public static func wechatDump(_ name: String) -> String {
    let kept = name.unicodeScalars.filter { scalar in
      scalar == " " || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
    var text = String(String.UnicodeScalarView(kept))
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }

  /// WechatExporter's folder form: characters invalid in file names removed.
  public static func wechatExporter(_ name: String) -> String {
    String(
      String.UnicodeScalarView(
        name.unicodeScalars.filter { !"\\/:*?\"<>|".unicodeScalars.contains($0) && $0.value >= 0x20 }))
  }

  /// Every form of `name` that some exporter may show, the name itself first.
  public static func all(_ name: String) -> [String] {
    guard !name.isEmpty else { return [] }
    var forms = [name]
    for form in [memoTrace(name), wechatDump(name), wechatExporter(name)]
    where !form.isEmpty && !forms.contains(form) {
      forms.append(form)
    }
    return forms
  }
}
