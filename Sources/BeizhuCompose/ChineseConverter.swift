import COpenCC
import Foundation

/// Phrase-level Traditional → Simplified conversion through OpenCC's `t2s` configuration.
///
/// Foundation's `Hant-Hans` transform maps character by character and gets phrases wrong
/// (頭髮 → 头发 needs the phrase, 乾隆 must stay 乾); OpenCC segments first. The type owns
/// the OpenCC handle and closes it on deinit. OpenCC's converter keeps per-call state, so calls
/// are serialized with a lock.
public final class ChineseConverter: @unchecked Sendable {
  /// The shared `t2s` converter, opened on first use; `nil` when OpenCC's data is missing.
  public static let traditionalToSimplified: ChineseConverter? = ChineseConverter(configuration: "t2s.json")

  private let handle: opencc_t
  private let lock = NSLock()

  /// Opens an OpenCC configuration by file name (searched in OpenCC's data directory) or path.
  public init?(configuration: String) {
    var candidates = [configuration]
    if !configuration.contains("/") {
      // Debian and Homebrew install the data here; OpenCC 1.1 also searches its own data dir.
      candidates += [
        "/usr/share/opencc/\(configuration)", "/usr/local/share/opencc/\(configuration)",
        "/opt/homebrew/share/opencc/\(configuration)",
      ]
    }
    for candidate in candidates {
      let opened = opencc_open(candidate)
      if beizhu_opencc_is_valid(opened) != 0, let opened {
        handle = opened
        return
      }
    }
    return nil
  }

  deinit {
    opencc_close(handle)
  }

  /// Converts `text`; returns it unchanged when OpenCC reports an error.
  public func convert(_ text: String) -> String {
    if text.isEmpty { return text }
    lock.lock()
    defer { lock.unlock() }
    let converted: String? = text.withCString { pointer in
      guard let output = opencc_convert_utf8(handle, pointer, strlen(pointer)) else { return nil }
      defer { opencc_convert_utf8_free(output) }
      return String(validatingCString: output)
    }
    return converted ?? text
  }
}
