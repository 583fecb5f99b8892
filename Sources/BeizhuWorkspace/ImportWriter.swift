import BeizhuCore
import Foundation
import GRDB

/// Stores one import run's records: contacts merged as they come, messages in batched
/// transactions, each file recorded with its hash and counts.
public final class ImportWriter {
  /// Messages buffered before one transaction writes them.
  public static let batchSize = 5_000

  private let workspace: Workspace
  private var pending: [Message] = []
  private var currentFileID: Int64?
  private var chatIDs: [String: Int64] = [:]
  /// Per chat: the second being read and how often each identity occurred in it, so identical
  /// messages within one second stay distinct. Reset when the second changes: memory stays flat.
  private var ordinals: [String: (second: Int64, counts: [UInt64: Int])] = [:]
  /// New messages stored for the current file (duplicates of earlier imports are not new).
  public private(set) var newMessages = 0

  init(workspace: Workspace) { self.workspace = workspace }

  /// Starts a file: records it and returns its id.
  public func beginFile(path: String, size: Int64, sha256: String, format: String?, encoding: String?)
    throws(WorkspaceError)
  {
    try flush()
    newMessages = 0
    ordinals.removeAll()
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

  /// Ends the current file with its final counts.
  public func endFile(status: String, contacts: Int, messages: Int, skipped: Int) throws(WorkspaceError) {
    try flush()
    guard let fileID = currentFileID else { return }
    let stored = newMessages
    try workspace.write { db in
      try db.execute(
        sql: """
          UPDATE importedFile SET status = ?, contacts = ?, messages = ?, newMessages = ?, skipped = ?
          WHERE id = ?
          """,
        arguments: [status, contacts, messages, stored, skipped, fileID])
    }
    currentFileID = nil
  }

  /// Takes one record from an importer.
  public func add(_ record: ImportRecord) throws(WorkspaceError) {
    switch record {
    case .contact(let contact, _):
      try workspace.write { db in try ContactStore.upsert(contact, db: db) }
    case .owner(let hint):
      try workspace.write { db in try workspace.addOwnerHint(hint, db: db) }
    case .message(let message):
      pending.append(message)
      if pending.count >= Self.batchSize { try flush() }
    case .issue:
      break
    }
  }

  /// Writes buffered messages in one transaction.
  public func flush() throws(WorkspaceError) {
    guard !pending.isEmpty else { return }
    let batch = pending
    pending.removeAll(keepingCapacity: true)
    let fileID = currentFileID
    var chatIDs = self.chatIDs
    var ordinals = self.ordinals
    let inserted = try workspace.write { db -> Int in
      var inserted = 0
      let insert = try db.cachedStatement(
        sql: """
          INSERT OR IGNORE INTO message(
            chatId, time, side, kind, text, sender, serverId, exporterKey, paySubtype, amountFen, payer,
            receiver, transferId, memo, payload, fileId, line, byteOffset, fingerprint)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for original in batch {
        let message = Self.attributed(original)
        let key = message.chat.storageKey
        let chatID: Int64
        if let known = chatIDs[key] {
          chatID = known
        } else {
          chatID = try Self.chatID(for: message.chat, db: db)
          chatIDs[key] = chatID
        }
        let base = MessageFingerprint.base(
          time: message.time, side: message.side, kind: message.kind, text: message.text)
        var state = ordinals[key] ?? (message.time, [:])
        if state.second != message.time { state = (message.time, [:]) }
        let ordinal = state.counts[base, default: 0]
        state.counts[base] = ordinal + 1
        ordinals[key] = state
        let transfer = message.transfer
        try insert.execute(arguments: [
          chatID, message.time, message.side.rawValue, message.kind.rawValue, message.text, message.sender,
          message.serverID, message.exporterKey, transfer?.paySubtype, transfer?.amountFen, transfer?.payer,
          transfer?.receiver, transfer?.transferID, transfer?.memo, message.payload, fileID,
          message.source.line, message.source.byteOffset,
          MessageFingerprint.combine(base, ordinal: ordinal),
        ])
        inserted += db.changesCount
      }
      return inserted
    }
    self.chatIDs = chatIDs
    self.ordinals = ordinals
    newMessages += inserted
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
