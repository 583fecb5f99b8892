import Foundation

extension NameNormalizer {
  /// Full-width ASCII, enclosed and superscript letters and digits, and styled letters → ASCII.
  static func foldCompatibilityForms(_ text: String, changes: inout [NormalizedName.Change]) -> String {
    var output = String.UnicodeScalarView()
    var dropSelector = false
    var folds: [NormalizedName.Reason: (String, String)] = [:]
    for scalar in text.unicodeScalars {
      if dropSelector, scalar.value == 0xFE0F || scalar.value == 0xFE0E {
        dropSelector = false
        continue
      }
      dropSelector = false
      guard let (reason, replacement) = fold(scalar) else {
        output.append(scalar)
        continue
      }
      output.append(contentsOf: replacement.unicodeScalars)
      dropSelector = true
      var pair = folds[reason] ?? ("", "")
      pair.0.unicodeScalars.append(scalar)
      pair.1 += replacement
      folds[reason] = pair
    }
    for reason in NormalizedName.Reason.allCases {
      if let (removed, replacement) = folds[reason] {
        changes.append(.init(reason: reason, removed: removed, replacement: replacement))
      }
    }
    return String(output)
  }

  private static func fold(_ scalar: Unicode.Scalar) -> (NormalizedName.Reason, String)? {
    let value = scalar.value
    switch value {
    case 0xFF01...0xFF5E:
      return Unicode.Scalar(value - 0xFEE0).map { (.fullWidth, String($0)) }
    case 0x3000:
      return (.fullWidth, " ")
    case 0x1F150...0x1F169, 0x1F170...0x1F189:
      // Negative circled and squared capitals have no compatibility mapping.
      let base: UInt32 = value >= 0x1F170 ? 0x1F170 : 0x1F150
      return Unicode.Scalar(0x41 + value - base).map { (.enclosedOrSuperscript, String($0)) }
    default:
      break
    }
    if let digit = CharacterClass.dingbatDigit(scalar) { return (.enclosedOrSuperscript, digit) }
    let reason: NormalizedName.Reason
    switch value {
    case 0x00B2, 0x00B3, 0x00B9, 0x2070...0x209F, 0x2460...0x24FF, 0x3251...0x325F, 0x32B1...0x32BF,
      0x1F100...0x1F10A, 0x1F110...0x1F14F, 0x2160...0x217F:
      reason = .enclosedOrSuperscript
    case 0x1D400...0x1D7FF, 0x2100...0x214F:
      reason = .styledLetters
    default:
      return nil
    }
    let folded = String(scalar).precomposedStringWithCompatibilityMapping
    let isPlain = folded.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)
    }
    guard isPlain, !folded.isEmpty, folded.count <= 3 else { return nil }
    return (reason, folded)
  }

  /// Removes every emoji grapheme (ZWJ sequences, skin tones, flags, keycaps, tag sequences).
  static func removeEmoji(_ text: String, changes: inout [NormalizedName.Change]) -> String {
    var output = ""
    var removed = ""
    for character in text {
      if let keycap = keycapBase(character) {
        // A keycap digit is still a digit of the name (`1️⃣号` → `1号`); `#️⃣` and `*️⃣` go.
        changes.append(.init(reason: .emoji, removed: String(character), replacement: keycap))
        output += keycap
      } else if CharacterClass.isEmoji(character) {
        removed.append(character)
        // A soft boundary: `Coco🍊Li` is two words.
        output.append(" ")
      } else {
        output.append(character)
      }
    }
    if !removed.isEmpty { changes.append(.init(reason: .emoji, removed: removed)) }
    return output
  }

  private static func keycapBase(_ character: Character) -> String? {
    let scalars = character.unicodeScalars
    guard scalars.contains("\u{20E3}"), let first = scalars.first, first.isASCII,
      first.properties.numericType != nil
    else { return nil }
    return String(first)
  }

  /// Removes invisible and direction characters; turns other spaces into plain spaces.
  static func removeInvisible(_ text: String, changes: inout [NormalizedName.Change]) -> String {
    var output = String.UnicodeScalarView()
    var removed = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if CharacterClass.isInvisible(scalar) {
        removed.append(scalar)
      } else if CharacterClass.isOtherSpace(scalar) {
        output.append(" ")
      } else {
        output.append(scalar)
      }
    }
    if !removed.isEmpty { changes.append(.init(reason: .invisible, removed: String(removed))) }
    return String(output)
  }

  /// Strips stacks of combining marks; keeps one mark that composes with a Latin letter (Zoë)
  /// and single marks on letters of scripts that need them (Thai, Devanagari).
  static func removeCombiningStacks(_ text: String, changes: inout [NormalizedName.Change]) -> String {
    var output = ""
    var removed = String.UnicodeScalarView()
    for character in text {
      let scalars = Array(character.unicodeScalars)
      let marks = scalars.dropFirst().filter(CharacterClass.isCombiningMark)
      guard let base = scalars.first, !marks.isEmpty else {
        output.append(character)
        continue
      }
      let composed = String(character).precomposedStringWithCanonicalMapping
      let keepsOne =
        marks.count == 1
        && ((CharacterClass.isLatinLetter(base) && composed.unicodeScalars.count == 1)
          || CharacterClass.foreignScript(base) != nil)
      if keepsOne {
        output += composed
        continue
      }
      removed.append(contentsOf: marks)
      var kept = String.UnicodeScalarView()
      kept.append(contentsOf: scalars.filter { !CharacterClass.isCombiningMark($0) })
      output += String(kept)
    }
    if !removed.isEmpty { changes.append(.init(reason: .combiningMarks, removed: String(removed))) }
    return output
  }

  /// A contact handle after a marker: `V:mia520`, `vx：abc_123`, `微信abc123`, `QQ 123456`.
  private static let handlePattern: NSRegularExpression? = try? NSRegularExpression(
    pattern:
      #"(?i)(?:(?:v信|微信号?|威信|薇信|薇|vx号?|wx号?|weixin|wechat|qq|扣扣|v)\s*[:：]\s*[a-z0-9_\-]{4,}|(?<![a-z])(?:v信|微信号?|威信|薇信|加v|加微|vx|wx(?!id_)|qq|扣扣)\s*(?=[a-z0-9_\-]*[0-9])[a-z0-9_\-]{5,})"#
  )

  /// Shop words, with a place or short brand code glued in front (`韩国代购`, `B2代购`).
  private static let shopPattern: NSRegularExpression? = try? NSRegularExpression(
    pattern:
      #"(?:[A-Za-z0-9]{1,4}|韩国|日本|澳洲|澳大利亚|美国|香港|法国|泰国|台湾|欧洲|英国|德国|海外|全球|国际|正品)?(?:代购|微商|批发|招代理|招商|总代|一手货源|货源|厂家直销|厂家|直销|团购|接单|专柜)"#
  )

  /// Removes seller ads. A short code glued to a shop word goes with it (`B2代购Mia` → `Mia`)
  /// unless it is all that would be left of the name (`Mia代购` keeps `Mia`).
  static func removeSellerAds(_ text: String, changes: inout [NormalizedName.Change]) -> String {
    var text = removeAll(handlePattern, in: text, reason: .sellerAd, changes: &changes)
    guard let shopPattern else { return text }
    while let match = firstMatch(shopPattern, in: text) {
      var range = match
      let word = String(text[range])
      let hasLatinPrefix = word.first.map { $0.isASCII } ?? false
      if hasLatinPrefix {
        let rest = text.replacingCharacters(in: range, with: "")
        if !rest.contains(where: { $0.isLetter }) {
          // Keep the glued code: it is the name.
          let start = text.index(range.lowerBound, offsetBy: word.prefix(while: { $0.isASCII }).count)
          range = start..<range.upperBound
        }
      }
      changes.append(.init(reason: .sellerAd, removed: String(text[range])))
      text.replaceSubrange(range, with: " ")
    }
    return text
  }

  /// Removes phone numbers and keeps their digits for the phone list.
  static func removePhones(
    _ text: String, changes: inout [NormalizedName.Change], phones: inout [String]
  ) -> String {
    var text = text
    for match in PhoneNumberScanner.matches(in: text).reversed() {
      changes.append(.init(reason: .phoneNumber, removed: String(text[match.range])))
      phones.insert(match.digits, at: 0)
      text.replaceSubrange(match.range, with: " ")
    }
    return text
  }

  /// Removes symbols, ornament punctuation and ornament letters; a removed character leaves a
  /// soft space so that the words on either side stay apart.
  static func removeDecorations(_ text: String, changes: inout [NormalizedName.Change]) -> String {
    let characters = Array(text)
    var output = ""
    var removed = ""
    for (index, character) in characters.enumerated() {
      if isDecoration(at: index, in: characters) {
        removed.append(character)
        output.append(" ")
      } else {
        output.append(character)
      }
    }
    if !removed.isEmpty { changes.append(.init(reason: .decoration, removed: removed)) }
    return output
  }

  private static func isDecoration(at index: Int, in characters: [Character]) -> Bool {
    let character = characters[index]
    guard let first = character.unicodeScalars.first else { return false }
    if character == " " || CharacterClass.namePunctuation.contains(character) { return false }
    if CharacterClass.ornamentLetters.contains(first) { return true }
    if CharacterClass.isHan(first) || CharacterClass.isLatinLetter(first) { return false }
    if first.isASCII && first.properties.numericType != nil { return false }
    if let script = CharacterClass.foreignScript(first) {
      // A lone letter of another script between Han or Latin text is an ornament (甜甜の小屋);
      // a run of them is a name (さくら, Маша, 김민지).
      let sameScript: (Character) -> Bool = { neighbour in
        neighbour.unicodeScalars.first.flatMap(CharacterClass.foreignScript) == script
      }
      let previous = index > 0 ? characters[index - 1] : nil
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      if previous.map(sameScript) == true || next.map(sameScript) == true { return false }
      let others = characters.filter { $0.isLetter && !sameScript($0) }
      return !others.isEmpty
    }
    // Symbols, other punctuation, non-ASCII digits of other systems stay only as letters do.
    return !character.isLetter
  }

  /// Collapses spaces, drops spaces next to CJK (`王 丽` → `王丽`), trims edge punctuation.
  static func tidySpacing(_ text: String, changes: inout [NormalizedName.Change]) -> String {
    let characters = Array(text)
    var output: [Character] = []
    for (index, character) in characters.enumerated() {
      guard character == " " else {
        output.append(character)
        continue
      }
      guard let previous = output.last, previous != " " else { continue }
      let next = characters[(index + 1)...].first(where: { $0 != " " })
      if let next, isWordCharacter(previous), isWordCharacter(next) { output.append(" ") }
    }
    var trimmed = ""
    var start = output.startIndex
    var end = output.endIndex
    while start < end, output[start] == " " || CharacterClass.namePunctuation.contains(output[start]) {
      if output[start] != " " { trimmed.append(output[start]) }
      start += 1
    }
    while end > start, output[end - 1] == " " || CharacterClass.namePunctuation.contains(output[end - 1]) {
      if output[end - 1] != " " { trimmed.append(output[end - 1]) }
      end -= 1
    }
    if !trimmed.isEmpty { changes.append(.init(reason: .spacing, removed: trimmed)) }
    return String(output[start..<end])
  }

  /// Latin letters, digits and name punctuation keep a space between them (`Mary Jane`).
  private static func isWordCharacter(_ character: Character) -> Bool {
    guard let first = character.unicodeScalars.first else { return false }
    return CharacterClass.isLatinLetter(first) || (first.isASCII && first.properties.numericType != nil)
      || CharacterClass.namePunctuation.contains(character)
  }

  private static func removeAll(
    _ pattern: NSRegularExpression?, in text: String, reason: NormalizedName.Reason,
    changes: inout [NormalizedName.Change]
  ) -> String {
    guard let pattern else { return text }
    var text = text
    while let range = firstMatch(pattern, in: text) {
      changes.append(.init(reason: reason, removed: String(text[range])))
      text.replaceSubrange(range, with: " ")
    }
    return text
  }

  static func firstMatch(_ pattern: NSRegularExpression, in text: String) -> Range<String.Index>? {
    let whole = NSRange(text.startIndex..<text.endIndex, in: text)
    guard let result = pattern.firstMatch(in: text, range: whole), result.range.length > 0 else { return nil }
    return Range(result.range, in: text)
  }
}
