import BeizhuCore
import Dispatch
import Foundation
import GRDB
import GRDBSQLite

/// Stores one import run's records: contacts merged as they come, messages in batched
/// transactions, each file recorded with its hash and counts.
///
/// Writing overlaps with parsing: batches go to a serial writer queue while the importer reads
/// on; at most two batches are in flight, so memory stays bounded and both cores work.
public final class ImportWriter: @unchecked Sendable {
  /// Messages buffered before one transaction writes them.
  public static let batchSize = 5_000

  /// A message ready to store: attributed and fingerprinted.
  struct Prepared {
    var message: Message
    var fingerprint: Int64
  }

  private let workspace: Workspace
  private let queue = DispatchQueue(label: "beizhu.workspace-writer")
  private let slots = DispatchSemaphore(value: 2)
  private let lock = NSLock()
  /// The first write failure; later batches are skipped and the next call throws it.
  private var failure: WorkspaceError?
  private var pending: [Message] = []
  private var currentFileID: Int64?
  /// Used on the writer queue only.
  private var chatIDs: [String: Int64] = [:]
  /// Per chat (writer queue only): the second being read and how often each identity occurred
  /// in it, so identical messages within one second stay distinct. Reset when the second
  /// changes: memory stays flat.
  private var ordinals: [String: (second: Int64, counts: [UInt64: Int])] = [:]
  /// The chat whose ordinals are being counted, held outside ``ordinals``.
  private var ordinalsKey: String?
  private var ordinalsSecond: Int64 = 0
  private var ordinalsCounts: [UInt64: Int] = [:]
  private var stored = 0
  /// The last chat seen on the writer queue and its storage key: messages come in long runs
  /// from one chat, and building and hashing the key for each (String hashing normalizes) showed
  /// in profiles.
  private var lastChat: (key: ChatRef.Key, storageKey: String)?

  /// `chat.storageKey`, remembered for the run of messages from the same chat.
  private func storageKey(of chat: ChatRef) -> String {
    if let lastChat, lastChat.key == chat.key { return lastChat.storageKey }
    let key = chat.storageKey
    lastChat = (chat.key, key)
    return key
  }

  init(workspace: Workspace) { self.workspace = workspace }

  /// New messages stored for the current file (duplicates of earlier imports are not new).
  public var newMessages: Int {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  /// Starts a file: records it and returns its id.
  public func beginFile(path: String, size: Int64, sha256: String, format: String?, encoding: String?)
    throws(WorkspaceError)
  {
    try drain()
    lock.lock()
    stored = 0
    lock.unlock()
    ordinals.removeAll()
    ordinalsKey = nil
    ordinalsCounts = [:]
    currentFileID = try workspace.write { db in
      try db.execute(
        sql: """
          INSERT INTO importedFile(path, size, sha256, format, encoding, status, importedAt)
          VALUES (?, ?, ?, ?, ?, 'importing', ?)
          """,
        arguments: [path, size, sha256, format, encoding, Int64(Date().timeIntervalSince1970)])
      return db.lastInsertedRowID
    }
  }

  /// Ends the current file with its final counts; `sha256` replaces the one given at the start
  /// when it was computed while the file was read.
  public func endFile(status: String, contacts: Int, messages: Int, skipped: Int, sha256: String? = nil)
    throws(WorkspaceError)
  {
    try drain()
    guard let fileID = currentFileID else { return }
    let newCount = newMessages
    try workspace.write { db in
      try db.execute(
        sql: """
          UPDATE importedFile SET status = ?, contacts = ?, messages = ?, newMessages = ?, skipped = ?,
            sha256 = COALESCE(?, sha256)
          WHERE id = ?
          """,
        arguments: [status, contacts, messages, newCount, skipped, sha256, fileID])
    }
    currentFileID = nil
  }

  /// Takes one record from an importer.
  public func add(_ record: ImportRecord) throws(WorkspaceError) {
    switch record {
    case .contact(let contact, _):
      try submit { db in try ContactStore.upsert(contact, db: db) }
    case .owner(let hint):
      let workspace = self.workspace
      try submit { db in try workspace.addOwnerHint(hint, db: db) }
    case .message(let message):
      pending.append(message)
      if pending.count >= Self.batchSize { try flush() }
    case .issue:
      break
    }
  }

  /// Sends buffered messages to the writer queue.
  public func flush() throws(WorkspaceError) {
    guard !pending.isEmpty else { return }
    let batch = pending
    pending.removeAll(keepingCapacity: true)
    let fileID = currentFileID
    try submit { [self] db in
      let inserted = try insert(batch.map(prepare), fileID: fileID, db: db)
      lock.lock()
      stored += inserted
      lock.unlock()
    }
  }

  /// Waits until everything sent has been written; throws the first failure.
  public func drain() throws(WorkspaceError) {
    try flush()
    queue.sync {}
    try checkFailure()
  }

  private func checkFailure() throws(WorkspaceError) {
    lock.lock()
    let failure = self.failure
    lock.unlock()
    if let failure { throw failure }
  }

  /// Runs `body` in a write transaction on the writer queue, without waiting for it.
  private func submit(_ body: @escaping @Sendable (Database) throws -> Void) throws(WorkspaceError) {
    try checkFailure()
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      lock.lock()
      let failed = failure != nil
      lock.unlock()
      guard !failed else { return }
      do throws(WorkspaceError) {
        try workspace.write { db in try body(db) }
      } catch {
        lock.lock()
        failure = failure ?? error
        lock.unlock()
      }
    }
  }

  /// Attribution and identity; on the writer queue, in message order (the parsing thread is the
  /// busier one).
  private func prepare(_ original: Message) -> Prepared {
    let message = Self.attributed(original)
    let key = storageKey(of: message.chat)
    let base = MessageFingerprint.base(
      time: message.time, side: message.side, kind: message.kind, text: message.text)
    if key != ordinalsKey {
      // Park the previous chat's second and take this one's out, so the counts being updated
      // are never shared with the dictionary (a copy of them per message otherwise).
      if let ordinalsKey { ordinals[ordinalsKey] = (ordinalsSecond, ordinalsCounts) }
      let saved = ordinals.removeValue(forKey: key) ?? (message.time, [:])
      ordinalsKey = key
      (ordinalsSecond, ordinalsCounts) = saved
    }
    if ordinalsSecond != message.time {
      ordinalsSecond = message.time
      ordinalsCounts.removeAll(keepingCapacity: true)
    }
    let ordinal = ordinalsCounts[base, default: 0]
    ordinalsCounts[base] = ordinal + 1
    return Prepared(message: message, fingerprint: MessageFingerprint.combine(base, ordinal: ordinal))
  }

  /// Writes one batch; runs on the writer queue.
  ///
  /// Binds through SQLite's C API: boxing 19 arguments per message into GRDB's
  /// `StatementArguments` cost more than the insert itself.
  private func insert(_ batch: [Prepared], fileID: Int64?, db: Database) throws -> Int {
    var inserted = 0
    var lastChatID: (key: ChatRef.Key, id: Int64)?
    let statement = try db.cachedStatement(
      sql: """
        INSERT OR IGNORE INTO message(
          chatId, time, side, kind, text, sender, serverId, exporterKey, paySubtype, amountFen, payer,
          receiver, transferId, memo, payload, fileId, line, byteOffset, fingerprint)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let handle = statement.sqliteStatement
    for prepared in batch {
      let message = prepared.message
      let chatID: Int64
      if let lastChatID, lastChatID.key == message.chat.key {
        chatID = lastChatID.id
      } else {
        let key = storageKey(of: message.chat)
        if let known = chatIDs[key] {
          chatID = known
        } else {
          chatID = try Self.chatID(for: message.chat, db: db)
          chatIDs[key] = chatID
        }
        lastChatID = (message.chat.key, chatID)
      }
      let transfer = message.transfer
      sqlite3_reset(handle)
      var binder = Binder(handle: handle)
      binder.bind(chatID)
      binder.bind(message.time)
      binder.bind(message.side.rawValue)
      binder.bind(message.kind.rawValue)
      binder.bind(message.text)
      binder.bind(message.sender)
      binder.bind(message.serverID)
      binder.bind(message.exporterKey)
      binder.bind(transfer?.paySubtype.map(Int64.init))
      binder.bind(transfer?.amountFen)
      binder.bind(transfer?.payer)
      binder.bind(transfer?.receiver)
      binder.bind(transfer?.transferID)
      binder.bind(transfer?.memo)
      binder.bind(message.payload)
      binder.bind(fileID)
      binder.bind(Int64(message.source.line))
      binder.bind(message.source.byteOffset)
      binder.bind(prepared.fingerprint)
      let code = sqlite3_step(handle)
      guard code == SQLITE_DONE else {
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
      }
      inserted += Int(sqlite3_changes(db.sqliteConnection))
    }
    sqlite3_reset(handle)
    return inserted
  }

  /// Binds parameters in order; text is copied by SQLite (`SQLITE_TRANSIENT`).
  private struct Binder {
    let handle: OpaquePointer
    var index: Int32 = 0
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int64?) {
      index += 1
      if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: String?) {
      index += 1
      guard var value else {
        sqlite3_bind_null(handle, index)
        return
      }
      let index = self.index
      value.withUTF8 { bytes in
        if let base = bytes.baseAddress, bytes.count > 0 {
          let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
          _ = sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.transient)
        } else {
          _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
        }
      }
    }
  }

  /// WeChat's auto-accept line is typed as the friend's text but is not their words (DESIGN.md).
  static func attributed(_ message: Message) -> Message {
    guard message.side == .friend, message.kind == .text, SystemText.isAutoAccept(message.text) else {
      return message
    }
    var copy = message
    copy.side = .system
    return copy
  }

  static func chatID(for chat: ChatRef, db: Database) throws -> Int64 {
    let key = chat.storageKey
    try db.execute(
      sql: "INSERT OR IGNORE INTO chat(key, title, isGroup) VALUES (?, ?, ?)",
      arguments: [key, chat.title, chat.isGroup])
    if let isGroup = chat.isGroup {
      // A later file may know what an earlier one did not.
      try db.execute(
        sql: "UPDATE chat SET isGroup = ? WHERE key = ? AND isGroup IS NULL", arguments: [isGroup, key])
    }
    if !chat.title.isEmpty {
      try db.execute(
        sql: "UPDATE chat SET title = ? WHERE key = ? AND title = ''", arguments: [chat.title, key])
    }
    return try Int64.fetchOne(db, sql: "SELECT id FROM chat WHERE key = ?", arguments: [key]) ?? 0
  }
}
