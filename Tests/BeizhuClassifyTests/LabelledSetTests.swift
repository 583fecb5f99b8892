import BeizhuClassify
import BeizhuCore
import BeizhuFeatures
import Foundation
import Testing

/// The synthetic labelled friends in `testdata/labelled/friends.jsonl` (made by
/// `testdata/tools/make_labelled.py`): a confusion matrix, and at least 98 % level agreement.
@Suite struct LabelledSetTests {
  struct Friend {
    var id: String
    var note: String
    var level: Int
    var role: String
    var channel: Bool
    var interactions: Int
    var paid: Bool
    var prior: PriorAssessment?
    var messages: [Message]
  }

  static func load() throws -> [Friend] {
    let url = Paths.testdata.appendingPathComponent("labelled/friends.jsonl")
    let text = try String(contentsOf: url, encoding: .utf8)
    var friends: [Friend] = []
    for line in text.split(whereSeparator: \.isNewline) {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      guard let item = object as? [String: Any], let id = item["id"] as? String,
        let expect = item["expect"] as? [String: Any], let rows = item["msgs"] as? [[Any]]
      else { throw ChatlogReader.Failure(reason: "bad fixture line") }
      var prior: PriorAssessment?
      if let p = item["prior"] as? [String: Any] {
        prior = PriorAssessment(level: p["level"] as? Int, isChannel: p["isChannel"] as? Bool ?? false)
      }
      var time: Int64 = 1_717_207_200
      var messages: [Message] = []
      for row in rows {
        guard row.count >= 3, let minutes = row[0] as? Int, let side = row[1] as? String,
          let text = row[2] as? String
        else { throw ChatlogReader.Failure(reason: "bad message row") }
        time += Int64(minutes) * 60
        let kindName = row.count > 3 ? row[3] as? String : nil
        let kind: MessageKind =
          switch kindName {
          case "redPacket": .redPacket
          case let name?: MessageKind(rawValue: name) ?? .other
          case nil: side == "s" ? .system : .text
          }
        var transfer: Transfer?
        if row.count > 4, let t = row[4] as? [String: Any] {
          transfer = Transfer(
            paySubtype: t["sub"] as? Int, amountFen: (t["fen"] as? Int).map(Int64.init),
            payer: (t["payer"] as? String).map { $0 == "wxid_L" ? id : $0 },
            receiver: (t["receiver"] as? String).map { $0 == "wxid_L" ? id : $0 })
        }
        messages.append(
          Message(
            chat: ChatRef(.id(id)), time: time, side: side == "f" ? .friend : side == "m" ? .me : .system,
            kind: kind, text: text, transfer: transfer, source: SourceLocation(path: "friends.jsonl")))
      }
      friends.append(
        Friend(
          id: id, note: item["note"] as? String ?? "", level: expect["level"] as? Int ?? 0,
          role: expect["role"] as? String ?? "K", channel: expect["channel"] as? Bool ?? false,
          interactions: expect["interactions"] as? Int ?? -1, paid: expect["paid"] as? Bool ?? false,
          prior: prior,
          messages: messages))
    }
    return friends
  }

  @Test func levelAgreementAndConfusionMatrix() throws {
    let friends = try Self.load()
    #expect(friends.count >= 60)
    let extractor = try FeatureExtractor()
    let classifier = Classifier(scheme: try Scheme.load(named: "weishang"))
    var matrix = [[Int]](repeating: [Int](repeating: 0, count: 7), count: 7)
    var agree = 0
    var misses: [String] = []
    for friend in friends {
      let contact = Contact(id: friend.id)
      let features = extractor.features(for: contact, messages: friend.messages)
      let result = classifier.classify(
        features, contact: contact, prior: friend.prior,
        options: ClassifyOptions(today: Day(year: 2025, month: 1, day: 15)))
      matrix[friend.level][result.level] += 1
      if result.level == friend.level {
        agree += 1
      } else {
        misses.append("\(friend.id) \(friend.note): expected \(friend.level), got \(result.level)")
      }
      #expect(features.interactions == friend.interactions, "\(friend.id) \(friend.note)")
      #expect(features.paid == friend.paid, "\(friend.id) \(friend.note)")
      #expect(result.role.rawValue == friend.role, "\(friend.id) \(friend.note)")
      #expect(result.isChannel == friend.channel, "\(friend.id) \(friend.note)")
    }
    var table = "expected \\ got   1   2   3   4   5   6\n"
    for level in 1...6 {
      table +=
        "            \(level)  "
        + (1...6).map { String(format: "%3d", matrix[level][$0]) }.joined(separator: " ") + "\n"
    }
    print(table + "agreement \(agree)/\(friends.count)\n" + misses.joined(separator: "\n"))
    #expect(Double(agree) >= 0.98 * Double(friends.count), "\(misses.joined(separator: "\n"))")
    for level in 1...6 {
      #expect(matrix[level].reduce(0, +) >= 3, "level \(level) is covered several times")
    }
  }
}
