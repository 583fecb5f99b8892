/// Classes of characters the normalizer and the parser tell apart.
///
/// Swift exposes no Unicode script property, so scripts are told by code point ranges; the
/// ranges cover what nicknames use in practice.
enum CharacterClass {
  /// Characters that show nothing or steer text direction, used to fake an empty name or
  /// to pad one: Hangul filler, braille blank, zero-width and bidi controls, BOM, soft hyphen.
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3164, 0x2800, 0x115F, 0x1160, 0xFFA0, 0x00AD, 0x034F, 0x061C, 0x180E, 0x17B4, 0x17B5,
      0xFEFF, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFE00...0xFE0F,
      0xE0000...0xE007F, 0x1D173...0x1D17A:
      return true
    default:
      return scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
    }
  }

  /// Spaces other than U+0020 (no-break, en/em, ideographic, narrow).
  static func isOtherSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x1680, 0x0009, 0x000A, 0x000D: return true
    default: return false
    }
  }

  /// Han ideographs, including the astral extensions (𠮷) and 〇.
  static func isHan(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x3FFFF, 0xF900...0xFAFF, 0x3007: return true
    default: return false
    }
  }

  /// Whether `character` is a Han ideograph.
  static func isHan(_ character: Character) -> Bool {
    character.unicodeScalars.first.map(isHan) ?? false
  }

  /// Latin letters, ASCII and accented.
  static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return scalar.properties.isAlphabetic
    default: return false
    }
  }

  /// A coarse script key for letters that are neither Han nor Latin: kana, Hangul, or the
  /// 128-code-point block, so that two letters of one script compare equal.
  static func foreignScript(_ scalar: Unicode.Scalar) -> Int? {
    guard scalar.properties.isAlphabetic, !isHan(scalar), !isLatinLetter(scalar) else { return nil }
    switch scalar.value {
    case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return -1  // kana
    case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return -2  // Hangul
    default: return Int(scalar.value >> 7)
    }
  }

  /// Letters of other scripts that Chinese nicknames use as ornaments, whatever surrounds them.
  static let ornamentLetters: Set<Unicode.Scalar> = [
    "ღ", "ᝰ", "〆", "꧁", "꧂", "༺", "༻", "ཌ", "ད", "ʚ", "ɞ", "๑", "ꦿ", "ᥫ", "᭄", "ᰔ", "ོ", "ྀ",
    "ζ", "ღ", "ゞ", "ヾ", "ツ", "シ", "〤", "〄", "ㄣ", "ꕥ", "ꔷ", "ꗥ", "ꗤ", "ᐝ", "ᵔ", "ᴗ", "ᵕ",
    "ﻬ", "ﻌ", "ↂ", "彡", "灬", "丶", "丿", "乀", "乄", "〃", "ノ", "ε", "з",
  ]

  /// Emoji of any shape: single, ZWJ sequences, skin tones, flags, keycaps, tag sequences.
  ///
  /// `isEmoji` alone is true for `0`–`9`, `#` and `*`, so a plain ASCII character is never
  /// emoji here; it is emoji only with a variation selector or keycap mark.
  static func isEmoji(_ character: Character) -> Bool {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return false }
    for scalar in scalars {
      switch scalar.value {
      case 0x20E3, 0x1F3FB...0x1F3FF, 0x1F1E6...0x1F1FF, 0xE0020...0xE007F: return true
      case 0xFE0F where first.properties.isEmoji: return true
      default: continue
      }
    }
    if first.isASCII { return false }
    if first.properties.isEmojiPresentation { return true }
    if first.properties.isEmoji {
      // Text-presentation emoji (©, ™, ↔, ☺): symbols here, never letters or digits.
      switch first.properties.generalCategory {
      case .otherSymbol, .mathSymbol, .otherPunctuation, .dashPunctuation, .modifierSymbol: return true
      default: return false
      }
    }
    return false
  }

  /// Punctuation that can belong inside a name (`Mary-Jane`, `J.Lo`, `阿卜杜·买买提`, `O'Neil`).
  static let namePunctuation: Set<Character> = [".", "-", "_", "·", "'", "&"]

  /// Marks that combine with a base letter.
  static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .spacingMark: return true
    default: return false
    }
  }

  /// The ASCII digit a circled, parenthesized or dingbat digit stands for, e.g. ➊ → `1`.
  ///
  /// NFKC maps ①–⑳ and ⑴–⒇ itself; the dingbat circles have no compatibility mapping.
  static func dingbatDigit(_ scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0x2776...0x277F: return String(scalar.value - 0x2776 + 1)
    case 0x2780...0x2789: return String(scalar.value - 0x2780 + 1)
    case 0x278A...0x2793: return String(scalar.value - 0x278A + 1)
    case 0x24EB...0x24F4: return String(scalar.value - 0x24EB + 11)
    case 0x24F5...0x24FE: return String(scalar.value - 0x24F5 + 1)
    case 0x24FF, 0x24EA, 0x1F10B, 0x1F10C: return "0"
    default: return nil
    }
  }
}
