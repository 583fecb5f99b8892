import BeizhuCore
import Foundation
import GRDB

/// A friend with the counts `beizhu contacts` prints.
public struct FriendSummary: Sendable, Hashable, Codable {
  public var contact: Contact
  public var messagesFromFriend: Int
  public var messagesFromMe: Int
  public var systemMessages: Int
  /// Unix seconds of the first and last message of the private chat, if any.
  public var firstMessage: Int64?
  public var lastMessage: Int64?
}

extension Workspace {
  /// Resolves chats to contacts and decides kinds; run after every import.
  public func reconcile() throws(WorkspaceError) {
    try write { db in try Reconciler.run(db) }
  }

  /// Every contact of a kind, ordered by id.
  public func contacts(kind: ContactKind? = nil) throws(WorkspaceError) -> [Contact] {
    try read { db in
      let rows =
        if let kind {
          try Row.fetchAll(
            db, sql: "SELECT * FROM contact WHERE kind = ? ORDER BY id", arguments: [kind.rawValue])
        } else {
          try Row.fetchAll(db, sql: "SELECT * FROM contact ORDER BY id")
        }
      return rows.map(ContactStore.contact(from:))
    }
  }

  public func contact(id: String) throws(WorkspaceError) -> Contact? {
    try read { db in try ContactStore.fetch(id: id, db: db) }
  }

  /// Contacts that are stored but never classified: groups, official accounts, group-only
  /// members and the owner.
  public func excludedCount() throws(WorkspaceError) -> Int {
    try read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact WHERE kind <> 'friend'") ?? 0
    }
  }

  /// Friends with their private-chat message counts, each message counted once however many
  /// files or exporters held it.
  public func friendSummaries() throws(WorkspaceError) -> [FriendSummary] {
    try read { db in
      typealias Entry = (friend: Int, me: Int, system: Int, first: Int64?, last: Int64?)
      var byID: [String: Entry] = [:]
      func merge(_ id: String, friend: Int, me: Int, system: Int, first: Int64, last: Int64) {
        var entry = byID[id] ?? (0, 0, 0, nil, nil)
        entry.friend += friend
        entry.me += me
        entry.system += system
        entry.first = min(entry.first ?? first, first)
        entry.last = max(entry.last ?? last, last)
        byID[id] = entry
      }
      // A friend with one private chat (nearly all): the chat's tally, kept by every import, so
      // this summary costs one row per chat however many messages the workspace holds. Within
      // one chat the identity index already makes messages unique.
      let perChat = try Row.fetchAll(
        db,
        sql: Self.privateChats + """
          SELECT p.contactId AS id, t.friend AS friend, t.me AS me, t.system AS system, t.first AS first,
            t.last AS last
          FROM chatTally t JOIN private p ON p.id = t.chatId
          WHERE p.contactId NOT IN (SELECT contactId FROM shared)
          """)
      for row in perChat {
        merge(
          row["id"], friend: row["friend"], me: row["me"], system: row["system"], first: row["first"],
          last: row["last"])
      }
      // Friends whose messages came through several chats (two exporters' names for one chat):
      // the same message may be stored once per chat, so distinct identities are counted.
      let shared = try Row.fetchAll(
        db,
        sql: Self.privateChats + """
          SELECT p.contactId AS id, m.side AS side, COUNT(DISTINCT m.fingerprint) AS n, MIN(m.time) AS first,
            MAX(m.time) AS last
          FROM private p JOIN message m ON m.chatId = p.id
          WHERE p.contactId IN (SELECT contactId FROM shared)
          GROUP BY p.contactId, m.side
          """)
      for row in shared {
        let count: Int = row["n"]
        let side: String = row["side"]
        merge(
          row["id"], friend: side == MessageSide.friend.rawValue ? count : 0,
          me: side == MessageSide.me.rawValue ? count : 0,
          system: side == MessageSide.friend.rawValue || side == MessageSide.me.rawValue ? 0 : count,
          first: row["first"], last: row["last"])
      }
      return try Row.fetchAll(db, sql: "SELECT * FROM contact WHERE kind = 'friend' ORDER BY id").map { row in
        let contact = ContactStore.contact(from: row)
        let entry = byID[contact.id]
        return FriendSummary(
          contact: contact, messagesFromFriend: entry?.friend ?? 0, messagesFromMe: entry?.me ?? 0,
          systemMessages: entry?.system ?? 0, firstMessage: entry?.first, lastMessage: entry?.last)
      }
    }
  }

  /// `private`: the chats resolved to one friend, not groups; `shared`: the friends with more
  /// than one such chat (two exporters' names for one chat).
  private static let privateChats = """
    WITH private AS (
      SELECT id, contactId FROM chat WHERE contactId IS NOT NULL AND COALESCE(isGroup, 0) = 0
    ), shared AS (
      SELECT contactId FROM private GROUP BY contactId HAVING COUNT(*) > 1
    )

    """

  /// The messages of a friend's private chats in time order, each message once.
  ///
  /// - Complexity: O(n) in the friend's messages; reads through a cursor.
  public func messages(forContact id: String) throws(WorkspaceError) -> [Message] {
    try read { db in
      let cursor = try Row.fetchCursor(
        db,
        sql: """
          SELECT m.*, c.key AS chatKey, c.title AS chatTitle, c.isGroup AS chatIsGroup, f.path AS filePath
          FROM message m JOIN chat c ON c.id = m.chatId LEFT JOIN importedFile f ON f.id = m.fileId
          WHERE c.contactId = ? AND COALESCE(c.isGroup, 0) = 0
          ORDER BY m.time, m.id
          """, arguments: [id])
      var seen = Set<Int64>()
      var messages: [Message] = []
      while let row = try cursor.next() {
        let fingerprint: Int64 = row["fingerprint"]
        guard seen.insert(fingerprint).inserted else { continue }
        messages.append(Self.message(from: row))
      }
      return messages
    }
  }

  static func message(from row: Row) -> Message {
    let key: String = row["chatKey"]
    let chatKey: ChatRef.Key =
      if key.hasPrefix("id:") { .id(String(key.dropFirst(3))) } else if key.hasPrefix("alias:") {
        .alias(String(key.dropFirst(6)))
      } else { .name(String(key.drop { $0 != ":" }.dropFirst())) }
    var transfer: Transfer?
    let paySubtype: Int? = row["paySubtype"]
    let amount: Int64? = row["amountFen"]
    let payer: String? = row["payer"]
    let receiver: String? = row["receiver"]
    if paySubtype != nil || amount != nil || payer != nil || receiver != nil {
      transfer = Transfer(
        paySubtype: paySubtype, amountFen: amount, payer: payer, receiver: receiver,
        transferID: row["transferId"],
        memo: row["memo"])
    }
    return Message(
      chat: ChatRef(chatKey, isGroup: row["chatIsGroup"], title: row["chatTitle"]), time: row["time"],
      side: MessageSide(rawValue: row["side"]) ?? .friend, kind: MessageKind(rawValue: row["kind"]) ?? .other,
      text: row["text"], sender: row["sender"], serverID: row["serverId"], exporterKey: row["exporterKey"],
      transfer: transfer, payload: row["payload"],
      source: SourceLocation(
        path: row["filePath"] ?? "", line: row["line"], byteOffset: row["byteOffset"]))
  }

  /// Files imported so far, newest first.
  public func importedFiles() throws(WorkspaceError) -> [(path: String, sha256: String, messages: Int)] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT path, sha256, messages FROM importedFile ORDER BY id DESC").map {
        ($0["path"], $0["sha256"], $0["messages"])
      }
    }
  }
}
