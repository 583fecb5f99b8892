import BeizhuCore
import Foundation

/// Streams WechatExporter's text export `<Owner>/<Chat>/index.txt` (FORMATS.md §10).
///
/// Lines are `NAME (YYYY-MM-DD HH:MM:SS):CONTENT`. Three things make it harder than it looks:
/// - the transfer template has no line break at its end, so the next message is glued after it,
///   after the memo when there is one (`…- 转账\r\n<memo><next NAME> (…):…`): message starts are
///   found anywhere in a line, and the text in front of a glued start is split into the previous
///   message's rest and the next NAME by the names the chat is known to use;
/// - system notices are bare lines with no name and no time: they take the previous message's
///   time (the next one's before the first message);
/// - texts keep their line breaks, so a bare line after a text is that text going on, unless it
///   reads as a WeChat notice (`WechatExporterNotice`).
final class WechatExporterText {
  static let titleSuffixes = [" - 微信聊天记录", " - WeChat Chat History"]
  static let maxKnownNames = 4096
  static let maxEarlyNotices = 10_000

  static func isTitle(_ line: String) -> Bool {
    titleSuffixes.contains { line.hasSuffix($0) && line.count > $0.count }
  }

  private let path: String
  private let context: ImportContext
  private let emitter: RecordEmitter
  /// The `<Owner>` folder: the owner's display name with invalid file-name characters removed.
  private let ownerFolder: String
  private let chatFolder: String
  private var chatTitle = ""
  private var chat: ChatRef

  /// Names that start lines unambiguously, plus the owner's and the chat's, to split glued text.
  private var knownNames: Set<String> = []
  private var ownerNames: Set<String> = []
  private var pending: Pending?
  /// Blank lines seen after `pending`, kept only if more of its text follows.
  private var blankLines = 0
  private var lastTime: Int64?
  private var earlyNotices: [(text: String, location: SourceLocation)] = []
  /// After an unreadable header, its continuation lines belong to nothing.
  private var skipping = false

  private struct Pending {
    var name: String
    var time: Int64
    var content: String
    var memo: String?
    var location: SourceLocation
    /// A transfer ended its line: the memo follows on the next line.
    var awaitingMemo = false
  }

  init(probe: FileProbe, context: ImportContext, emitter: RecordEmitter) {
    path = probe.path
    self.context = context
    self.emitter = emitter
    let folders = probe.parentFolders
    chatFolder = folders.first ?? probe.stem
    ownerFolder = folders.count > 1 ? folders[1] : ""
    let chatDirectory = (probe.path as NSString).deletingLastPathComponent
    let listPath = ((chatDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
      "index.html")
    if let alias = WechatExporterChatLinks.shared.aliases(listPath: listPath)[chatFolder] {
      chat = ChatRef(.alias(alias), title: chatFolder)
    } else {
      chat = ChatRef(.name(chatFolder), title: chatFolder)
    }
    if !ownerFolder.isEmpty {
      knownNames.insert(ownerFolder)
      ownerNames.insert(ownerFolder)
    }
    for hint in context.ownerHints {
      for name in hint.names where !name.isEmpty {
        knownNames.insert(name)
      }
    }
    knownNames.insert(chatFolder)
  }

  func run(stream: UTF8Stream) throws(ImportError) {
    if !ownerFolder.isEmpty {
      try emitter.emit(.owner(OwnerHint(names: [ownerFolder])))
    }
    let lines = LineReader(stream: stream)
    var lastLine = 0
    while let line = try lines.next() {
      lastLine = line.number
      if line.number == 1, Self.isTitle(line.text) {
        chatTitle = Self.titleSuffixes.reduce(line.text) { title, suffix in
          title.hasSuffix(suffix) ? String(title.dropLast(suffix.count)) : title
        }
        if !chatTitle.isEmpty {
          knownNames.insert(chatTitle)
          chat.title = chatTitle
        }
        continue
      }
      try handle(line)
    }
    try flushPending()
    try flushEarlyNotices(time: nil)
    try emitter.reportMissingFinalNewline(line: lastLine)
  }

  // MARK: Lines

  private func handle(_ line: LineReader.Line) throws(ImportError) {
    var text = line.text
    let starts = text.withUTF8 { Self.messageStarts(in: $0) }
    if starts.isEmpty {
      try handleBare(line)
      return
    }
    let bytes = Array(text.utf8)
    var segmentStart = 0
    for (index, start) in starts.enumerated() {
      let segment = String(decoding: bytes[segmentStart..<start.nameEnd], as: UTF8.self)
      var name = segment
      var nameOffset = segmentStart
      if index == 0 {
        if var previous = pending, previous.awaitingMemo {
          // `<memo><NAME>`: the memo of the transfer that ended the previous line.
          let (memo, split) = try splitGlued(segment, at: line)
          name = split
          nameOffset += memo.utf8.count
          previous.memo = [previous.memo, memo].compactMap { $0 }.joined(separator: "\n")
          previous.awaitingMemo = false
          pending = previous
        } else {
          learn(name)
        }
      } else {
        // `<rest of the previous message><NAME>`: only a transfer leaves no line break.
        let (rest, split) = try splitGlued(segment, at: line)
        name = split
        nameOffset += rest.utf8.count
        pending?.content = rest
      }
      try flushPending()
      let timeText = String(decoding: bytes[start.time], as: UTF8.self)
      let location = SourceLocation(
        path: path, line: line.number, column: nameOffset + 1,
        byteOffset: line.byteOffset >= 0 ? line.byteOffset + Int64(nameOffset) : -1)
      guard let parsed = context.timeParser.parse(timeText) else {
        try emitter.issue(
          Issue(
            .warning, .badTime, at: location, "unreadable time in a message line / 消息时间无法识别，已跳过",
            hint: "expected NAME (YYYY-MM-DD HH:MM:SS):TEXT"))
        skipping = true
        segmentStart = start.contentStart
        continue
      }
      skipping = false
      if lastTime == nil { try flushEarlyNotices(time: parsed.unixSeconds) }
      lastTime = parsed.unixSeconds
      pending = Pending(name: name, time: parsed.unixSeconds, content: "", location: location)
      segmentStart = start.contentStart
    }
    if pending != nil {
      let content = String(decoding: bytes[segmentStart...], as: UTF8.self)
      pending?.content = content
      pending?.awaitingMemo = WechatExporterContent.isTransfer(content)
    }
  }

  private func handleBare(_ line: LineReader.Line) throws(ImportError) {
    let text = line.text
    if text.isEmpty {
      if pending != nil { blankLines += 1 }
      return
    }
    if var previous = pending, previous.awaitingMemo {
      previous.memo = [previous.memo, text].compactMap { $0 }.joined(separator: "\n")
      pending = previous
      return
    }
    let location = SourceLocation(path: path, line: line.number, byteOffset: line.byteOffset)
    if let previous = pending, !WechatExporterNotice.isNotice(text),
      WechatExporterContent.kind(of: previous.content) == .text
    {
      pending?.content += String(repeating: "\n", count: blankLines + 1) + text
      blankLines = 0
      return
    }
    if skipping && !WechatExporterNotice.isNotice(text) { return }
    try flushPending()
    guard let time = lastTime else {
      if earlyNotices.count < Self.maxEarlyNotices { earlyNotices.append((text, location)) }
      return
    }
    try emitter.emit(.message(notice(text, time: time, at: location)))
  }

  // MARK: Splitting glued text

  /// Splits `<front><NAME>` where NAME is a name the chat uses; the longest such NAME wins.
  private func splitGlued(_ segment: String, at line: LineReader.Line) throws(ImportError) -> (String, String)
  {
    if segment.isEmpty { return ("", "") }
    var index = segment.startIndex
    while index < segment.endIndex {
      let suffix = String(segment[index...])
      if isKnown(suffix) { return (String(segment[..<index]), suffix) }
      index = segment.index(after: index)
    }
    // An unknown name (a group member who never started a line): cut after the transfer text.
    if let end = WechatExporterContent.transferEnd(in: segment) {
      return (String(segment[..<end]), String(segment[end...]))
    }
    try emitter.once("unsplit-glued") {
      Issue(
        .note, .badRecord, at: SourceLocation(path: path, line: line.number, byteOffset: line.byteOffset),
        "a message start glued to the text before it could not be split by name / 无法从粘连文本中分出发送者",
        hint: "the sender's name may include the transfer memo before it")
    }
    return ("", segment)
  }

  private func isKnown(_ name: String) -> Bool {
    if knownNames.contains(name) { return true }
    let folderForm = NameVariants.wechatExporter(name)
    return folderForm != name && (folderForm == ownerFolder || folderForm == chatFolder)
  }

  private func learn(_ name: String) {
    guard !name.isEmpty, knownNames.count < Self.maxKnownNames else { return }
    knownNames.insert(name)
  }

  // MARK: Messages

  private func flushPending() throws(ImportError) {
    blankLines = 0
    guard let previous = pending else { return }
    pending = nil
    let isOwner =
      ownerNames.contains(previous.name)
      || (!ownerFolder.isEmpty && NameVariants.wechatExporter(previous.name) == ownerFolder)
      || context.isOwner(name: previous.name)
    if isOwner && !ownerNames.contains(previous.name) {
      // The raw display name behind the sanitised folder name.
      ownerNames.insert(previous.name)
      try emitter.emit(.owner(OwnerHint(names: [ownerFolder, previous.name].filter { !$0.isEmpty })))
    }
    let kind = WechatExporterContent.kind(of: previous.content)
    var text = previous.content
    var transfer: Transfer?
    if kind == .transfer {
      transfer = WechatExporterContent.transfer(previous.content)
      if let memo = previous.memo, !memo.isEmpty {
        transfer?.memo = memo
        text += "\n" + memo
      }
    }
    let isChatItself =
      previous.name == chatTitle || previous.name == chatFolder
      || NameVariants.wechatExporter(previous.name) == chatFolder
    let side: MessageSide = isOwner ? .me : .friend
    let message = Message(
      chat: chat, time: previous.time, side: side, kind: kind, text: text,
      sender: side == .friend && !isChatItself ? previous.name : nil, transfer: transfer,
      source: previous.location)
    try emitter.emit(.message(message))
  }

  private func notice(_ text: String, time: Int64, at location: SourceLocation) -> Message {
    Message(chat: chat, time: time, side: .system, kind: .system, text: text, source: location)
  }

  private func flushEarlyNotices(time: Int64?) throws(ImportError) {
    guard !earlyNotices.isEmpty else { return }
    let notices = earlyNotices
    earlyNotices = []
    guard let time else {
      // Notices with no message at all in the file have no time to take.
      try emitter.issue(
        Issue(
          .warning, .badTime, at: notices[0].location,
          "system lines without any timed message to take a time from / 系统消息没有可参照的时间，已跳过",
          hint: "the chat has no message with a time"))
      return
    }
    for notice in notices {
      try emitter.emit(.message(self.notice(notice.text, time: time, at: notice.location)))
    }
  }

  // MARK: Scanning

  struct Start {
    /// Where the name ends: the space before ` (`.
    var nameEnd: Int
    var time: Range<Int>
    var contentStart: Int
  }

  /// Every ` (YYYY-MM-DD HH:MM:SS):` in a line.
  /// - Complexity: O(n) in the line length.
  static func messageStarts(in bytes: UnsafeBufferPointer<UInt8>) -> [Start] {
    let shape = Array(" (dddd-dd-dd dd:dd:dd):".utf8)
    var starts: [Start] = []
    var index = 0
    while index + shape.count <= bytes.count {
      if bytes[index] == 0x20, bytes[index + 1] == UInt8(ascii: "("), matches(shape, bytes, at: index) {
        starts.append(
          Start(nameEnd: index, time: (index + 2)..<(index + 21), contentStart: index + shape.count))
        index += shape.count
        continue
      }
      index += 1
    }
    return starts
  }

  private static func matches(_ shape: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    for (offset, expected) in shape.enumerated() {
      let byte = bytes[index + offset]
      if expected == UInt8(ascii: "d") {
        guard byte >= 0x30 && byte <= 0x39 else { return false }
      } else if byte != expected {
        return false
      }
    }
    return true
  }
}
