import BeizhuCore
import BeizhuFeatures
import Foundation

/// Applies a ``Scheme`` to one friend's features: level, role, revisit date, tags, reasons.
///
/// The steps run in this order, each on the result of the one before:
/// 1. level rules, first match wins (the scheme's order: for 微商, distrust before level 4 so it
///    can fire);
/// 2. the old remark's level, which evidence may only improve unless downgrades are allowed — an
///    export covers a window of time, the old remark may know more;
/// 3. role rules, then the old role and the channel list;
/// 4. pinned overrides, last, so the user always wins;
/// 5. revisit and tags, from the final level and role.
public struct Classifier: Sendable {
  public let scheme: Scheme

  public init(scheme: Scheme) {
    self.scheme = scheme
  }

  public func classify(
    _ features: FriendFeatures, contact: Contact, prior: PriorAssessment? = nil, override: Override? = nil,
    options: ClassifyOptions
  ) -> Classification {
    let facts = FactSet(features: features, today: options.today, timeZone: options.timeZone)
    var reasons: [String] = []
    var path: [RuleTrace] = []

    // 1. Level rules.
    var level = scheme.levels.map(\.level).max() ?? 0
    var matchedRule: Scheme.LevelRule?
    for rule in scheme.levels {
      let result = rule.when.evaluate(facts)
      path.append(RuleTrace(rule: rule.id, level: rule.level, matched: result.holds, why: result.why))
      if result.holds {
        matchedRule = rule
        level = rule.level
        break
      }
    }
    if let matchedRule {
      reasons.append("\(matchedRule.level)类（\(matchedRule.name)）：\(path.last?.why ?? "")")
      for fact in matchedRule.when.facts + (matchedRule.cite ?? []) where facts.value(fact) > 0 {
        for line in facts.evidence[fact] ?? [] { reasons.append("  \(FactSet.label(fact))：\(line)") }
      }
      if matchedRule.when.facts.isEmpty {
        reasons.append("  互动 \(features.interactions) 次，好友消息 \(features.messagesFromFriend) 条，均无产品话题")
      }
    } else {
      reasons.append("没有规则命中，取最后一级 \(level)")
    }

    // 2. The old level.
    if let old = prior?.level, level > old, !options.allowDowngrade {
      reasons.append("旧备注为 \(old) 类，聊天记录只覆盖一段时间，保持 \(old) 类（未允许降级）")
      level = old
    }

    // 3. Role.
    var role = Role.customer
    for rule in scheme.roles {
      let result = rule.when.evaluate(facts)
      if result.holds {
        role = rule.role
        if rule.role != .customer {
          let cited = rule.when.facts.flatMap { facts.evidence[$0] ?? [] }
          reasons.append(
            "角色 \(rule.role.rawValue)：\(result.why)"
              + (cited.isEmpty ? "" : "；" + cited.joined(separator: "；")))
        }
        break
      }
    }
    if role == .customer, prior?.role == .agent {
      role = .agent
      reasons.append("角色 D：旧备注标记为代理")
    }
    var isChannel = prior?.isChannel == true || prior?.role == .channel
    if isChannel { reasons.append("传播渠道：旧备注或标签标记为渠道") }
    if !isChannel,
      options.channelIDs.contains(contact.id)
        || (!contact.alias.isEmpty && options.channelIDs.contains(contact.alias))
    {
      isChannel = true
      reasons.append("传播渠道：在用户的渠道名单中")
    }
    if role == .channel {
      isChannel = true
      role = .customer
    }

    // 4. Overrides.
    var pinnedRevisit: Day?
    if let override {
      if let pinned = override.level {
        level = pinned
        reasons.append("等级 \(pinned)：pinned by overrides（用户指定）")
      }
      if let pinned = override.role {
        if pinned == .channel { isChannel = true } else { role = pinned }
        reasons.append("角色 \(pinned.rawValue)：pinned by overrides（用户指定）")
      }
      if let pinned = override.isChannel {
        isChannel = pinned
        reasons.append("传播渠道 \(pinned ? "是" : "否")：pinned by overrides（用户指定）")
      }
      if let pinned = override.revisit {
        pinnedRevisit = pinned
        reasons.append("回访 \(pinned)：pinned by overrides（用户指定）")
      }
    }

    // 5. Revisit and tags.
    let revisit =
      pinnedRevisit ?? revisitDay(features: features, level: level, options: options, reasons: &reasons)
    var tags: [String] = []
    if let template = scheme.tags.level {
      tags.append(template.replacingOccurrences(of: "{level}", with: String(level)))
    }
    if let roleTag = scheme.tags.roles?[role.rawValue] { tags.append(roleTag) }
    if isChannel, let channelTag = scheme.tags.roles?[Role.channel.rawValue] { tags.append(channelTag) }
    if let template = scheme.tags.product {
      for product in features.productsOfInterest.prefix(scheme.tags.maxProducts ?? 3) {
        tags.append(template.replacingOccurrences(of: "{product}", with: product))
      }
    }
    for tag in override?.addTags ?? [] where !tags.contains(tag) { tags.append(tag) }

    let rule = scheme.rule(for: level)
    return Classification(
      scheme: scheme.id, level: level, levelName: rule?.name ?? "", next: rule?.next, role: role,
      isChannel: isChannel, revisit: revisit, tags: tags, reasons: reasons, decisionPath: path,
      interactions: features.interactions, productsDiscussed: features.productsDiscussed, paid: features.paid,
      productsOfInterest: features.productsOfInterest)
  }

  /// Shipped on day t → t + delivery days; otherwise the level's cadence after the last contact,
  /// stepped forward by the cadence until it is not before `today` (so overdue friends spread
  /// over the coming days instead of all landing on today).
  func revisitDay(features: FriendFeatures, level: Int, options: ClassifyOptions, reasons: inout [String])
    -> Day
  {
    let today = options.today
    if let shipped = features.lastShipped, let delivery = scheme.deliveryDays {
      let arrival = Day(unixTime: shipped, timeZone: options.timeZone).adding(days: delivery)
      if arrival >= today {
        reasons.append(
          "回访 \(arrival)：\(TimeText.format(shipped, timeZone: options.timeZone)) 发货 + \(delivery) 天到货")
        return arrival
      }
    }
    let cadence = max(1, scheme.cadence(for: level))
    guard let last = features.lastContact else {
      reasons.append("回访 \(today)：没有聊天记录，从今天开始")
      return today
    }
    var day = Day(unixTime: last, timeZone: options.timeZone).adding(days: cadence)
    if day < today {
      let behind = day.days(until: today)
      day = day.adding(days: (behind + cadence - 1) / cadence * cadence)
    }
    reasons.append(
      "回访 \(day)：上次联系 \(TimeText.format(last, timeZone: options.timeZone))，\(level) 类每 \(cadence) 天跟进一次")
    return day
  }
}
