import GRDB

/// The workspace schema, one migration per change so old workspaces upgrade in place.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE importedFile (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            format TEXT,
            encoding TEXT,
            status TEXT NOT NULL,
            importedAt INTEGER NOT NULL,
            contacts INTEGER NOT NULL DEFAULT 0,
            messages INTEGER NOT NULL DEFAULT 0,
            newMessages INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0
          );
          CREATE TABLE contact (
            id TEXT PRIMARY KEY NOT NULL,
            alias TEXT NOT NULL DEFAULT '',
            nickname TEXT NOT NULL DEFAULT '',
            remark TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            description TEXT NOT NULL DEFAULT '',
            phones TEXT NOT NULL DEFAULT '[]',
            region TEXT NOT NULL DEFAULT '',
            declaredKind TEXT,
            kind TEXT NOT NULL DEFAULT 'friend',
            provisional INTEGER NOT NULL DEFAULT 0
          );
          CREATE INDEX contact_alias ON contact(alias);
          CREATE TABLE contactName (
            name TEXT NOT NULL,
            contactId TEXT NOT NULL REFERENCES contact(id) ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY (name, contactId)
          ) WITHOUT ROWID;
          CREATE TABLE ownerHint (
            key TEXT PRIMARY KEY NOT NULL
          ) WITHOUT ROWID;
          CREATE TABLE chat (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            isGroup INTEGER,
            contactId TEXT REFERENCES contact(id) ON DELETE SET NULL ON UPDATE CASCADE
          );
          CREATE INDEX chat_contact ON chat(contactId);
          CREATE TABLE message (
            id INTEGER PRIMARY KEY,
            chatId INTEGER NOT NULL REFERENCES chat(id) ON DELETE CASCADE,
            time INTEGER NOT NULL,
            side TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            sender TEXT,
            serverId TEXT,
            exporterKey TEXT,
            paySubtype INTEGER,
            amountFen INTEGER,
            payer TEXT,
            receiver TEXT,
            transferId TEXT,
            memo TEXT,
            payload TEXT,
            fileId INTEGER REFERENCES importedFile(id),
            line INTEGER NOT NULL DEFAULT 0,
            byteOffset INTEGER NOT NULL DEFAULT -1,
            fingerprint INTEGER NOT NULL
          );
          -- Time first: chats arrive in time order, so inserts append to the index instead of
          -- landing at random pages (a random fingerprint index made a 200 MB import 20x slower
          -- than a 20 MB one). The fingerprint already includes the second.
          CREATE UNIQUE INDEX message_identity ON message(chatId, time, fingerprint);
          """)
    }
    // What the user entered by hand (`beizhu apply --mark-applied`): one row per run, one per
    // friend with the state before and after, so `undo` can restore and `show` list history.
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          CREATE TABLE appliedPlan (
            id INTEGER PRIMARY KEY,
            appliedAt INTEGER NOT NULL,
            today TEXT NOT NULL,
            scheme TEXT NOT NULL,
            undoneAt INTEGER
          );
          CREATE TABLE appliedEntry (
            planId INTEGER NOT NULL REFERENCES appliedPlan(id) ON DELETE CASCADE,
            contactId TEXT NOT NULL,
            previousRemark TEXT NOT NULL,
            previousTags TEXT NOT NULL,
            previousDescription TEXT NOT NULL,
            remark TEXT NOT NULL,
            tags TEXT NOT NULL,
            description TEXT NOT NULL,
            level INTEGER NOT NULL,
            role TEXT NOT NULL,
            revisit TEXT,
            PRIMARY KEY (planId, contactId)
          ) WITHOUT ROWID;
          CREATE INDEX appliedEntry_contact ON appliedEntry(contactId, planId);
          """)
    }
    // Per-chat counts kept up to date by each import, so the summary that ends every import
    // reads one row per chat instead of scanning every message stored so far.
    migrator.registerMigration("v3") { db in
      try db.execute(
        sql: """
          CREATE TABLE chatTally (
            chatId INTEGER PRIMARY KEY REFERENCES chat(id) ON DELETE CASCADE,
            friend INTEGER NOT NULL DEFAULT 0,
            me INTEGER NOT NULL DEFAULT 0,
            system INTEGER NOT NULL DEFAULT 0,
            first INTEGER NOT NULL,
            last INTEGER NOT NULL
          );
          INSERT INTO chatTally(chatId, friend, me, system, first, last)
            SELECT chatId, SUM(side = 'friend'), SUM(side = 'me'), SUM(side NOT IN ('friend', 'me')),
              MIN(time), MAX(time)
            FROM message GROUP BY chatId;
          """)
    }
    return migrator
  }
}
