import BeizhuCore
import Foundation

/// MemoTrace TXT chats: v2 `<R>.txt` (FORMATS.md §6) and v3 `<R>.txt` (§7).
///
/// A block starts at a line beginning with `YYYY-MM-DD HH:MM:SS`; texts may hold blank lines.
/// v2 writes `time name` + content, and system notices as `time content` on one line followed
/// by the blank separator; v3 writes system blocks with a time-only header. Names are display
/// names only: in a private chat the friend's is the file stem `<R>` (the sanitised
/// remark-or-nickname) and any other name is the owner's. Where the chat's id is unknown (v2, or
/// a v3 file moved out of its `<R>(<wxid>)` folder), a pre-scan of the header names decides
/// private vs group: three or more names, or two names neither of which is `<R>`, make a group.
/// In a group, a name is the owner's only when the context knows it (owner hints).
struct MemoTraceTextChat {
  enum Flavor: Sendable { case v2, v3 }

  let probe: FileProbe
  let flavor: Flavor
  let context: ImportContext
  let chunkSize: Int

  /// Which MemoTrace TXT `probe` is, if any: v3 when the folder is `<stem>(<id>)` or a
  /// time-only header line appears, v2 otherwise.
  static func flavor(of probe: FileProbe) -> Flavor? {
    // Most files that reach here are other exporters' text: reject them on the first line before
    // splitting the whole head.
    let firstText =
      probe.firstLine.isEmpty
      ? probe.headText.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
      : probe.firstLine
    guard MemoTraceText.timeHeaderLength(firstText) != nil else { return nil }
    var lines = probe.headText.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    // The last line of a partial head may be cut short.
    if probe.size < 0 || probe.size > Int64(probe.head.count) { lines = Array(lines.dropLast()) }
    guard let first = lines.first(where: { !$0.isEmpty }),
      MemoTraceText.timeHeaderLength(String(first)) != nil
    else { return nil }
    if let folder = probe.parentFolders.first, let split = MemoTraceText.splitFolder(folder),
      split.name == probe.stem
    {
      return .v3
    }
    if lines.contains(where: { $0.utf8.count == 19 && MemoTraceText.timeHeaderLength(String($0)) == 19 }) {
      return .v3
    }
    return .v2
  }

  /// One TXT block.
  struct Block {
    var time: Int64
    /// `nil` for a system block.
    var name: String?
    var text: String
    var location: SourceLocation
  }

  /// Reads blocks one at a time.
  final class BlockReader {
    private let lines: LineReader
    private let flavor: Flavor
    private let path: String
    private let timeParser: LocalTimeParser
    private let pending: PendingIssues
    private var header: (time: Int64, rest: String, location: SourceLocation)?
    private var body: [String] = []
    private var finished = false
    /// Headers whose time did not parse (reported by the caller).
    var badTimes: [SourceLocation] = []

    init(path: String, flavor: Flavor, chunkSize: Int, timeParser: LocalTimeParser) throws(ImportError) {
      let pending = PendingIssues()
      self.pending = pending
      self.path = path
      self.flavor = flavor
      self.timeParser = timeParser
      let stream = try UTF8Stream(path: path, chunkSize: chunkSize) { pending.items.append($0) }
      lines = LineReader(stream: stream)
    }

    func next(sink: ImportSink) throws(ImportError) -> Block? {
      while !finished {
        let line = try lines.next()
        try pending.flush(sink)
        guard let line else {
          finished = true
          return finish()
        }
        if let length = MemoTraceText.timeHeaderLength(line.text) {
          let timeText = String(line.text.utf8.prefix(length)) ?? ""
          let rest = line.text.count > length ? String(line.text.dropFirst(20)) : ""
          let location = SourceLocation(path: path, line: line.number, byteOffset: line.byteOffset)
          let block = finish()
          if let parsed = timeParser.parse(timeText) {
            header = (parsed.unixSeconds, rest, location)
          } else {
            header = nil
            badTimes.append(location)
          }
          body.removeAll(keepingCapacity: true)
          if let block { return block }
          continue
        }
        if header != nil { body.append(line.text) }
      }
      return nil
    }

    private func finish() -> Block? {
      guard let header else { return nil }
      self.header = nil
      while let last = body.last, last.trimmed(newlines: false).isEmpty { body.removeLast() }
      let text = body.joined(separator: "\n")
      body.removeAll(keepingCapacity: true)
      switch flavor {
      case .v3:
        if header.rest.isEmpty {
          return Block(time: header.time, name: nil, text: text, location: header.location)
        }
        return Block(time: header.time, name: header.rest, text: text, location: header.location)
      case .v2:
        // `time content` directly followed by the blank separator is a system notice.
        if text.isEmpty {
          return Block(time: header.time, name: nil, text: header.rest, location: header.location)
        }
        return Block(
          time: header.time, name: MemoTraceText.unescapeDisplayName(header.rest), text: text,
          location: header.location)
      }
    }
  }

  /// The chat as the folder names it: `(ref key, R, isGroup)`.
  private var chatIdentity: (id: String?, name: String) {
    if flavor == .v3, let folder = probe.parentFolders.first, let split = MemoTraceText.splitFolder(folder) {
      return (split.id, split.name)
    }
    return (nil, probe.stem)
  }

  private func isFriendName(_ name: String, chatName: String) -> Bool {
    name == chatName || NameVariants.memoTrace(name) == chatName
  }

  /// Private vs group from the names of the non-system blocks (see the type's summary).
  private func scanNames(chatName: String) throws(ImportError) -> Bool? {
    let reader = try BlockReader(
      path: probe.path, flavor: flavor, chunkSize: chunkSize, timeParser: context.timeParser)
    var names = Set<String>()
    var sawFriend = false
    while let block = try reader.next(sink: { _ in }) {
      guard let name = block.name else { continue }
      if isFriendName(name, chatName: chatName) {
        sawFriend = true
      } else {
        names.insert(name)
      }
      if names.count >= 2 { return true }
    }
    if sawFriend { return false }
    // One name that is not `<R>`: the owner alone, or one member of a group; unknown.
    return nil
  }

  func read(sink: ImportSink) throws(ImportError) {
    let (id, name) = chatIdentity
    let isGroup: Bool?
    if let id {
      isGroup = id.hasSuffix("@chatroom")
    } else {
      isGroup = try scanNames(chatName: name)
    }
    let chat = ChatRef(id.map { .id($0) } ?? .name(name), isGroup: isGroup, title: name)
    let reader = try BlockReader(
      path: probe.path, flavor: flavor, chunkSize: chunkSize, timeParser: context.timeParser)
    var reportedBadTimes = 0
    while true {
      let block = try reader.next(sink: sink)
      while reportedBadTimes < reader.badTimes.count {
        try sink(
          .issue(
            Issue(
              .warning, .badTime, at: reader.badTimes[reportedBadTimes],
              "block skipped: its header time is not a date / 消息时间无法识别，已跳过",
              hint: "expected YYYY-MM-DD HH:MM:SS at the start of the line")))
        reportedBadTimes += 1
      }
      guard let block else { break }
      let side: MessageSide
      var sender: String?
      if let author = block.name {
        if isGroup == true {
          side = context.isOwner(name: author) ? .me : .friend
          if side == .friend { sender = author }
        } else {
          side = isFriendName(author, chatName: name) ? .friend : .me
        }
      } else {
        side = .system
      }
      let rendered = MemoTraceRenderedText.interpret(block.text, isSystem: side == .system)
      let message = Message(
        chat: chat, time: block.time, side: side, kind: rendered.kind, text: rendered.text, sender: sender,
        transfer: rendered.transfer, payload: rendered.payload, source: block.location)
      try sink(.message(message))
    }
  }
}
