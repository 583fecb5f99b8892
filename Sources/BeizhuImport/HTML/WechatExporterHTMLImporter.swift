import BeizhuCore
import Foundation

/// Reads WechatExporter's HTML output (FORMATS.md §10): chat pages `<Owner>/<Chat>/index.html`,
/// their `Files/Data/msg-N.js` message files, and the chat list `<Owner>/index.html`.
///
/// Every message counts once: a page whose DOM holds messages is read and the `msg-N.js` files
/// beside it are skipped (they repeat the same messages); a "load on scroll" page with an empty
/// DOM reads all `msg-N.js` files of its folder in numeric order instead. A `msg-N.js` file is
/// read on its own only when its folder has no chat page.
public struct WechatExporterHTMLImporter: FormatImporter {
  public static let chatPage = FileFormat(.wechatexporter, "chat-html", role: .chat)
  public static let messageScript = FileFormat(.wechatexporter, "msg-js", role: .chat)
  public static let chatList = FileFormat(.wechatexporter, "chat-list-html", role: .contacts)

  public init() {}

  public var formats: [FileFormat] { [Self.chatPage, Self.messageScript, Self.chatList] }

  public func detect(_ probe: FileProbe) -> FileFormat? {
    let name = probe.fileName.lowercased()
    if Self.messageScriptNumber(name) != nil {
      let folders = probe.parentFolders
      let underData = folders.count >= 2 && folders[0] == "Data" && folders[1] == "Files"
      if probe.head.isEmpty { return underData ? Self.messageScript : nil }
      if probe.headContains("msgArray"), probe.headContains("moreWechatMsgs") || underData {
        return Self.messageScript
      }
      return nil
    }
    guard probe.fileExtension == "html" || probe.fileExtension == "htm" else { return nil }
    if Self.isChatPage(probe) { return Self.chatPage }
    let text = probe.headText
    if text.contains("<title>微信聊天记录"), text.contains("Portrait/"), text.contains("/index.html\"") {
      return Self.chatList
    }
    return nil
  }

  static func isChatPage(_ probe: FileProbe) -> Bool {
    probe.headContains("moreWechatMsgs") || probe.headContains("微信聊天记录</title>")
  }

  /// `N` of `msg-N.js`.
  static func messageScriptNumber(_ fileName: String) -> Int? {
    guard fileName.hasPrefix("msg-"), fileName.hasSuffix(".js") else { return nil }
    return Int(fileName.dropFirst(4).dropLast(3))
  }

  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    switch format {
    case Self.chatList:
      try WechatExporterChatList.read(path: probe.path, sink: sink)
    case Self.messageScript:
      try importMessageScript(probe, context: context, sink: sink)
    default:
      try importChatPage(probe, context: context, sink: sink)
    }
  }

  private func importChatPage(_ probe: FileProbe, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    let folderPath = (probe.path as NSString).deletingLastPathComponent
    let folder = (folderPath as NSString).lastPathComponent
    let payloads = PayloadParser()
    let chat = WechatExporterChat(folder: folder, path: probe.path, context: context, payloads: payloads)
    let bubbles = try Self.readPage(path: probe.path, chat: chat, sink: sink)
    if bubbles == 0 {
      // "Load on scroll": the messages are only in Files/Data/msg-N.js.
      for script in Self.messageScripts(inChatFolder: folderPath) {
        try Self.readMessageScript(path: script, chat: chat, sink: sink)
      }
    }
    try chat.finish(sink: sink)
  }

  private func importMessageScript(_ probe: FileProbe, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {
    let chatFolder = ((probe.path as NSString).deletingLastPathComponent as NSString)
      .deletingLastPathComponent
    let chatFolderPath = (chatFolder as NSString).deletingLastPathComponent
    let page = (chatFolderPath as NSString).appendingPathComponent("index.html")
    if let pageProbe = try? FileProbe.read(path: page), Self.isChatPage(pageProbe) {
      try sink(
        .issue(
          Issue(
            .note, .preferredSource, at: SourceLocation(path: probe.path),
            "read with the chat page index.html (the same messages; counted once) / 已随 index.html 读取",
            hint: nil)))
      return
    }
    guard !probe.head.isEmpty else { return }
    let folder = (chatFolderPath as NSString).lastPathComponent
    let chat = WechatExporterChat(
      folder: folder, path: probe.path, context: context, payloads: PayloadParser())
    try Self.readMessageScript(path: probe.path, chat: chat, sink: sink)
    try chat.finish(sink: sink)
  }

  /// `Files/Data/msg-N.js` of a chat folder, in numeric order.
  static func messageScripts(inChatFolder folder: String) -> [String] {
    let data = ((folder as NSString).appendingPathComponent("Files") as NSString).appendingPathComponent(
      "Data")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
    return
      names
      .compactMap { name in messageScriptNumber(name).map { (number: $0, name: name) } }
      .sorted { $0.number < $1.number }
      .map { (data as NSString).appendingPathComponent($0.name) }
  }

  /// The start of a top-level bubble: a safe place to start a new parser segment.
  static let bubbleStart: [UInt8] = Array("<div class=\"msg ".utf8)

  /// Streams a chat page's DOM; returns the number of bubbles found.
  static func readPage(path: String, chat: WechatExporterChat, sink: ImportSink) throws(ImportError) -> Int {
    var pending: [Issue] = []
    let stream = try UTF8Stream(path: path) { pending.append($0) }
    let dom = WechatExporterDOM()
    let parser = HTMLStreamParser(path: path, handler: dom)
    dom.parser = parser
    parser.cutMarker = bubbleStart
    var tail: [UInt8] = []
    while true {
      let chunk = try stream.next()
      if chunk.isEmpty { break }
      parser.feed(chunk)
      tail = Array((tail + chunk.suffix(64)).suffix(64))
      try drain(dom: dom, parser: parser, chat: chat, issues: &pending, sink: sink)
    }
    let end = parser.location
    // A page that reaches `</html>` is whole: whatever libxml2 still holds back is parsed by
    // `finish()`. Only a cut page can end inside a bubble, which is then dropped as partial.
    let isWhole = String(decoding: tail, as: UTF8.self).lowercased().contains("</html>")
    if !isWhole, dom.isInsideBubble {
      dom.discardOpenBubble()
      pending.append(
        Issue(
          .error, .truncated, at: end,
          "the page ends inside a message (expected </div>); earlier messages were imported / 文件不完整（被截断）",
          hint: "export the chat again for the rest"))
    } else if !isWhole, dom.count > 0, !tail.isEmpty {
      pending.append(
        Issue(
          .warning, .truncated, at: end,
          "the page ends before </html>; messages up to here were imported / 页面不完整", hint: nil))
    }
    parser.finish()
    parser.summarizeErrors()
    try drain(dom: dom, parser: parser, chat: chat, issues: &pending, sink: sink)
    return dom.count
  }

  /// Streams the HTML snippets of one `msg-N.js` (`var msgArray = ["<div …>", …]`).
  static func readMessageScript(path: String, chat: WechatExporterChat, sink: ImportSink) throws(ImportError)
  {
    var pending: [Issue] = []
    let stream = try UTF8Stream(path: path) { pending.append($0) }
    let reader = JSONStreamReader(stream: stream, lenient: true)
    let dom = WechatExporterDOM()
    let parser = HTMLStreamParser(path: path, handler: dom)
    dom.parser = parser
    do throws(ImportError) {
      guard try reader.skip(past: Array("msgArray".utf8)) else { return }
      guard try reader.skip(past: [UInt8(ascii: "=")]), try reader.beginArray() else {
        try sink(
          .issue(
            Issue(
              .error, .badRecord,
              at: SourceLocation(path: path, line: reader.currentLine, byteOffset: reader.byteOffset),
              "expected `msgArray = [` / 缺少 msgArray 数组", hint: nil)))
        return
      }
      while try reader.nextElement() {
        let location = (line: reader.currentLine, offset: reader.byteOffset)
        let value = try reader.readValue()
        guard case .string(let snippet) = value else {
          pending.append(
            Issue(
              .warning, .badRecord,
              at: SourceLocation(path: path, line: location.line, byteOffset: location.offset),
              "expected an HTML string in msgArray / msgArray 元素不是字符串", hint: nil))
          continue
        }
        parser.fixedLocation = location
        parser.feed(Array(snippet.utf8))
        try drain(dom: dom, parser: parser, chat: chat, issues: &pending, sink: sink)
        parser.restartIfLarger(than: parser.segmentBytes)
      }
    } catch {
      guard case .rejected(let issue) = error else { throw error }
      pending.append(issue)
    }
    if dom.isInsideBubble { dom.finishBubble() }
    parser.finish()
    parser.summarizeErrors()
    try drain(dom: dom, parser: parser, chat: chat, issues: &pending, sink: sink)
  }

  private static func drain(
    dom: WechatExporterDOM, parser: HTMLStreamParser, chat: WechatExporterChat, issues: inout [Issue],
    sink: ImportSink
  ) throws(ImportError) {
    for issue in issues { try sink(.issue(issue)) }
    issues.removeAll()
    for issue in parser.issues { try sink(.issue(issue)) }
    parser.issues.removeAll()
    let bubbles = dom.takeBubbles()
    for bubble in bubbles { try chat.add(bubble, sink: sink) }
  }
}

/// Reads the chat list `<Owner>/index.html`: one row per chat folder, `<img src="Portrait/<wxid>.jpg">`
/// and `<a href="<Chat>/index.html"><Chat> （微信号：<alias>）</a>`.
enum WechatExporterChatList {
  static func read(path: String, sink: ImportSink) throws(ImportError) {
    var pending: [Issue] = []
    let stream = try UTF8Stream(path: path) { pending.append($0) }
    let rows = ChatListRows()
    let parser = HTMLStreamParser(path: path, handler: rows)
    rows.parser = parser
    while true {
      let chunk = try stream.next()
      if chunk.isEmpty { break }
      parser.feed(chunk)
      try drain(rows, parser, &pending, sink)
    }
    parser.finish()
    rows.finishRow()
    parser.summarizeErrors()
    try drain(rows, parser, &pending, sink)
  }

  private static func drain(
    _ rows: ChatListRows, _ parser: HTMLStreamParser, _ issues: inout [Issue], _ sink: ImportSink
  ) throws(ImportError) {
    for issue in issues + parser.issues { try sink(.issue(issue)) }
    issues.removeAll()
    parser.issues.removeAll()
    let contacts = rows.contacts
    rows.contacts.removeAll()
    for (contact, location) in contacts { try sink(.contact(contact, location)) }
  }

  /// Chat folder → WeChat ID for every row that shows one, for the TXT importer, which knows a
  /// chat only by its folder. A list that cannot be read gives no aliases.
  static func aliases(path: String) -> [String: String] {
    var result: [String: String] = [:]
    try? read(path: path) { (record: ImportRecord) throws(ImportError) in
      if case .contact(let contact, _) = record, !contact.alias.isEmpty, let folder = contact.otherNames.first
      {
        result[folder] = contact.alias
      }
    }
    return result
  }

  /// `阿杰 健身房 （微信号：ajie_fitness）` → name and alias.
  static func split(linkText: String) -> (name: String, alias: String?) {
    let text = linkText.trimmingCharacters(in: .whitespacesAndNewlines)
    for marker in ["（微信号：", "(微信号:", "（微信号:"] {
      guard let range = text.range(of: marker, options: .backwards) else { continue }
      var alias = String(text[range.upperBound...])
      if alias.hasSuffix("）") || alias.hasSuffix(")") { alias.removeLast() }
      alias = alias.trimmingCharacters(in: .whitespaces)
      let name = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
      return (name, alias.isEmpty ? nil : alias)
    }
    return (text, nil)
  }

  final class ChatListRows: HTMLEventHandler {
    var contacts: [(Contact, SourceLocation)] = []
    unowned(unsafe) var parser: HTMLStreamParser?
    private var portrait: String?
    private var href: String?
    private var linkText: [UInt8] = []
    private var inLink = false
    private var location = SourceLocation(path: "")

    func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes) {
      if HTMLBytes.equals(name, "tr") {
        finishRow()
      } else if HTMLBytes.equals(name, "img"), let source = attributes.string("src"),
        source.hasPrefix("Portrait/")
      {
        let file = String(source.dropFirst("Portrait/".count))
        portrait = (file as NSString).deletingPathExtension
      } else if HTMLBytes.equals(name, "a"), let target = attributes.string("href"),
        target.hasSuffix("/index.html")
      {
        if href != nil { finishRow() }
        href = target
        inLink = true
        linkText.removeAll()
        location = parser?.location ?? SourceLocation(path: "")
      }
    }

    func endElement(_ name: UnsafeBufferPointer<UInt8>) {
      if HTMLBytes.equals(name, "a") { inLink = false }
      if HTMLBytes.equals(name, "tr") { finishRow() }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
      if inLink { linkText.append(contentsOf: bytes) }
    }

    func rawText(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func rawTextEnded() {}

    func finishRow() {
      defer {
        portrait = nil
        href = nil
        inLink = false
        linkText.removeAll()
      }
      guard let href else { return }
      let encodedFolder = String(href.dropLast("/index.html".count))
      let folder = encodedFolder.removingPercentEncoding ?? encodedFolder
      let (name, alias) = split(linkText: String(decoding: linkText, as: UTF8.self))
      let id = alias ?? portrait ?? folder
      guard !id.isEmpty else { return }
      var otherNames: [String] = []
      for candidate in [folder, name] where !candidate.isEmpty && !otherNames.contains(candidate) {
        otherNames.append(candidate)
      }
      let contact = Contact(
        id: id, alias: alias ?? "", kind: portrait.flatMap(ContactKind.fromID), otherNames: otherNames)
      contacts.append((contact, location))
    }
  }
}
