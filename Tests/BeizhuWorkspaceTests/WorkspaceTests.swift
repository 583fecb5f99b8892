import BeizhuCore
import BeizhuTestSupport
import GRDB
import Testing

@testable import BeizhuWorkspace

@Suite struct WorkspaceTests {
  let location = SourceLocation(path: "test")

  func message(_ chat: ChatRef, _ time: Int64, _ side: MessageSide, _ text: String, kind: MessageKind = .text)
    -> Message
  {
    Message(chat: chat, time: time, side: side, kind: kind, text: text, source: location)
  }

  /// Stores one "file" of records.
  func store(_ records: [ImportRecord], in workspace: Workspace, path: String = "f") throws {
    let writer = workspace.makeImportWriter()
    try writer.beginFile(path: path, size: 0, sha256: "", format: nil, encoding: nil)
    for record in records { try writer.add(record) }
    try writer.endFile(status: "imported", contacts: 0, messages: 0, skipped: 0)
    try workspace.reconcile()
  }

  var wangChat: [ImportRecord] {
    let chat = ChatRef(.id("wxid_wang"), isGroup: false)
    return [
      .message(message(chat, 100, .friend, "水乳套装甜不甜呀")),
      .message(message(chat, 200, .me, "299元一套")),
      .message(message(chat, 200, .me, "299元一套")),  // said twice in one second: two messages
      .message(message(chat, 300, .friend, "", kind: .transfer)),
      .message(message(chat, 50, .friend, SystemText.autoAccept)),
    ]
  }

  @Test func importingTheSameFileTwiceChangesNoCount() throws {
    let workspace = try Workspace.inMemory()
    try store(wangChat, in: workspace)
    let first = try workspace.friendSummaries()
    try store(wangChat, in: workspace)
    let second = try workspace.friendSummaries()
    #expect(first == second)
    #expect(first.count == 1)
    #expect(first.first?.messagesFromFriend == 2)
    #expect(first.first?.messagesFromMe == 2)
    // The auto-accept text is WeChat's, not the friend's.
    #expect(first.first?.systemMessages == 1)
  }

  /// Repeats within one second are told apart per chat, also when another chat's messages come
  /// in between (the writer keeps the current chat's counts aside while it switches).
  @Test func repeatsInOneSecondCountPerChatAcrossInterleaving() throws {
    let workspace = try Workspace.inMemory()
    let wang = ChatRef(.id("wxid_wang"), isGroup: false)
    let li = ChatRef(.id("wxid_li"), isGroup: false)
    let records: [ImportRecord] = [
      .message(message(wang, 200, .friend, "好的")),
      .message(message(li, 200, .friend, "好的")),
      .message(message(wang, 200, .friend, "好的")),
      .message(message(li, 201, .friend, "好的")),
      .message(message(wang, 200, .friend, "好的")),
    ]
    try store(records, in: workspace)
    try store(records, in: workspace)
    let counts = Dictionary(
      uniqueKeysWithValues: try workspace.friendSummaries().map { ($0.contact.id, $0.messagesFromFriend) })
    #expect(counts == ["wxid_wang": 3, "wxid_li": 2])
  }

  @Test func twoExportersViewsOfOneFriendCountOnce() throws {
    let workspace = try Workspace.inMemory()
    try store(
      [.contact(Contact(id: "wxid_wang", alias: "wang_85", nickname: "王丽", remark: "王姐-老客户"), location)]
        + wangChat, in: workspace)
    // Another tool names the chat by its file stem and renders the transfer as text.
    let byName = ChatRef(.name("王姐老客户"))
    try store(
      [
        .message(message(byName, 100, .friend, "水乳套装甜不甜呀 ")),
        .message(message(byName, 200, .me, "299元一套")),
        .message(message(byName, 300, .friend, "[Money Transfer]", kind: .transfer)),
        .message(message(byName, 400, .friend, "new in this export")),
      ], in: workspace, path: "g")
    let friends = try workspace.friendSummaries()
    #expect(friends.map(\.contact.id) == ["wxid_wang"])
    #expect(friends.first?.messagesFromFriend == 3)
    #expect(friends.first?.messagesFromMe == 2)
    #expect(try workspace.messages(forContact: "wxid_wang").count == 6)
  }

  @Test func aChatAloneYieldsItsFriendAndALaterContactListMergesIt() throws {
    let workspace = try Workspace.inMemory()
    try store([.message(message(ChatRef(.name("小鹿"), title: "小鹿🦌"), 10, .friend, "在吗"))], in: workspace)
    #expect(try workspace.friendSummaries().map(\.contact.id) == ["小鹿"])
    try store([.contact(Contact(id: "wxid_lu", nickname: "小鹿🦌"), location)], in: workspace)
    let friends = try workspace.friendSummaries()
    #expect(friends.map(\.contact.id) == ["wxid_lu"])
    #expect(friends.first?.messagesFromFriend == 1)
  }

  @Test func aWeChatIDKeyedContactMergesIntoTheWxid() throws {
    let workspace = try Workspace.inMemory()
    try store([.contact(Contact(id: "wang_85", remark: "王姐"), location)], in: workspace)
    try store(
      [.contact(Contact(id: "wxid_wang", alias: "wang_85", nickname: "王丽", tags: ["客户"]), location)],
      in: workspace)
    let contacts = try workspace.contacts()
    #expect(contacts.map(\.id) == ["wxid_wang"])
    #expect(contacts.first?.remark == "王姐")
    #expect(contacts.first?.tags == ["客户"])
  }

  @Test func groupsMembersOfficialAccountsAndTheOwnerAreExcluded() throws {
    let workspace = try Workspace.inMemory()
    let group = ChatRef(.id("123@chatroom"), isGroup: true)
    var member = message(group, 10, .friend, "收到")
    member.sender = "wxid_member"
    var friendInGroup = message(group, 11, .friend, "好")
    friendInGroup.sender = "wxid_wang"
    try store(
      [
        .contact(Contact(id: "wxid_wang", nickname: "王丽"), location),
        .contact(Contact(id: "gh_abc", nickname: "顺丰速运"), location),
        .contact(Contact(id: "wxid_me", nickname: "林小雨"), location),
        .owner(OwnerHint(id: "wxid_me")),
        .message(member), .message(friendInGroup),
      ], in: workspace)
    let friends = try workspace.friendSummaries()
    #expect(friends.map(\.contact.id) == ["wxid_wang"])
    // Group messages never count for the friend.
    #expect(friends.first?.messagesFromFriend == 0)
    let kinds = Dictionary(uniqueKeysWithValues: try workspace.contacts().map { ($0.id, $0.kind) })
    #expect(kinds["123@chatroom"] == .group)
    #expect(kinds["gh_abc"] == .officialAccount)
    #expect(kinds["wxid_me"] == .owner)
    #expect(kinds["wxid_member"] == .groupMember)
    #expect(try workspace.excludedCount() == 4)
  }

  @Test func anAmbiguousNameStaysProvisionalInsteadOfGuessing() throws {
    let workspace = try Workspace.inMemory()
    try store(
      [
        .contact(Contact(id: "wxid_a", nickname: "Amy"), location),
        .contact(Contact(id: "wxid_b", nickname: "Amy"), location),
        .message(message(ChatRef(.name("Amy")), 10, .friend, "hi")),
      ], in: workspace)
    #expect(Set(try workspace.friendSummaries().map(\.contact.id)) == ["wxid_a", "wxid_b", "Amy"])
  }

  @Test func workspaceOnDiskSurvivesReopening() throws {
    let path = Fixtures.temporaryDirectory() + "/w.sqlite"
    try store(wangChat, in: try Workspace(path: path))
    let reopened = try Workspace(path: path)
    #expect(try reopened.friendSummaries().first?.messagesFromFriend == 2)
  }

  /// The per-chat tally the summary reads must equal a recount of the stored messages: across
  /// batch boundaries inside one chat, chats taking turns, repeats and re-imports.
  @Test func chatTallyEqualsARecountOfStoredMessages() throws {
    let workspace = try Workspace.inMemory()
    let chats = (0..<3).map { ChatRef(.id("wxid_\($0)"), isGroup: false) }
    let sides: [MessageSide] = [.friend, .me, .system, .friend]
    var records: [ImportRecord] = []
    for index in 0..<(ImportWriter.batchSize * 2 + 123) {
      // Runs of 700 per chat, so batches end inside a chat and chats come back later.
      let chat = chats[(index / 700) % chats.count]
      records.append(.message(message(chat, Int64(1_000 + index / 3), sides[index % 4], "m\(index % 5)")))
    }
    try store(records, in: workspace)
    try store(Array(records.prefix(4_000)), in: workspace)  // re-import: nothing new
    try store([.message(message(chats[1], 5, .friend, "earliest"))], in: workspace)
    let (tally, recount) = try workspace.read { db in
      (
        try Row.fetchAll(
          db, sql: "SELECT chatId, friend, me, system, first, last FROM chatTally ORDER BY chatId"),
        try Row.fetchAll(
          db,
          sql: """
            SELECT chatId, SUM(side = 'friend') AS friend, SUM(side = 'me') AS me,
              SUM(side NOT IN ('friend', 'me')) AS system, MIN(time) AS first, MAX(time) AS last
            FROM message GROUP BY chatId ORDER BY chatId
            """)
      )
    }
    #expect(tally.count == 3)
    #expect(tally == recount)
    // Message batches are written without SQLite's reference checks: every reference must hold
    // all the same, and the checks must be back on for everything else.
    let (violations, checksOn) = try workspace.read { db in
      (
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"),
        try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
      )
    }
    #expect(violations.isEmpty)
    #expect(checksOn == true)
    let summaries = try workspace.friendSummaries()
    #expect(
      summaries.reduce(0) { $0 + $1.messagesFromFriend + $1.messagesFromMe + $1.systemMessages } == 10_124)
    #expect(summaries.first { $0.contact.id == "wxid_1" }?.firstMessage == 5)
  }

  /// A workspace written before the tally existed gets it filled from its messages on opening.
  @Test func openingAnOlderWorkspaceFillsTheTally() throws {
    let path = Fixtures.temporaryDirectory() + "/old.sqlite"
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: "v2")
    try queue.write { db in
      try db.execute(sql: "INSERT INTO chat(id, key) VALUES (1, 'id:wxid_old')")
      for (time, side) in [(10, "friend"), (20, "me"), (30, "friend"), (40, "system")] {
        try db.execute(
          sql:
            "INSERT INTO message(chatId, time, side, kind, text, fingerprint) VALUES (1, ?, ?, 'text', '', ?)",
          arguments: [time, side, time])
      }
    }
    try queue.close()
    let workspace = try Workspace(path: path)
    try workspace.reconcile()
    let friend = try #require(try workspace.friendSummaries().first)
    #expect(friend.contact.id == "wxid_old")
    #expect(
      [friend.messagesFromFriend, friend.messagesFromMe, friend.systemMessages] == [2, 1, 1])
    #expect(friend.firstMessage == 10 && friend.lastMessage == 40)
  }

  /// Every value copied for a row stays where it was put until the next row, across blocks and
  /// for values larger than a block: SQLite reads them in place when the row is stepped.
  @Test func rowTextKeepsEveryValueOfARowInPlace() {
    let buffer = ImportWriter.RowTextBuffer()
    for row in 0..<3 {
      buffer.reset()
      let values = (0..<40).map { index in
        Array(String(repeating: "第\(row)行\(index)值", count: index == 7 ? 9_000 : index * 50).utf8)
      }
      let pointers = values.map { value in value.withUnsafeBufferPointer { buffer.copy($0) } }
      for (value, pointer) in zip(values, pointers) {
        #expect(Array(UnsafeBufferPointer(start: pointer, count: value.count)) == value)
      }
    }
  }

  /// The identity part either thread may compute: the auto-accept text is WeChat's, and its
  /// identity is a system message's, whichever thread hashed it.
  @Test func identitiesAttributeTheAutoAcceptTextToWeChat() {
    let chat = ChatRef(.id("wxid_wang"), isGroup: false)
    let batch = [message(chat, 50, .friend, SystemText.autoAccept), message(chat, 60, .friend, "在吗")]
    let identities = ImportWriter.identities(of: batch)
    #expect(identities.map(\.side) == [.system, .friend])
    #expect(
      identities[0].base
        == MessageFingerprint.base(time: 50, side: .system, kind: .text, text: SystemText.autoAccept))
  }
}
