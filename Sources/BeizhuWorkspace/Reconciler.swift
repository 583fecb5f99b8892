import BeizhuCore
import Foundation
import GRDB

/// Resolves every chat to one contact and decides each contact's kind, after an import.
///
/// Exports name the same friend differently: by wxid, by WeChat ID, by a display name or a
/// sanitised file name. The rules, in order (each must come before the next because …):
/// 1. contacts keyed by a WeChat ID merge into the contact that has it as alias — so the
///    wxid, the permanent id, survives;
/// 2. chats resolve: `id:` to that contact (created if new: a chat alone still yields its
///    friend), `alias:` through aliases, `name:` through every name form of every contact;
///    an unmatched name gets a provisional contact that later exports can merge into a real one;
/// 3. unknown group senders become group-only members, so they are stored and counted, never
///    classified;
/// 4. kinds: owner, then what a source declared, then the id pattern, then the chats.
enum Reconciler {
  static func run(_ db: Database) throws {
    try mergeAliasKeyedContacts(db)
    try resolveChats(db)
    try addGroupOnlyMembers(db)
    try assignKinds(db)
    try db.execute(
      sql:
        "DELETE FROM contact WHERE provisional = 1 AND id NOT IN (SELECT contactId FROM chat WHERE contactId IS NOT NULL)"
    )
  }

  /// Moves everything of contact `from` onto contact `into` and deletes `from`.
  static func merge(_ from: String, into: String, db: Database) throws {
    guard from != into, let source = try ContactStore.fetch(id: from, db: db) else { return }
    if let target = try ContactStore.fetch(id: into, db: db) {
      let merged = ContactStore.filled(target, from: source, preferredListedFirst: true)
      try db.execute(
        sql: """
          UPDATE contact SET alias = ?, nickname = ?, remark = ?, description = ?, region = ?, tags = ?, phones = ?,
            declaredKind = COALESCE(declaredKind, (SELECT declaredKind FROM contact WHERE id = ?))
          WHERE id = ?
          """,
        arguments: [
          merged.alias, merged.nickname, merged.remark, merged.description, merged.region,
          ContactStore.encode(merged.tags), ContactStore.encode(merged.phones), from, into,
        ])
    }
    try db.execute(
      sql:
        "INSERT OR IGNORE INTO contactName(name, contactId) SELECT name, ? FROM contactName WHERE contactId = ?",
      arguments: [into, from])
    try db.execute(sql: "UPDATE chat SET contactId = ? WHERE contactId = ?", arguments: [into, from])
    try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [from])
  }

  static func mergeAliasKeyedContacts(_ db: Database) throws {
    let pairs = try Row.fetchAll(
      db,
      sql: """
        SELECT a.id AS fromId, b.id AS intoId FROM contact a JOIN contact b
          ON b.alias = a.id AND b.id <> a.id
        """)
    for pair in pairs {
      try merge(pair["fromId"], into: pair["intoId"], db: db)
    }
  }

  private static func contactExists(_ id: String, _ db: Database) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM contact WHERE id = ?)", arguments: [id]) ?? false
  }

  private static func createContact(
    id: String, title: String, kind: ContactKind?, provisional: Bool, db: Database
  )
    throws
  {
    try db.execute(
      sql: """
        INSERT OR IGNORE INTO contact(id, nickname, declaredKind, provisional) VALUES (?, ?, ?, ?)
        """,
      arguments: [id, title, kind?.rawValue, provisional])
    try ContactStore.addNames(for: Contact(id: id, nickname: title), extra: [id], db: db)
  }

  static func resolveChats(_ db: Database) throws {
    let chats = try Row.fetchAll(db, sql: "SELECT id, key, title, isGroup, contactId FROM chat")
    for chat in chats {
      let key: String = chat["key"]
      let title: String = chat["title"]
      let isGroup: Bool? = chat["isGroup"]
      let current: String? = chat["contactId"]
      var target: String?
      if key.hasPrefix("id:") {
        let id = String(key.dropFirst(3))
        if try !contactExists(id, db) {
          let kind = ContactKind.fromID(id) ?? (isGroup == true ? .group : nil)
          try createContact(id: id, title: title, kind: kind, provisional: false, db: db)
        }
        target = id
      } else if key.hasPrefix("alias:") {
        let alias = String(key.dropFirst(6))
        target = try String.fetchOne(
          db, sql: "SELECT id FROM contact WHERE alias = ? OR id = ? ORDER BY provisional LIMIT 1",
          arguments: [alias, alias])
        if target == nil {
          try createContact(
            id: alias, title: title, kind: isGroup == true ? .group : nil, provisional: false, db: db)
          try db.execute(sql: "UPDATE contact SET alias = ? WHERE id = ?", arguments: [alias, alias])
          target = alias
        }
      } else {
        let name = String(key.drop { $0 != ":" }.dropFirst())
        target = try resolve(name: name, isGroup: isGroup, db: db)
        if target == nil {
          try createContact(
            id: name, title: title.isEmpty ? name : title, kind: isGroup == true ? .group : nil,
            provisional: true,
            db: db)
          target = name
        }
      }
      if let target, target != current {
        try db.execute(
          sql: "UPDATE chat SET contactId = ? WHERE id = ?", arguments: [target, chat["id"] as Int64])
      }
    }
  }

  /// The one contact that `name` denotes, preferring real contacts over provisional ones.
  static func resolve(name: String, isGroup: Bool?, db: Database) throws -> String? {
    var candidates: [Row] = []
    for form in NameVariants.all(name) {
      candidates = try Row.fetchAll(
        db,
        sql: """
          SELECT c.id, c.provisional, c.declaredKind FROM contactName n JOIN contact c ON c.id = n.contactId
          WHERE n.name = ? ORDER BY c.provisional, c.id
          """, arguments: [form])
      if !candidates.isEmpty { break }
    }
    let real = candidates.filter { ($0["provisional"] as Int) == 0 }
    var pool = real.isEmpty ? candidates : real
    if let isGroup {
      let fitting = pool.filter { row in
        let declared: String? = row["declaredKind"]
        let id: String = row["id"]
        let groupLike = declared == ContactKind.group.rawValue || id.hasSuffix("@chatroom")
        return groupLike == isGroup
      }
      if !fitting.isEmpty { pool = fitting }
    }
    let ids = Set(pool.map { $0["id"] as String })
    return ids.count == 1 ? ids.first : nil
  }

  /// Reads the group chats' messages only, through the identity index (a join on `chat` made
  /// SQLite scan every stored message on every import).
  static func addGroupOnlyMembers(_ db: Database) throws {
    let senders = try String.fetchAll(
      db,
      sql: """
        SELECT DISTINCT m.sender FROM message m
        WHERE m.chatId IN (SELECT id FROM chat WHERE isGroup = 1)
          AND m.side = 'friend' AND m.sender IS NOT NULL AND m.sender <> ''
        """)
    for sender in senders {
      if try contactExists(sender, db) { continue }
      if try String.fetchOne(db, sql: "SELECT id FROM contact WHERE alias = ?", arguments: [sender]) != nil {
        continue
      }
      if try resolve(name: sender, isGroup: false, db: db) != nil { continue }
      try createContact(id: sender, title: sender, kind: .groupMember, provisional: false, db: db)
    }
  }

  static func assignKinds(_ db: Database) throws {
    let hints = try String.fetchAll(db, sql: "SELECT key FROM ownerHint")
    let ownerIDs = Set(
      hints.filter { $0.hasPrefix("id:") || $0.hasPrefix("alias:") }.map {
        String($0.drop { $0 != ":" }.dropFirst())
      })
    let ownerNames = Set(hints.filter { $0.hasPrefix("name:") }.map { String($0.dropFirst(5)) })
    let guessedOwners = Set(hints.filter { $0.hasPrefix("guess:") }.map { String($0.dropFirst(6)) })
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.id, c.alias, c.nickname, c.remark, c.declaredKind,
          EXISTS(SELECT 1 FROM chat WHERE contactId = c.id AND isGroup = 1) AS hasGroupChat,
          EXISTS(SELECT 1 FROM chat WHERE contactId = c.id AND COALESCE(isGroup, 0) = 0) AS hasPrivateChat
        FROM contact c
        """)
    for row in rows {
      let id: String = row["id"]
      let alias: String = row["alias"]
      let nickname: String = row["nickname"]
      let remark: String = row["remark"]
      let declared = (row["declaredKind"] as String?).flatMap(ContactKind.init(rawValue:))
      var kind: ContactKind
      if ownerIDs.contains(id) || (!alias.isEmpty && ownerIDs.contains(alias)) || declared == .owner {
        kind = .owner
      } else if let declared, declared != .friend {
        kind = declared
      } else if let fromID = ContactKind.fromID(id) {
        kind = fromID
      } else if row["hasGroupChat"] as Bool {
        kind = .group
      } else if remark.isEmpty, !(row["hasPrivateChat"] as Bool),
        (!nickname.isEmpty && ownerNames.contains(nickname)) || guessedOwners.contains(id)
      {
        // Contact lists include the owner unmarked; a chat file named the owner by nickname, or
        // a side file suggested the id. Nobody remarks or chats privately with themselves.
        kind = .owner
      } else {
        kind = .friend
      }
      try db.execute(sql: "UPDATE contact SET kind = ? WHERE id = ?", arguments: [kind.rawValue, id])
    }
  }
}
