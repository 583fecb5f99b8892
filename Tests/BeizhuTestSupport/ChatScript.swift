import BeizhuCore

/// Builds one private chat message by message, with times advancing as told.
public struct ChatScript: Sendable {
  public var chat: ChatRef
  public var time: Int64
  public private(set) var messages: [Message] = []

  /// Starts at 2024-06-01 10:00 Asia/Shanghai unless told otherwise.
  public init(id: String = "wxid_friend", start: Int64 = 1_717_207_200) {
    chat = ChatRef(.id(id), isGroup: false)
    time = start
  }

  /// Appends a message `after` seconds after the previous one.
  public mutating func add(
    _ side: MessageSide, _ text: String, kind: MessageKind = .text, after: Int64 = 60,
    transfer: Transfer? = nil,
    payload: String? = nil
  ) {
    time += after
    messages.append(
      Message(
        chat: chat, time: time, side: side, kind: kind, text: text, transfer: transfer, payload: payload,
        source: SourceLocation(path: "script", line: messages.count + 1)))
  }

  public mutating func friend(_ text: String, kind: MessageKind = .text, after: Int64 = 60) {
    add(.friend, text, kind: kind, after: after)
  }

  public mutating func me(_ text: String, kind: MessageKind = .text, after: Int64 = 60) {
    add(.me, text, kind: kind, after: after)
  }

  public mutating func system(_ text: String, after: Int64 = 60) {
    add(.system, text, kind: .system, after: after)
  }

  /// Silence of `seconds` before the next message.
  public mutating func wait(_ seconds: Int64) { time += seconds }
}
