import BeizhuClassify
import BeizhuCompose
import BeizhuCore
import BeizhuFeatures
import Foundation

/// One friend as the planner needs it: the contact and the private chat, each message once.
public struct PlanSubject: Sendable {
  public var contact: Contact
  public var messages: [Message]

  public init(contact: Contact, messages: [Message]) {
    self.contact = contact
    self.messages = messages
  }
}

/// Options of one plan run (`beizhu plan`).
public struct PlanOptions: Sendable {
  public var today: Day
  public var allowDowngrade: Bool
  /// Friend ids the user lists as channels (传播渠道).
  public var channelIDs: Set<String>
  public var timeZone: TimeZone
  /// Values pinned per friend (`--overrides FILE`), by id or alias.
  public var overrides: [String: PinnedValues]

  public init(
    today: Day, allowDowngrade: Bool = false, channelIDs: Set<String> = [],
    timeZone: TimeZone = Day.defaultTimeZone,
    overrides: [String: PinnedValues] = [:]
  ) {
    self.today = today
    self.allowDowngrade = allowDowngrade
    self.channelIDs = channelIDs
    self.timeZone = timeZone
    self.overrides = overrides
  }
}

/// Everything `plan` decided for one friend, for the plan document and `beizhu show`.
public struct PlanDecision: Sendable {
  public var subject: Contact
  public var features: FriendFeatures
  public var classification: Classification
  public var composed: ComposedRemark
  public var entry: PlanEntry
}

/// old → new per friend: features, classification with the scheme, then one batch composition
/// so remarks are unique over all friends.
public struct Planner: Sendable {
  public let scheme: Scheme
  public let extractor: FeatureExtractor
  public let composer: RemarkComposer

  public init(scheme: Scheme, extractor: FeatureExtractor, composer: RemarkComposer = RemarkComposer()) {
    self.scheme = scheme
    self.extractor = extractor
    self.composer = composer
  }

  /// Classifies one friend (features and scheme); cheap enough to call per friend while
  /// streaming from the workspace, so only one chat is in memory at a time.
  public func classify(_ subject: PlanSubject, options: PlanOptions) -> (
    FriendFeatures, Classification
  ) {
    let contact = subject.contact
    let features = extractor.features(for: contact, messages: subject.messages)
    let legacy = composer.parser.parse(
      remark: contact.remark, tags: contact.tags, description: contact.description)
    let prior = PriorAssessment(
      level: legacy.level, role: legacy.role,
      isChannel: legacy.isChannel)
    let pinned =
      options.overrides[contact.id] ?? (contact.alias.isEmpty ? nil : options.overrides[contact.alias])
    let classification = Classifier(scheme: scheme).classify(
      features, contact: contact, prior: prior, override: pinned?.override,
      options: ClassifyOptions(
        today: options.today, allowDowngrade: options.allowDowngrade, channelIDs: options.channelIDs,
        timeZone: options.timeZone))
    return (features, classification)
  }

  /// Composes remarks for all classified friends and builds the plan document.
  public func plan(
    _ classified: [(contact: Contact, features: FriendFeatures, classification: Classification)],
    options: PlanOptions, excluded: Int
  ) -> (document: PlanDocument, decisions: [PlanDecision]) {
    let inputs = classified.map { item -> ComposeInput in
      let classification = item.classification
      let role: Role =
        classification.isChannel
        ? .channel : (Role(rawValue: classification.role.rawValue) ?? .customer)
      let revisit = classification.revisit.flatMap { RevisitDate(month: $0.month, day: $0.day) }
      var phones = item.contact.phones
      for phone in item.features.phones where !phones.contains(phone) { phones.append(phone) }
      var input = ComposeInput(
        contact: item.contact, level: classification.level, role: role, revisit: revisit)
      input.address = item.features.addresses.last?.text ?? ""
      input.phones = phones
      input.extraTags = classification.tags
      let pinned = options.overrides[item.contact.id]
      input.pinnedName = pinned?.name
      return input
    }
    let composed = Dictionary(
      composer.compose(for: inputs).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var decisions: [PlanDecision] = []
    for item in classified.sorted(by: { $0.contact.id < $1.contact.id }) {
      guard let remark = composed[item.contact.id] else { continue }
      let classification = item.classification
      var reasons = classification.reasons
      if remark.revisitSearchWarning, let code = remark.revisit?.code {
        reasons.append("搜索提示：回访码 \(code) 也出现在 \(remark.revisitSearchCollisions) 个手机号里")
      }
      for reason in remark.reviewReasons { reasons.append("需复核：\(Self.describe(reason))") }
      let dropped = remark.accounting.droppedInformation.map { entry -> String in
        if case .dropped(let why) = entry.destination { return "\(entry.piece.text)（\(why)）" }
        return entry.piece.text
      }
      let entry = PlanEntry(
        id: item.contact.id, alias: item.contact.alias, nickname: item.contact.nickname,
        oldRemark: item.contact.remark, remark: remark.remark, oldTags: item.contact.tags, tags: remark.tags,
        description: remark.description, phones: remark.phones, level: remark.level,
        role: remark.role.rawValue,
        revisit: classification.revisit?.description, interactions: classification.interactions,
        messagesFromFriend: item.features.messagesFromFriend, messagesFromMe: item.features.messagesFromMe,
        productsDiscussed: classification.productsDiscussed, paid: classification.paid,
        needsReview: remark.needsReview, reasons: reasons, dropped: dropped)
      decisions.append(
        PlanDecision(
          subject: item.contact, features: item.features, classification: classification, composed: remark,
          entry: entry))
    }
    let document = PlanDocument(
      scheme: scheme.id, today: options.today.description, contacts: decisions.map(\.entry),
      excluded: excluded)
    return (document, decisions)
  }

  static func describe(_ reason: ComposedRemark.ReviewReason) -> String {
    switch reason {
    case .nameFallback: "昵称没有可用的名字，暂用微信号或 id"
    case .droppedInformation: "旧备注有内容无处安放"
    case .overBudget: "备注超出 16 个汉字的长度"
    case .levelDowngrade: "旧备注的级别比聊天记录显示的更高"
    }
  }
}
