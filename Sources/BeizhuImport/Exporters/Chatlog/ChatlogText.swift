import BeizhuCore
import Foundation

extension Issue.Code {
  /// A date part the file lacks (year, day) was taken from elsewhere.
  static let inferredDate = Issue.Code("inferred-date")
}

/// chatlog's default text format: `<SenderName>(<Sender>) <time>` / `我 <time>` / `系统消息 <time>`,
/// the content lines, a blank line (FORMATS.md §9). The time may lack the year or the date.
enum ChatlogText {
  enum Layout { case full, monthDay, timeOnly }

  struct Header {
    enum Who {
      case me, system
      case friend(id: String, name: String)
    }
    var who: Who
    var layout: Layout
    /// `YYYY-MM-DD`, `MM-DD` or empty.
    var date: String
    /// `HH:MM:SS`.
    var clock: String
  }

  /// Parses a header line, or `nil` when the line is not one.
  static func header(_ line: String) -> Header? {
    let bytes = Array(line.utf8)
    let count = bytes.count
    func digits(_ range: Range<Int>) -> Bool {
      range.lowerBound >= 0 && range.upperBound <= count
        && bytes[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
    func byte(_ index: Int, is ascii: Unicode.Scalar) -> Bool {
      index >= 0 && index < count && bytes[index] == UInt8(ascii: ascii)
    }
    // `… HH:MM:SS` at the end.
    guard count >= 10, digits(count - 8..<count - 6), byte(count - 6, is: ":"), digits(count - 5..<count - 3),
      byte(count - 3, is: ":"), digits(count - 2..<count), byte(count - 9, is: " ")
    else { return nil }
    var layout = Layout.timeOnly
    var prefixEnd = count - 9
    var date = ""
    let end = count - 9
    if digits(end - 10..<end - 6), byte(end - 6, is: "-"), digits(end - 5..<end - 3), byte(end - 3, is: "-"),
      digits(end - 2..<end), byte(end - 11, is: " ")
    {
      layout = .full
      prefixEnd = end - 11
      date = String(decoding: bytes[end - 10..<end], as: UTF8.self)
    } else if digits(end - 5..<end - 3), byte(end - 3, is: "-"), digits(end - 2..<end), byte(end - 6, is: " ")
    {
      layout = .monthDay
      prefixEnd = end - 6
      date = String(decoding: bytes[end - 5..<end], as: UTF8.self)
    }
    guard prefixEnd > 0 else { return nil }
    let prefix = String(decoding: bytes[0..<prefixEnd], as: UTF8.self)
    let clock = String(decoding: bytes[count - 8..<count], as: UTF8.self)
    let who: Header.Who
    if prefix == "我" {
      who = .me
    } else if prefix == ChatlogChats.systemSender {
      who = .system
    } else if prefix.hasSuffix(")"), let open = prefix.lastIndex(of: "(") {
      // Names may hold parentheses: the last group is the id.
      let id = String(prefix[prefix.index(after: open)..<prefix.index(before: prefix.endIndex)])
      guard !id.isEmpty, !id.contains(" ") else { return nil }
      who = .friend(id: id, name: String(prefix[..<open]))
    } else if ExportText.looksLikeID(prefix),
      prefix.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
    {
      // A bare sender id (no display name) has letters; a bare date (MemoTrace v3 TXT) has none.
      who = .friend(id: prefix, name: "")
    } else {
      return nil
    }
    return Header(who: who, layout: layout, date: date, clock: clock)
  }

  /// Whether the file starts like a chatlog text export.
  static func looksLikeText(_ probe: FileProbe) -> Bool {
    // The first non-empty line, found on bytes: splitting the whole head into Characters cost
    // millions of instructions for every large file probed.
    let head = probe.head
    var start = 0
    while start < head.count, head[start] == 0x0A { start += 1 }
    guard start < head.count else { return false }
    var end = head[start...].firstIndex(of: 0x0A) ?? head.count
    while start < end, head[start] == 0x0D { start += 1 }
    while end > start, head[end - 1] == 0x0D { end -= 1 }
    return header(String(decoding: head[start..<end], as: UTF8.self)) != nil
  }

  // MARK: Reading

  /// Where the missing year (or date) comes from, decided once per file.
  struct DateBase {
    var year: Int
    var month: Int
    var day: Int
    var source: String
  }

  static func read(_ probe: FileProbe, stream: UTF8Stream, emitter: RecordEmitter, context: ImportContext)
    throws(ImportError)
  {
    let reader = LineReader(stream: stream)
    let chat = ChatlogContent.chatRef(stem: probe.stem)
    let talker = ChatlogContent.talker(fromStem: probe.stem).talker
    let ownerID = ChatlogContent.ownerID(context)
    var base: DateBase?
    var year = 0
    var lastMonth = 0
    var pending: (header: Header, line: Int, offset: Int64)?
    var content: [String] = []
    var previousBlank = true

    func flush() throws(ImportError) {
      guard let current = pending else { return }
      pending = nil
      while let last = content.last, last.isEmpty { content.removeLast() }
      let text = content.joined(separator: "\n")
      content.removeAll(keepingCapacity: true)
      let header = current.header
      var stamp: String
      switch header.layout {
      case .full:
        stamp = "\(header.date) \(header.clock)"
      case .monthDay, .timeOnly:
        if base == nil {
          let found = dateBase(probe, talker: talker, context: context)
          base = found
          year = found.year
          try emitter.once("date") {
            Issue(
              .note, .inferredDate, at: SourceLocation(path: probe.path, line: current.line),
              "times have no year; the year was taken from \(found.source) / 时间不含年份，年份取自\(found.source)",
              hint: "export with a time range spanning two years to get full dates")
          }
        }
        if header.layout == .monthDay {
          let month = Int(header.date.prefix(2)) ?? 0
          // Months run forward in a chat: a smaller month means the next year.
          if month < lastMonth { year += 1 }
          lastMonth = month
          stamp = "\(year)-\(header.date) \(header.clock)"
        } else {
          let day = base.map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) } ?? ""
          stamp = "\(day) \(header.clock)"
        }
      }
      guard let parsed = context.timeParser.parse(stamp) else {
        try emitter.issue(
          ExportText.badTime(path: probe.path, line: current.line, offset: current.offset, column: "time"))
        return
      }
      let side: MessageSide
      var sender: String?
      var writer: String?
      switch header.who {
      case .me:
        side = .me
        writer = ownerID
      case .system:
        side = .system
      case .friend(let id, _):
        side = .friend
        writer = id
      }
      let isGroup = chat.isGroup == true
      if isGroup, side != .system { sender = writer }
      var kind = side == .system ? MessageKind.system : ChatlogContent.kind(plain: text)
      let counterpart: String? = isGroup ? nil : (side == .me ? (talker.isEmpty ? nil : talker) : ownerID)
      let transfer =
        side == .system ? nil : ChatlogContent.transfer(text, writer: writer, counterpart: counterpart)
      if transfer != nil { kind = .transfer }
      try emitter.emit(
        .message(
          Message(
            chat: chat, time: parsed.unixSeconds, side: side, kind: kind, text: text, sender: sender,
            transfer: transfer,
            source: SourceLocation(path: probe.path, line: current.line, byteOffset: current.offset))))
    }

    while let line = try reader.next() {
      if previousBlank, let header = header(line.text) {
        try flush()
        pending = (header, line.number, line.byteOffset)
        previousBlank = false
        continue
      }
      previousBlank = line.text.isEmpty
      if pending != nil { content.append(line.text) }
    }
    try flush()
  }

  /// The year and date for times that lack them: a sibling JSON of the same talker (its first
  /// message), a sibling CSV named `<talker>_<from>_<to>.csv` (its `from` date), the file's own
  /// name in that form, or else the file's modification date counted back over year wraps.
  static func dateBase(_ probe: FileProbe, talker: String, context: ImportContext) -> DateBase {
    let folder = (probe.path as NSString).deletingLastPathComponent
    let manager = FileManager.default
    let json = (folder as NSString).appendingPathComponent("\(talker).json")
    if manager.fileExists(atPath: json), let date = firstJSONDate(json) {
      return DateBase(year: date.0, month: date.1, day: date.2, source: "\(talker).json")
    }
    if let from = ChatlogContent.talker(fromStem: probe.stem).from, let date = ymd(from) {
      return DateBase(year: date.0, month: date.1, day: date.2, source: "the file name")
    }
    if let names = try? manager.contentsOfDirectory(atPath: folder) {
      for name in names.sorted() where name.hasPrefix("\(talker)_") && name.hasSuffix(".csv") {
        let stem = (name as NSString).deletingPathExtension
        let split = ChatlogContent.talker(fromStem: stem)
        if split.talker == talker, let from = split.from, let date = ymd(from) {
          return DateBase(year: date.0, month: date.1, day: date.2, source: name)
        }
      }
    }
    // Last resort: the modification date is after the last message; count back over month wraps.
    let modified = (try? manager.attributesOfItem(atPath: probe.path)[.modificationDate] as? Date) ?? Date()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = context.timeParser.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: modified)
    let wraps = yearWraps(probe.path)
    return DateBase(
      year: (parts.year ?? 1970) - wraps, month: parts.month ?? 1, day: parts.day ?? 1,
      source: "the file's modification date")
  }

  private static func ymd(_ text: String) -> (Int, Int, Int)? {
    let parts = text.prefix(10).split(separator: "-")
    guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else {
      return nil
    }
    return (year, month, day)
  }

  /// The local date of the first message of a chatlog chat JSON (RFC 3339 `time`, local with offset).
  private static func firstJSONDate(_ path: String) -> (Int, Int, Int)? {
    guard let stream = try? UTF8Stream(path: path, onIssue: { _ in }) else { return nil }
    let reader = JSONStreamReader(stream: stream)
    guard (try? reader.beginArray()) == true, (try? reader.nextElement()) == true,
      let value = try? reader.readValue(), let time = value["time"]?.text
    else { return nil }
    return ymd(time)
  }

  /// How many times the month goes backwards in a file's `MM-DD` headers.
  private static func yearWraps(_ path: String) -> Int {
    guard let stream = try? UTF8Stream(path: path, onIssue: { _ in }) else { return 0 }
    let reader = LineReader(stream: stream)
    var wraps = 0
    var lastMonth = 0
    var previousBlank = true
    while let line = try? reader.next() {
      if previousBlank, let header = header(line.text), header.layout == .monthDay {
        let month = Int(header.date.prefix(2)) ?? 0
        if month < lastMonth { wraps += 1 }
        lastMonth = month
      }
      previousBlank = line.text.isEmpty
    }
    return wraps
  }
}
