import ArgumentParser
import BeizhuCore
import BeizhuKit
import BeizhuWorkspace
import BeizhuWrite
import Foundation

extension BeizhuCommand {
  struct Contacts: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the friends in the workspace with their message counts (好友列表).",
      discussion: """
        Groups, official accounts, people met only in groups and your own account are left out \
        and counted as excluded.
        """)

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var zoneOption: TimeZoneOption

    func run() throws {
      let workspace = try workspaceOptions.open()
      let zone = zoneOption.zone
      let friends: [FriendSummary]
      let excluded: Int
      do {
        friends = try workspace.friendSummaries()
        excluded = try workspace.excludedCount()
      } catch {
        Output.err("error: \(error.errorDescription ?? "cannot read the workspace")")
        throw ExitCode(1)
      }
      switch format {
      case .json:
        let document = ContactsDocument(
          version: 1, contacts: friends.map { ContactsDocument.Entry($0, zone: zone) }, excluded: excluded)
        Output.out(try Output.json(document))
      case .text:
        var rows = [["id", "name 名称", "friend", "me", "first", "last"]]
        for friend in friends {
          rows.append([
            friend.contact.id, friend.contact.displayName, String(friend.messagesFromFriend),
            String(friend.messagesFromMe), Timestamps.iso(friend.firstMessage, zone: zone) ?? "-",
            Timestamps.iso(friend.lastMessage, zone: zone) ?? "-",
          ])
        }
        Output.out(TerminalText.table(rows))
        Output.err("\(friends.count) friends, \(excluded) excluded.")
      }
    }
  }
}

/// `beizhu contacts --format json`, as DESIGN.md's contract gives it (version 1).
struct ContactsDocument: Encodable {
  struct Entry: Encodable {
    var id: String
    var alias: String
    var nickname: String
    var remark: String
    var tags: [String]
    var messagesFromFriend: Int
    var messagesFromMe: Int
    var firstMessage: String?
    var lastMessage: String?

    init(_ summary: FriendSummary, zone: TimeZone) {
      id = summary.contact.id
      alias = summary.contact.alias
      nickname = summary.contact.nickname
      remark = summary.contact.remark
      tags = summary.contact.tags
      messagesFromFriend = summary.messagesFromFriend
      messagesFromMe = summary.messagesFromMe
      firstMessage = Timestamps.iso(summary.firstMessage, zone: zone)
      lastMessage = Timestamps.iso(summary.lastMessage, zone: zone)
    }
  }

  var version: Int
  var contacts: [Entry]
  var excluded: Int
}

enum Timestamps {
  /// `2024-04-03T15:25:21+08:00` in `zone`.
  static func iso(_ unixSeconds: Int64?, zone: TimeZone) -> String? {
    guard let unixSeconds else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = zone
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
  }
}
