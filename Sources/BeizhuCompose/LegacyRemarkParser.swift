import Foundation

/// Reads old remarks, tags and descriptions: this scheme's own codes, the insurance and A–E
/// schemes, and the free forms people write ("王姐老客户", "8.11回访", "北京/王强/IT Y 138…").
///
/// Passes claim characters in a fixed order; whatever no pass claims becomes a name or free
/// text, so every character of the input lands in exactly one ``LegacyRemark/Piece``.
public struct LegacyRemarkParser: Sendable {
  public var gazetteer: Gazetteer

  public init(gazetteer: Gazetteer = .china) {
    self.gazetteer = gazetteer
  }

  /// Parses one friend's old remark, tags and description.
  public func parse(remark: String, tags: [String] = [], description: String = "") -> LegacyRemark {
    var pieces = parseRemark(remark)
    for tag in tags {
      let text = tag.trimmed()
      guard !text.isEmpty else { continue }
      let value = RemarkComposer.normalizeTag(text)
      if let level = Self.levelTag(value) {
        pieces.append(.init(kind: .level, text: text, value: String(level), source: .tag))
      } else {
        pieces.append(.init(kind: .tag, text: text, value: value, source: .tag))
      }
    }
    var rest = description
    for match in PhoneNumberScanner.matches(in: description).reversed() {
      pieces.append(
        .init(kind: .phone, text: String(description[match.range]), value: match.digits, source: .description)
      )
      rest.replaceSubrange(match.range, with: " ")
    }
    let text = rest.trimmed()
    if !text.isEmpty {
      pieces.append(.init(kind: .description, text: text, source: .description))
    }
    return LegacyRemark(pieces: pieces)
  }

  /// `3类` → 3.
  static func levelTag(_ tag: String) -> Int? {
    let characters = Array(tag)
    guard characters.count == 2, characters[1] == "类", let digit = characters[0].wholeNumberValue,
      (1...6).contains(digit), characters[0].isASCII
    else { return nil }
    return digit
  }

  // MARK: - Remark

  /// Separator placeholder for claimed characters, so later patterns see a boundary.
  private static let claimedMark: Character = "\u{1}"

  private struct Work {
    var characters: [Character]
    var claimed: [Bool]
    var found: [(offset: Int, piece: LegacyRemark.Piece)] = []

    var text: String { String(characters.enumerated().map { claimed[$0.offset] ? claimedMark : $0.element }) }

    mutating func claim(_ range: Range<Int>, kind: LegacyRemark.Kind, value: String? = nil) {
      // Offsets come from a rebuilt string; clamp so that odd grapheme joins cannot trap.
      let range = range.clamped(to: 0..<characters.count)
      guard !range.isEmpty else { return }
      let text = String(characters[range])
      for index in range { claimed[index] = true }
      found.append((range.lowerBound, .init(kind: kind, text: text, value: value)))
    }
  }

  private func parseRemark(_ remark: String) -> [LegacyRemark.Piece] {
    var ignored: [NormalizedName.Change] = []
    let folded = NameNormalizer.foldCompatibilityForms(remark, changes: &ignored)
    let characters = Array(folded)
    var work = Work(characters: characters, claimed: characters.map { _ in false })
    // Phones before dates: `138-0013-8000` holds date-shaped parts.
    for match in PhoneNumberScanner.matches(in: work.text) {
      work.claim(offsets(match.range, in: work.text), kind: .phone, value: match.digits)
    }
    claimDelimitedDates(&work)
    // The scheme code before compact dates: in `1K811` the `1` is the level.
    claimSchemeCode(&work)
    claimCompactDates(&work)
    claimLevelAndGradeWords(&work)
    claimTokens(&work)
    return work.found.sorted { $0.offset < $1.offset }.map(\.piece)
  }

  private static let delimitedDate: NSRegularExpression? = try? NSRegularExpression(
    pattern:
      #"(?:(?:回访|跟进|复购|联系)[:：]?)?(?<![0-9])(?:(?:20)?[0-9]{2}[./\-年])?([0-9]{1,2})(?:[./\-]|月)([0-9]{1,2})(?:日|号)?(?![0-9])(?:回访|复购|跟进|再联系|联系|提醒)?"#
  )
  private static let compactDate: NSRegularExpression? = try? NSRegularExpression(
    pattern: #"(?<![0-9])([0-9]{3,4})(?![0-9])(?:回访|复购|跟进|再联系|联系|提醒)?"#
  )
  private static let schemeCode: NSRegularExpression? = try? NSRegularExpression(
    pattern: #"^[\s\x{1}]*(?:(C)([1-6])([KD])?|([1-6])([KDC])|([1-6])(?=\p{Han})(?!类))"#
  )
  private static let levelOrGrade: NSRegularExpression? = try? NSRegularExpression(
    pattern: #"(?<![0-9A-Za-z])(?:([1-6])类|([A-E])(?:类|级|类客户|级客户))"#
  )

  private func claimDelimitedDates(_ work: inout Work) {
    forEachMatch(Self.delimitedDate, in: &work) { work, result, text in
      guard let month = Int(group(result, 1, in: text)), let day = Int(group(result, 2, in: text)),
        let date = RevisitDate(month: month, day: day)
      else { return }
      work.claim(offsets(result.range, in: text), kind: .revisit, value: date.code)
    }
  }

  private func claimCompactDates(_ work: inout Work) {
    forEachMatch(Self.compactDate, in: &work) { work, result, text in
      guard let date = RevisitDate(code: group(result, 1, in: text)) else { return }
      work.claim(offsets(result.range, in: text), kind: .revisit, value: date.code)
    }
  }

  private func claimSchemeCode(_ work: inout Work) {
    let text = work.text
    guard let pattern = Self.schemeCode,
      let result = pattern.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text))
    else { return }
    for index in 1...6 {
      let range = result.range(at: index)
      guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { continue }
      let value = String(text[swiftRange])
      let kind: LegacyRemark.Kind
      switch (index, value) {
      case (1, _): kind = .channel
      case (2, _), (4, _), (6, _): kind = .level
      case (_, "C"): kind = .channel
      default: kind = .role
      }
      work.claim(offsets(swiftRange, in: text), kind: kind, value: value)
    }
  }

  private func claimLevelAndGradeWords(_ work: inout Work) {
    forEachMatch(Self.levelOrGrade, in: &work) { work, result, text in
      let level = group(result, 1, in: text)
      if !level.isEmpty {
        work.claim(offsets(result.range, in: text), kind: .level, value: level)
      } else {
        work.claim(offsets(result.range, in: text), kind: .grade, value: group(result, 2, in: text))
      }
    }
  }

  /// Splits what is left into tokens at separators and reads each run of Han, Latin letters or digits.
  private func claimTokens(_ work: inout Work) {
    var index = 0
    let count = work.characters.count
    var nameClaimed = false
    while index < count {
      if work.claimed[index] {
        index += 1
        continue
      }
      let character = work.characters[index]
      if CharacterClass.isEmoji(character) || isSeparator(character) {
        if CharacterClass.isEmoji(character) || !(character.isWhitespace || isPlainSeparator(character)) {
          work.claim(index..<(index + 1), kind: .decoration)
        } else {
          work.claimed[index] = true
        }
        index += 1
        continue
      }
      var end = index + 1
      while end < count, !work.claimed[end], runClass(work.characters[end]) == runClass(character) {
        end += 1
      }
      switch runClass(character) {
      case .han: readHan(index..<end, &work, nameClaimed: &nameClaimed)
      case .latin: readLatin(index..<end, &work, nameClaimed: &nameClaimed)
      case .other: work.claim(index..<end, kind: .freeText)
      }
      index = end
    }
    mergeAdjacentNames(&work)
  }

  private enum RunClass { case han, latin, other }

  private func runClass(_ character: Character) -> RunClass {
    guard let first = character.unicodeScalars.first else { return .other }
    if CharacterClass.isHan(first) { return .han }
    if CharacterClass.isLatinLetter(first) { return .latin }
    if character.isLetter { return .han }  // other scripts read like Han: names or words
    return .other
  }

  private func isSeparator(_ character: Character) -> Bool {
    if character == Self.claimedMark || character.isWhitespace { return true }
    guard let first = character.unicodeScalars.first else { return true }
    switch first.properties.generalCategory {
    case .otherPunctuation, .openPunctuation, .closePunctuation, .dashPunctuation, .connectorPunctuation,
      .initialPunctuation, .finalPunctuation, .otherSymbol, .mathSymbol, .modifierSymbol, .currencySymbol,
      .control, .format, .nonspacingMark, .spaceSeparator:
      return true
    default:
      return false
    }
  }

  /// Punctuation that only separates (`/`, `-`, brackets, commas); other symbols (♡, ☆) are
  /// ornaments and are listed as decoration.
  private func isPlainSeparator(_ character: Character) -> Bool {
    "/\\|-_()（）【】[]{}《》<>,，、;；:：·~～!！?？.。\"'“”‘’+=&#*@".contains(character)
      || character == Self.claimedMark
  }

  private func readLatin(_ range: Range<Int>, _ work: inout Work, nameClaimed: inout Bool) {
    let word = String(work.characters[range]).uppercased()
    let previousIsHan =
      range.lowerBound > 0 && runClass(work.characters[range.lowerBound - 1]) == .han
      && !work.claimed[range.lowerBound - 1] || previousIsName(range.lowerBound, work)
    if RemarkLexicon.vip.contains(word) {
      work.claim(range, kind: .vip, value: word)
    } else if ["Y", "N", "M", "O"].contains(word) {
      work.claim(range, kind: .insuranceClass, value: word)
    } else if ["A", "B", "C", "D", "E"].contains(word) {
      work.claim(range, kind: .grade, value: word)
    } else if word == "K" {
      work.claim(range, kind: .role, value: word)
    } else if RemarkLexicon.industry.contains(word) {
      work.claim(range, kind: .industry, value: word)
    } else if RemarkLexicon.channel.contains(word) {
      work.claim(range, kind: .relation, value: word)
    } else if previousIsHan, word.count <= 2, range.count <= 2,
      word.allSatisfy({ RemarkLexicon.disambiguatorLetters.contains($0) }),
      String(work.characters[range]) == word
    {
      work.claim(range, kind: .disambiguator, value: word)
    } else if !nameClaimed || previousIsName(range.lowerBound, work) {
      nameClaimed = true
      work.claim(range, kind: .name)
    } else {
      work.claim(range, kind: .freeText)
    }
  }

  private func previousIsName(_ index: Int, _ work: Work) -> Bool {
    guard let last = work.found.last, index > 0 else { return false }
    return last.piece.kind == .name && last.offset + last.piece.text.count == index
  }

  private func readHan(_ range: Range<Int>, _ work: inout Work, nameClaimed: inout Bool) {
    var index = range.lowerBound
    var leftoverStart: Int?
    func flushLeftover(upTo end: Int, _ work: inout Work) {
      guard let start = leftoverStart else { return }
      leftoverStart = nil
      if !nameClaimed && end - start <= 4 {
        nameClaimed = true
        work.claim(start..<end, kind: .name)
      } else {
        work.claim(start..<end, kind: .freeText)
      }
    }
    while index < range.upperBound {
      if let (length, kind, value) = match(at: index, in: range, work.characters) {
        flushLeftover(upTo: index, &work)
        work.claim(index..<(index + length), kind: kind, value: value)
        index += length
        continue
      }
      if leftoverStart == nil { leftoverStart = index }
      index += 1
    }
    flushLeftover(upTo: range.upperBound, &work)
  }

  /// The longest lexicon word or place starting at `index` within the run.
  private func match(
    at index: Int, in run: Range<Int>, _ characters: [Character]
  ) -> (Int, LegacyRemark.Kind, String)? {
    for entry in RemarkLexicon.entries where index + entry.word.count <= run.upperBound {
      if Array(characters[index..<(index + entry.word.count)]) == entry.word {
        return (entry.word.count, entry.kind, String(entry.word))
      }
    }
    for length in gazetteer.lengths where length >= 2 && index + length <= run.upperBound {
      let text = String(characters[index..<(index + length)])
      guard let place = gazetteer.place(named: text) else { continue }
      // A place inside a run is read only at its start, or at its end after at least two
      // characters: `北京王姐`, `王姐杭州`, but never the 朝阳 in 李朝阳.
      let atStart = index == run.lowerBound
      let atEnd = index + length == run.upperBound && index - run.lowerBound >= 2
      guard atStart || atEnd || isLexiconWord(at: index + length, in: run, characters) else { continue }
      if let city = place.city {
        return (length, .city, city)
      }
      return (length, .province, place.province)
    }
    return nil
  }

  private func isLexiconWord(at index: Int, in run: Range<Int>, _ characters: [Character]) -> Bool {
    RemarkLexicon.entries.contains { entry in
      index + entry.word.count <= run.upperBound
        && Array(characters[index..<(index + entry.word.count)]) == entry.word
    }
  }

  /// `陈晨Chen` is one name, not a name and free text.
  private func mergeAdjacentNames(_ work: inout Work) {
    var merged: [(offset: Int, piece: LegacyRemark.Piece)] = []
    for item in work.found.sorted(by: { $0.offset < $1.offset }) {
      if let last = merged.last, last.piece.kind == .name, item.piece.kind == .name,
        last.offset + last.piece.text.count == item.offset
      {
        merged[merged.count - 1].piece.text += item.piece.text
        merged[merged.count - 1].piece.value += item.piece.value
      } else {
        merged.append(item)
      }
    }
    work.found = merged
  }

  // MARK: - Helpers

  private func forEachMatch(
    _ pattern: NSRegularExpression?, in work: inout Work,
    _ body: (inout Work, NSTextCheckingResult, String) -> Void
  ) {
    guard let pattern else { return }
    let text = work.text
    for result in pattern.matches(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) {
      let range = offsets(result.range, in: text)
      guard !range.isEmpty, !range.contains(where: { work.claimed[$0] }) else { continue }
      body(&work, result, text)
    }
  }

  private func group(_ result: NSTextCheckingResult, _ index: Int, in text: String) -> String {
    let range = result.range(at: index)
    guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return "" }
    return String(text[swiftRange])
  }

  private func offsets(_ range: NSRange, in text: String) -> Range<Int> {
    guard let swiftRange = Range(range, in: text) else { return 0..<0 }
    return offsets(swiftRange, in: text)
  }

  private func offsets(_ range: Range<String.Index>, in text: String) -> Range<Int> {
    let lower = text.distance(from: text.startIndex, to: range.lowerBound)
    return lower..<(lower + text.distance(from: range.lowerBound, to: range.upperBound))
  }
}
